#!/bin/bash
# Things that cannot be booted give a clear error and leave the firmware
# usable: DHCP naming a web page (text: no kernel and no boot program;
# autoboot gives up and the shell follows), a truncated kernel, a
# kernel too old for our loader,
# `boot` with nothing selected, a root-path without a filename naming an
# iSCSI target where nothing listens.  After all that the shell still
# boots Linux.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netboot-lib.sh"
qt_init boot-bad "${1:-bin/cxboot.lkrn}"
nb_init 62
nb_tap tap0

MAC_A=52:54:00:62:00:01
MAC_B=52:54:00:62:00:02
# A web page where a program was meant: text, so no boot program.
{
	echo '<!DOCTYPE html>'
	for i in $(seq 2000); do echo "<p>line $i of a page, not a program</p>"; done
} >"$TFTP/blob"
head -c 1000000 "$PAYLOAD/vmlinuz" >"$TFTP/truncated"
# The same kernel header claiming boot protocol 2.02.
head -c 65536 "$PAYLOAD/vmlinuz" >"$TFTP/oldproto"
printf '\x02\x02' | dd of="$TFTP/oldproto" bs=1 seek=$((0x206)) \
	conv=notrunc status=none
nb_dnsmasq "--dhcp-host=$MAC_A,set:a" "--dhcp-boot=tag:a,blob" \
	"--dhcp-option=tag:!a,17,iscsi:$SRV_IP::::iqn.2010-04.org.example:d"

nb_nic virtio-net-pci tap0 "$MAC_A"
qt_boot bad -nographic -kernel "$IMAGE" "${NB_NICS[@]}"
expect_output "DHCP" "DHCP (net0 $MAC_A)... ok" 60
expect_output "not a kernel: Exec format error" "blob: Exec format error" 30
expect_output "autoboot gives up" "No more ports" 30
expect_output "shell after a failed autoboot" "cxboot>" 30
qt_send "chain tftp://$SRV_IP/truncated"
expect_output "truncated kernel" "truncated: truncated kernel" 60
qt_wait "cxboot>" 10 || true
qt_send "chain tftp://$SRV_IP/oldproto"
expect_output "old boot protocol" \
	"oldproto: Linux boot protocol 2.02 is too old" 60
qt_wait "cxboot>" 10 || true
qt_send "boot"
expect_output "boot with nothing selected" "boot: no image selected" 30
qt_wait "cxboot>" 10 || true
qt_send "kernel tftp://$SRV_IP/nosuchkernel"
expect_output "missing kernel file" "nosuchkernel not found" 30
qt_wait "cxboot>" 10 || true
qt_send "echo alive-\${net0/ip}"
expect_output "shell still works" "alive-198.18.62." 30
qt_wait "cxboot>" 10 || true
marker=after-errors-$RANDOM$$
qt_send "kernel tftp://$SRV_IP/vmlinuz console=ttyS0 panic=-1 quiet cxmarker=$marker"
qt_wait "cxboot>" 90 || true
qt_send "initrd initrd.gz"
qt_wait "cxboot>" 60 || true
qt_send "boot"
expect_output "then Linux boots from the shell" \
	"PAYLOAD-OK marker=$marker extra=none" 120
qt_wait_exit 60 || true

NB_NICS=()
nb_nic virtio-net-pci tap0 "$MAC_B"
qt_boot sanpath -nographic -kernel "$IMAGE" "${NB_NICS[@]}"
expect_output "root-path without filename, no target there" \
	"Could not open SAN device: Connection refused" 90
expect_output "autoboot gives up" "No more ports" 30
expect_output "shell" "cxboot>" 30
qt_send "exit"
qt_wait_exit 30 || true
qt_finish
