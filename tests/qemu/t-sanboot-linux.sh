#!/bin/bash
# SAN boot of an operating system from an HTTP disk: SYSLINUX on the
# disk (tests/qemu/mkdisk.sh) loads the payload kernel and initramfs
# through INT 13h while the firmware stays resident, and Linux prints
# the marker.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netboot-lib.sh"
qt_init sanboot-linux "${1:-bin/cxboot.lkrn}"
command -v nginx >/dev/null || qt_skip "nginx not installed"
command -v syslinux >/dev/null && command -v mformat >/dev/null ||
	qt_skip "syslinux or mtools not installed"
nb_init 64
nb_tap tap0
marker=sanboot-$RANDOM$$
"$(dirname "$0")/mkdisk.sh" "$TFTP/linux.img" 32 "$PAYLOAD/vmlinuz" \
	"$PAYLOAD/initrd.gz" console=ttyS0 panic=-1 quiet \
	cxmarker="$marker" || qt_die "mkdisk failed"
chmod 644 "$TFTP/linux.img"
nb_dnsmasq
nb_nginx
nb_nic virtio-net-pci tap0 52:54:00:64:00:01

printf '#!ipxe\ndhcp net0\nsanboot http://%s/linux.img\n' "$SRV_IP" \
	>"$WORK/boot.ipxe"
qt_boot linux -nographic -kernel "$IMAGE" -initrd "$WORK/boot.ipxe" \
	"${NB_NICS[@]}"
expect_output "SYSLINUX from the HTTP disk boots Linux" \
	"PAYLOAD-OK marker=$marker" 180
if qt_wait_exit 60; then
	qt_pass "Linux powered the machine off"
else
	qt_fail "Linux powered the machine off"
fi
qt_finish
