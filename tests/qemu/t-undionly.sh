#!/bin/bash
# The PXE images chainloaded by a PXE ROM: QEMU's own virtio-net ROM
# (iPXE, which offers the PXE API; its default romfile) boots from the
# network and dnsmasq hands it our image by TFTP.
#   undionly.kpxe  drives the NIC through that ROM's UNDI (net0's chip
#                  is "undi")
#   cxboot.pxe     unloads the ROM's PXE stack and drives the NIC with
#                  its native driver (net0's chip is "virtio-net")
# Either runs DHCP again (a lease of its own), fetches boot.ipxe by
# TFTP and boots Linux to the marker.
#
# The ROM is an iPXE itself and sends user class "iPXE" too, so the
# server tells the two apart the way option 175 allows: ours starts
# with the version sub-option (235) carrying cxboot's version.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netboot-lib.sh"
# (run-all names the .lkrn; the NBPs are built beside it)
bin=$(dirname "${1:-bin/cxboot.lkrn}")
qt_init undionly "$bin/undionly.kpxe"
[ -f "$bin/cxboot.pxe" ] || qt_die "$bin/cxboot.pxe: no such file"
nb_init 61
nb_tap tap0

ROMDIR=/usr/lib/ipxe/qemu
[ -f "$ROMDIR/efi-virtio.rom" ] || qt_skip "ipxe-qemu's NIC ROMs not installed"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
VERSION=$(sed -n 's/^VERSION *:= *//p' "$TOP/Makefile")
EB_VERSION=eb:03:$(echo "$VERSION" | awk -F. '{ printf "%02x:%02x:%02x", $1, $2, $3 }')
MAC=52:54:00:61:00:01

for nbp in undionly.kpxe:undi cxboot.pxe:virtio-net; do
	name=${nbp%%:*}
	chip=${nbp#*:}
	marker=$name-$RANDOM$$
	cp "$bin/$name" "$TFTP/$name"
	nb_script boot.ipxe "#!ipxe\necho cxchip=\${net0/chip}\n\
kernel vmlinuz console=ttyS0 panic=-1 quiet cxmarker=$marker\n\
initrd initrd.gz\ninitrd extra.gz\nboot\n"
	nb_dnsmasq_stop
	rm -f "$WORK/dnsmasq.log"
	nb_dnsmasq "--dhcp-match=set:cxboot,175,$EB_VERSION" \
		"--dhcp-boot=tag:!cxboot,$name" --dhcp-boot=tag:cxboot,boot.ipxe
	# The NIC with its default ROM (found through -L), booted first.
	t0=$(qt_now)
	qt_boot "$name" -nographic -L "$ROMDIR" -boot n \
		-netdev "tap,id=n0,ifname=tap0,script=no,downscript=no" \
		-device "virtio-net-pci,netdev=n0,mac=$MAC"
	expect_output "$name: the ROM fetched it and it started" \
		"cxboot $VERSION -- network boot firmware" 60
	expect_output "$name: DHCP again, a lease of our own" \
		"DHCP (net0 $MAC)... ok" 60
	expect_output "$name: net0 is driven by $chip" "cxchip=$chip" 60
	expect_output "$name: Linux runs /init with our command line and both initrds" \
		"PAYLOAD-OK marker=$marker extra=second" 180
	t1=$(qt_now)
	expect_true "$name: dnsmasq sent $name, then boot.ipxe" \
		"grep -q 'sent .*/$name ' '$WORK/dnsmasq.log' && grep -q 'sent .*boot.ipxe' '$WORK/dnsmasq.log'"
	if qt_wait_exit 60; then
		qt_pass "$name: Linux powered the machine off"
	else
		qt_fail "$name: Linux powered the machine off"
	fi
	qt_log "$name: marker after $(echo "$t1 - $t0" | bc) s"
done
qt_finish
