#!/bin/bash
# The expansion ROM as a boot device (seed manual §5, "MLNX NIC <ver>" in
# the list of boot devices): with two NICs, each with our ROM, SeaBIOS'
# boot menu lists one entry per NIC, named by the product string and PCI
# address.  Choosing the second NIC's entry boots through its ROM, whose
# autoboot tries that NIC before the other.
. "$(dirname "$0")/lib.sh"

bin=$(dirname "${1:-bin/cxboot.lkrn}")
version=$(sed -n 's/^VERSION *:= *//p' Makefile)
qt_init rom-menu "$bin/1af41000.rom"
e1000_mac=52:54:00:00:00:02

qt_boot menu -nographic -boot menu=on \
	-device "virtio-net-pci,netdev=n0,romfile=$IMAGE" -netdev user,id=n0 \
	-device "e1000,netdev=n1,mac=$e1000_mac,romfile=$(realpath \
		"$bin/8086100e.rom")" -netdev user,id=n1
if qt_wait "Press ESC for boot menu" 60; then
	qt_type '\033'
fi
expect_output "SeaBIOS shows its boot menu" "Select boot device" 20
expect_output "the menu lists the first NIC's ROM" \
	"cxboot $version (PCI 00:03.0)" 10
expect_output "the menu lists the second NIC's ROM" \
	"cxboot $version (PCI 00:04.0)" 10
choice=$(tr -d '\r' <"$QT_LOG" |
	sed -n "s/^\([0-9a-z]\)\. cxboot $version (PCI 00:04\.0)\$/\1/p" |
	head -n 1)
if [ -n "$choice" ]; then
	qt_type "$choice"
	expect_output "choosing it boots from its ROM" \
		"cxboot $version (PCI 00:04.0) starting" 30
	expect_output "autoboot starts" "DHCP (" 30
	first=$(tail -c +"$((QT_MARK - 5))" "$QT_LOG" | tr -d '\r' |
		grep -ao "DHCP ([a-z0-9]* [0-9a-f:]*" | head -n 1)
	expect_true "autoboot tries the ROM's own NIC first ($first)" \
		'[ "${first##* }" = "$e1000_mac" ]'
else
	qt_fail "the second NIC's entry has a menu key"
fi

qt_finish
