#!/bin/bash
# The .mrom image on QEMU's e1000 (its 128 KiB memory BAR 0 can hold the
# whole ROM; QEMU exposes the whole romfile as the ROM BAR, and SeaBIOS
# copies only the first image's declared size, the stub):
#
# - the file: a stub of at most 4 KiB, then a dummy image of code type
#   FFh holding the rest (checked without the build's tools); the
#   ConnectX-3 image smaller than iPXE's .mrom for the same ID with its
#   default features (86,016 bytes);
# - Ctrl-B at POST opens the shell, so the stub has fetched and unpacked
#   the payload, which is not in the part the BIOS copied;
# - the NIC's PCI configuration header (lspci in the shell) is the same
#   as under the plain .rom, whose POST code touches no PCI register:
#   the stub gave back every register it moved;
# - on virtio-net (no memory BAR as large as its ROM BAR) the stub reads
#   the ROM BAR where SeaBIOS placed it;
# - SeaBIOS' boot menu names a ConnectX-stamped .mrom MLNX NIC <version>;
# - the boot entry's banner lists the adapter's port with its MAC, and
#   autoboot brings Linux up to the marker.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netboot-lib.sh"

bin=$(dirname "${1:-bin/cxboot.lkrn}")
version=$(sed -n 's/^VERSION *:= *//p' Makefile)
qt_init rom-mrom "$bin/8086100e.mrom"
MROM=$IMAGE
ROM=$(realpath "$bin/8086100e.rom")
product="cxboot $version (PCI 00:03.0)"
MAC=52:54:00:64:00:02

# The layout, read as the PCI Firmware Specification describes it.
stub=$(python3 - "$MROM" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
def image(off):
    assert d[off:off + 2] == b"\x55\xaa", "no 55AA at %#x" % off
    p = off + struct.unpack_from("<H", d, off + 0x18)[0]
    assert d[p:p + 4] == b"PCIR"
    ven, dev = struct.unpack_from("<HH", d, p + 4)
    ilen, = struct.unpack_from("<H", d, p + 0x10)
    return ven, dev, ilen * 512, d[p + 0x14], d[p + 0x15] & 0x80
ven, dev, size, ctype, last = image(0)
assert (ven, dev, ctype, last) == (0x8086, 0x100e, 0, 0), "stub PCIR"
assert d[2] * 512 == size and sum(d[:size]) % 256 == 0, "stub size/sum"
ven, dev, size2, ctype, last = image(size)
assert ctype == 0xff and last, "second image not a last, type FFh"
assert size + size2 == len(d), "images do not cover the file"
print(size)
PY
) || stub=
expect_true "8086100e.mrom: a stub, then a type-FFh image with the rest" \
	'[ -n "$stub" ]'
expect_true "the stub the BIOS copies is at most 4 KiB ($stub bytes)" \
	'[ -n "$stub" ] && [ "$stub" -le 4096 ]'
cx3=$(stat -c %s "$bin/15b31003.mrom" 2>/dev/null) || cx3=
expect_true "15b31003.mrom is smaller than iPXE's for that ID, 86016 bytes \
($cx3 bytes)" '[ -n "$cx3" ] && [ "$cx3" -lt 86016 ]'

nb_init 65
nb_tap tap0

boot_e1000() {
	qt_boot "$1" -nographic -m 512 -boot n \
		-netdev tap,id=n0,ifname=tap0,script=no,downscript=no \
		-device "e1000,netdev=n0,mac=$MAC,romfile=$2"
}

# config TAG ROM: Ctrl-B at POST, then the NIC's configuration header
# as lspci prints it, in $WORK/TAG.cfg (empty if the shell did not open).
config() {
	boot_e1000 "$1" "$2"
	expect_output "$1: the banner names the product" \
		"$product -- network boot firmware" 60
	if qt_wait "Press Ctrl-B to configure" 60; then
		qt_type '\002'
	fi
	expect_output "$1: Ctrl-B at POST opens the shell" "cxboot>" 60
	qt_send 'lspci'
	qt_wait "cxboot>" 30 || true
	tr -d '\r' <"$QT_LOG" | grep -a '^00:03\.0 ' >"$WORK/$1.cfg" || true
	kill "$QT_PID" 2>/dev/null || true
	wait "$QT_PID" 2>/dev/null || true
}

config mrom-shell "$MROM"
config rom-shell "$ROM"
sed 's/^/# after .mrom: /' "$WORK/mrom-shell.cfg"
sed 's/^/# after .rom:  /' "$WORK/rom-shell.cfg"
expect_true "lspci shows the e1000's whole header (8086:100e)" \
	'grep -q "^00:03.0 00: 100e8086 " "$WORK/mrom-shell.cfg" &&
	 grep -q "^00:03.0 30: " "$WORK/mrom-shell.cfg"'
expect_true "its configuration header is as the .rom leaves it" \
	'cmp -s "$WORK/mrom-shell.cfg" "$WORK/rom-shell.cfg"'

# virtio-net has no memory BAR as large as its ROM BAR: the stub reads
# the ROM where SeaBIOS placed its BAR, and the shell opens.
qt_boot virtio-shell -nographic -boot n -netdev user,id=u0 \
	-device "virtio-net-pci,netdev=u0,romfile=$(realpath "$bin/1af41000.mrom")"
if qt_wait "Press Ctrl-B to configure" 60; then
	qt_type '\002'
fi
expect_output "virtio-shell: Ctrl-B at POST opens the shell" "cxboot>" 60
qt_send 'echo virtio-mrom'
expect_line "virtio-shell: commands run" "virtio-mrom" 30
kill "$QT_PID" 2>/dev/null || true
wait "$QT_PID" 2>/dev/null || true

# The ConnectX name in SeaBIOS' boot menu: the e1000's .mrom stamped as
# the build stamps a ConnectX one, with the build's own tools.
objcopy -O binary -j .prefix "$bin/cxboot.rom.elf" "$WORK/mlnx.mrom"
"$bin/util/romfix" mrom --id 8086100e --name "MLNX NIC $version" \
	--mlx-info "$version" "$WORK/mlnx.mrom" "$bin/cxboot.rom.cxz" >/dev/null
qt_boot mlnx-menu -nographic -boot menu=on -netdev user,id=u0 \
	-device "e1000,netdev=u0,romfile=$WORK/mlnx.mrom"
if qt_wait "Press ESC for boot menu" 60; then
	qt_type '\033'
fi
expect_output "mlnx-menu: SeaBIOS shows its boot menu" "Select boot device" 20
expect_output "mlnx-menu: the .mrom's entry is MLNX NIC <version>" \
	". MLNX NIC $version (PCI 00:03.0)" 10
kill "$QT_PID" 2>/dev/null || true
wait "$QT_PID" 2>/dev/null || true

# Autoboot from the .mrom's boot entry to Linux.
marker=mrom-$RANDOM$$
nb_script boot.ipxe "#!ipxe\nkernel vmlinuz console=ttyS0 panic=-1 quiet \
cxmarker=$marker\ninitrd initrd.gz\ninitrd extra.gz\nboot\n"
nb_dnsmasq "--dhcp-boot=boot.ipxe"
boot_e1000 mrom-auto "$MROM"
expect_output "mrom-auto: SeaBIOS boots from the ROM" "Booting from ROM" 60
expect_output "mrom-auto: the boot entry starts the firmware" \
	"$product starting" 30
expect_output "mrom-auto: the banner names the adapter's port and its MAC" \
	"  net0: $MAC (port 1)" 10
expect_output "mrom-auto: DHCP on the ROM's NIC" "DHCP (net0 $MAC)... ok" 60
expect_output "mrom-auto: Linux runs /init with our command line" \
	"PAYLOAD-OK marker=$marker extra=second" 180
expect_output "mrom-auto: Linux powers the machine off" "reboot: Power down" 60
qt_wait_exit 30 || true

qt_finish
