#!/bin/bash
# bin/undionly.kpxe chainloaded by a PXE ROM: QEMU's own virtio-net ROM
# (iPXE, which offers the PXE API; its default romfile) boots from the
# network, dnsmasq hands it undionly.kpxe by TFTP, and our firmware
# then drives the NIC through that ROM's UNDI: DHCP again (a lease of
# its own), the script boot.ipxe by TFTP, and Linux with the marker.
#
# The ROM is an iPXE itself and sends user class "iPXE" too, so the
# server tells the two apart the way option 175 allows: ours starts
# with the version sub-option (235) carrying cxboot's version.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netboot-lib.sh"
# (run-all names the .lkrn; the NBP is built beside it)
qt_init undionly "$(dirname "${1:-bin/cxboot.lkrn}")/undionly.kpxe"
nb_init 61
nb_tap tap0

ROMDIR=/usr/lib/ipxe/qemu
[ -f "$ROMDIR/efi-virtio.rom" ] || qt_skip "ipxe-qemu's NIC ROMs not installed"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
VERSION=$(sed -n 's/^VERSION *:= *//p' "$TOP/Makefile")
EB_VERSION=eb:03:$(echo "$VERSION" | awk -F. '{ printf "%02x:%02x:%02x", $1, $2, $3 }')

MAC=52:54:00:61:00:01
marker=undionly-$RANDOM$$
cp "$IMAGE" "$TFTP/undionly.kpxe"
nb_script boot.ipxe "#!ipxe\nkernel vmlinuz console=ttyS0 panic=-1 \
quiet cxmarker=$marker\ninitrd initrd.gz\ninitrd extra.gz\nboot\n"
nb_dnsmasq "--dhcp-match=set:cxboot,175,$EB_VERSION" \
	--dhcp-boot=tag:!cxboot,undionly.kpxe --dhcp-boot=tag:cxboot,boot.ipxe
# The NIC with its default ROM (found through -L), booted first.
t0=$(qt_now)
qt_boot undionly -nographic -L "$ROMDIR" -boot n \
	-netdev "tap,id=n0,ifname=tap0,script=no,downscript=no" \
	-device "virtio-net-pci,netdev=n0,mac=$MAC"
expect_output "the ROM fetched undionly.kpxe and it started" \
	"cxboot $VERSION -- network boot firmware" 60
expect_output "DHCP over UNDI, a lease of our own" \
	"DHCP (net0 $MAC)... ok" 60
expect_output "Linux runs /init with our command line and both initrds" \
	"PAYLOAD-OK marker=$marker extra=second" 180
t1=$(qt_now)
expect_true "dnsmasq sent undionly.kpxe, then boot.ipxe" \
	"grep -q 'sent .*undionly.kpxe' '$WORK/dnsmasq.log' && grep -q 'sent .*boot.ipxe' '$WORK/dnsmasq.log'"
if qt_wait_exit 60; then
	qt_pass "Linux powered the machine off"
else
	qt_fail "Linux powered the machine off"
fi
qt_log "marker after $(echo "$t1 - $t0" | bc) s"
qt_finish
