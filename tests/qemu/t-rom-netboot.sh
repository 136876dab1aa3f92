#!/bin/bash
# The expansion ROM booting a real operating system from a real DHCP and
# TFTP server (dnsmasq), for virtio-net and e1000.
#
# Autoboot: SeaBIOS boots from the ROM's boot entry, which names our
# product; autoboot gets an address and a #!ipxe script name from DHCP,
# the script loads Debian's kernel and two initrds over TFTP, and Linux's
# /init prints the marker from its command line.
#
# Ctrl-B at POST: the shell opens instead; ifstat, dhcp and
# echo ${filename} show the device and what DHCP said, and autoboot from
# the shell then boots Linux the same way.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netboot-lib.sh"

bin=$(dirname "${1:-bin/cxboot.lkrn}")
version=$(sed -n 's/^VERSION *:= *//p' Makefile)
qt_init rom-netboot "$bin/1af41000.rom"
nb_init 64
nb_tap tap0

MAC=52:54:00:64:00:01
product="cxboot $version (PCI 00:03.0)"

# boot_rom TAG MODEL ROM: QEMU with that NIC, the ROM as its option ROM,
# booting from the network first.
boot_rom() {
	qt_boot "$1" -nographic -m 512 -boot n \
		-netdev tap,id=n0,ifname=tap0,script=no,downscript=no \
		-device "$2,netdev=n0,mac=$MAC,romfile=$(realpath "$3")"
}

# linux_runs TAG MARKER T0: the marker line, then Linux's power-off,
# which ends QEMU; logs the time from T0 to the marker.
linux_runs() {
	local seen=$QT_FAILS t1

	expect_output "$1: Linux runs /init with our command line and both initrds" \
		"PAYLOAD-OK marker=$2 extra=second" 180
	t1=$(qt_now)
	[ "$QT_FAILS" != "$seen" ] ||
		qt_log "$1: marker $(awk -v a="$3" -v b="$t1" \
			'BEGIN { printf "%.1f", b - a }') s after QEMU started"
	expect_output "$1: Linux powers the machine off" "reboot: Power down" 60
	if ! qt_wait_exit 30; then
		qt_fail "$1: QEMU ends after the power-off"
		kill "$QT_PID" 2>/dev/null || true
		wait "$QT_PID" 2>/dev/null || true
	fi
}

# script MODEL MARKER: the #!ipxe script DHCP names, and dnsmasq
# (re)started to hand it out.
script() {
	nb_script "boot-$1.ipxe" "#!ipxe\nkernel vmlinuz console=ttyS0 \
panic=-1 quiet cxmarker=$2\ninitrd initrd.gz\ninitrd extra.gz\nboot\n"
	nb_dnsmasq_stop
	nb_dnsmasq "--dhcp-boot=boot-$1.ipxe"
}

for nic in virtio-net-pci:1af41000:virtio-net e1000:8086100e:e1000; do
	model=${nic%%:*}
	rom=$bin/$(echo "$nic" | cut -d: -f2).rom
	driver=${nic##*:}

	# Autoboot from the ROM's boot entry.
	tag=$model-auto
	marker=$tag-$RANDOM$$
	script "$model" "$marker"
	t0=$(qt_now)
	boot_rom "$tag" "$model" "$rom"
	expect_output "$tag: banner at POST" \
		"$product -- network boot firmware" 60
	expect_output "$tag: SeaBIOS boots from the ROM" "Booting from ROM" 30
	expect_output "$tag: the boot entry names the product" \
		"$product starting" 30
	expect_output "$tag: DHCP on the ROM's NIC" \
		"DHCP (net0 $MAC)... ok" 60
	expect_output "$tag: the script named by DHCP is fetched" \
		"tftp://$SRV_IP/boot-$model.ipxe... ok" 30
	linux_runs "$tag" "$marker" "$t0"

	# Ctrl-B at POST, then commands in the shell.
	tag=$model-ctrlb
	marker=$tag-$RANDOM$$
	script "$model" "$marker"
	t0=$(qt_now)
	boot_rom "$tag" "$model" "$rom"
	if qt_wait "Press Ctrl-B to configure" 60; then
		qt_type '\002'
	fi
	expect_output "$tag: Ctrl-B at POST is taken" "the shell opens" 10
	expect_output "$tag: the shell opens at the boot entry" "cxboot>" 60
	expect_true "$tag: no autoboot before the shell" \
		'! grep -aq "DHCP (" "$QT_LOG"'
	qt_send 'ifstat'
	expect_output "$tag: ifstat shows the ROM's NIC" \
		"net0: $MAC using $driver on 0000:00:03.0" 30
	qt_wait "cxboot>" 30 || true
	qt_send 'dhcp net0'
	expect_output "$tag: dhcp net0" "DHCP (net0 $MAC)... ok" 60
	qt_wait "cxboot>" 30 || true
	qt_send 'echo ${filename}'
	expect_line "$tag: DHCP gave the script's name" "boot-$model.ipxe" 30
	qt_wait "cxboot>" 30 || true
	qt_send 'autoboot'
	expect_output "$tag: autoboot fetches the script" \
		"tftp://$SRV_IP/boot-$model.ipxe... ok" 60
	linux_runs "$tag" "$marker" "$t0"
done

qt_finish
