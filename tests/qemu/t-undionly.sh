#!/bin/bash
# The PXE images chainloaded by a PXE ROM: QEMU's own virtio-net ROM
# (iPXE, which offers the PXE API; its default romfile) boots from the
# network and dnsmasq hands it our image by TFTP.
#   undionly.kpxe  drives the NIC through that ROM's UNDI (net0's chip
#                  is "undi")
#   cxboot.pxe     unloads the ROM's PXE stack and drives the NIC with
#                  its native driver (net0's chip is "virtio-net")
#   cxboot.kpxe    the same, keeping the ROM's UNDI in memory
#   cxboot.kkpxe   the same, keeping the whole stack
# Each runs DHCP again (a lease of its own), fetches boot.ipxe by
# TFTP and boots Linux to the marker.  undionly.kpxe first fetches
# 8 MiB over HTTP, a stream of frames that outlasts one poll's budget
# (the ROM's ISR round must carry over between polls), and its hash
# must match.
#
# Then cxboot.kkpxe goes back: the ROM runs a script that chains it;
# its boot.ipxe drives the NIC natively and ends with exit N; the
# ROM's script must go on where it was (seeing success for exit 0,
# failure otherwise) and fetch another script over the ROM's own
# network, which prints a marker.
#
# The ROM is an iPXE itself and sends user class "iPXE" too, so the
# server tells the two apart the way option 175 allows: ours starts
# with the version sub-option (235) carrying cxboot's version.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netboot-lib.sh"
# (run-all names the .lkrn; the NBPs are built beside it)
bin=$(dirname "${1:-bin/cxboot.lkrn}")
qt_init undionly "$bin/undionly.kpxe"
for f in cxboot.pxe cxboot.kpxe cxboot.kkpxe; do
	[ -f "$bin/$f" ] || qt_die "$bin/$f: no such file"
done
nb_init 61
nb_tap tap0
head -c $((8 << 20)) /dev/urandom >"$TFTP/stream.bin"
STREAM_SHA=$(sha256sum <"$TFTP/stream.bin" | cut -d' ' -f1)

ROMDIR=/usr/lib/ipxe/qemu
[ -f "$ROMDIR/efi-virtio.rom" ] || qt_skip "ipxe-qemu's NIC ROMs not installed"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
VERSION=$(sed -n 's/^VERSION *:= *//p' "$TOP/Makefile")
EB_VERSION=eb:03:$(echo "$VERSION" | awk -F. '{ printf "%02x:%02x:%02x", $1, $2, $3 }')
MAC=52:54:00:61:00:01

# Each image's kind, as its prefix's byte pxe_keep carries it
# (arch/x86/include/pxeparent.h: 0 unload all, 1 keep the UNDI, 2 keep
# the whole stack).
keep_of() {
	local elf=$bin/$2.nbp.elf at

	at=$((0x$(nm "$elf" | sed -n 's/ [A-Za-z] pxe_keep$//p')))
	od -An -tu1 -j "$at" -N 1 "$bin/$1" | tr -d ' '
}
for kind in undionly.kpxe:undionly:1 cxboot.pxe:cxboot:0 \
	cxboot.kpxe:cxboot:1 cxboot.kkpxe:cxboot:2; do
	IFS=: read -r image elf keep <<<"$kind"
	expect_true "$image keeps $keep (of 0 nothing, 1 UNDI, 2 all)" \
		"[ \"\$(keep_of $image $elf)\" = $keep ]"
done

for nbp in undionly.kpxe:undi cxboot.pxe:virtio-net cxboot.kpxe:virtio-net \
	cxboot.kkpxe:virtio-net; do
	name=${nbp%%:*}
	chip=${nbp#*:}
	marker=$name-$RANDOM$$
	cp "$bin/$name" "$TFTP/$name"
	stream=
	[ "$chip" = undi ] &&
		stream="imgfetch http://$SRV_IP/stream.bin\nsha256sum stream.bin\nimgfree stream.bin\n"
	nb_script boot.ipxe "#!ipxe\necho cxchip=\${net0/chip}\n${stream}\
kernel vmlinuz console=ttyS0 panic=-1 quiet cxmarker=$marker\n\
initrd initrd.gz\ninitrd extra.gz\nboot\n"
	nb_dnsmasq_stop
	rm -f "$WORK/dnsmasq.log"
	nb_dnsmasq "--dhcp-match=set:cxboot,175,$EB_VERSION" \
		"--dhcp-boot=tag:!cxboot,$name" --dhcp-boot=tag:cxboot,boot.ipxe
	nb_nginx   # (nb_dnsmasq_stop ends every server)
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
	[ -z "$stream" ] ||
		expect_output "$name: 8 MiB over HTTP hash right" \
			"$STREAM_SHA  stream.bin" 120
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

# The last line of dnsmasq's log that says it sent FILE (0: none)
sent_at() {
	grep -n "sent .*/$1 " "$WORK/dnsmasq.log" | tail -n 1 | cut -d: -f1 |
		grep . || echo 0
}

# cxboot.kkpxe going back to the ROM, with exit 0 and exit 3.
cp "$bin/cxboot.kkpxe" "$TFTP/cxboot.kkpxe"
for status in 0 3; do
	name="kkpxe-exit-$status"
	marker=$name-$RANDOM$$
	if [ "$status" = 0 ]; then seen=ok; else seen=failed; fi
	nb_script rom.ipxe "#!ipxe\n\
chain cxboot.kkpxe && echo rom-saw-ok || echo rom-saw-failed\n\
chain after.ipxe\n"
	nb_script after.ipxe "#!ipxe\necho ROM-NET-$marker\n"
	nb_script boot.ipxe "#!ipxe\necho cxchip=\${net0/chip}\nexit $status\n"
	nb_dnsmasq_stop
	rm -f "$WORK/dnsmasq.log"
	nb_dnsmasq "--dhcp-match=set:cxboot,175,$EB_VERSION" \
		"--dhcp-boot=tag:!cxboot,rom.ipxe" --dhcp-boot=tag:cxboot,boot.ipxe
	qt_boot "$name" -nographic -L "$ROMDIR" -boot n \
		-netdev "tap,id=n0,ifname=tap0,script=no,downscript=no" \
		-device "virtio-net-pci,netdev=n0,mac=$MAC"
	expect_output "$name: the ROM's script chained cxboot.kkpxe" \
		"cxboot $VERSION -- network boot firmware" 60
	expect_output "$name: our own DHCP" "DHCP (net0 $MAC)... ok" 60
	expect_output "$name: net0 is driven by virtio-net" "cxchip=virtio-net" 60
	expect_output "$name: the ROM's script went on, seeing $seen" \
		"rom-saw-$seen" 60
	expect_output "$name: the ROM fetched and ran after.ipxe over its network" \
		"ROM-NET-$marker" 60
	expect_true "$name: dnsmasq sent after.ipxe after our boot.ipxe" \
		'[ "$(sent_at after.ipxe)" -gt "$(sent_at boot.ipxe)" ]'
	kill "$QT_PID" 2>/dev/null || true
	wait "$QT_PID" 2>/dev/null || true
done
qt_finish
