#!/bin/bash
# SAN boot of an operating system from HTTP disks: SYSLINUX on a disk
# image (tests/qemu/mkdisk.sh), and ISOLINUX on an ISO image (El
# Torito, 2048-byte sectors), load the payload kernel and initramfs
# through INT 13h while the firmware stays resident, and Linux prints
# the marker.  What stays resident is small: with a 64 MiB file fetched
# (and forgotten) before the boot, Linux still gets most of the RAM.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netboot-lib.sh"
qt_init sanboot-linux "${1:-bin/cxboot.lkrn}"
command -v nginx >/dev/null || qt_skip "nginx not installed"
command -v syslinux >/dev/null && command -v mformat >/dev/null &&
	command -v xorriso >/dev/null && [ -r /usr/lib/ISOLINUX/isolinux.bin ] ||
	qt_skip "syslinux, isolinux, mtools or xorriso not installed"
nb_init 64
nb_tap tap0
marker=sanboot-$RANDOM$$
"$(dirname "$0")/mkdisk.sh" "$TFTP/linux.img" 32 "$PAYLOAD/vmlinuz" \
	"$PAYLOAD/initrd.gz" console=ttyS0 panic=-1 quiet \
	cxmarker="$marker" || qt_die "mkdisk failed"
nb_iso linux.iso console=ttyS0 panic=-1 quiet cxmarker="$marker-iso"
# The same disk, Linux not quiet: it reports the memory it got.
"$(dirname "$0")/mkdisk.sh" "$TFTP/verbose.img" 32 "$PAYLOAD/vmlinuz" \
	"$PAYLOAD/initrd.gz" console=ttyS0 panic=-1 \
	cxmarker="$marker-verbose" || qt_die "mkdisk failed"
truncate -s 64M "$TFTP/big.bin"
chmod 644 "$TFTP/linux.img" "$TFTP/linux.iso" "$TFTP/verbose.img" \
	"$TFTP/big.bin"
nb_dnsmasq
nb_nginx
nb_nic virtio-net-pci tap0 52:54:00:64:00:01

for file in linux.img linux.iso; do
	case $file in
	*.img) want=$marker what="SYSLINUX from the HTTP disk" ;;
	*.iso) want=$marker-iso what="ISOLINUX from the HTTP ISO image" ;;
	esac
	printf '#!ipxe\ndhcp net0\nsanboot http://%s/%s\n' "$SRV_IP" "$file" \
		>"$WORK/boot.ipxe"
	qt_boot "$file" -nographic -kernel "$IMAGE" \
		-initrd "$WORK/boot.ipxe" "${NB_NICS[@]}"
	expect_output "$what boots Linux" "PAYLOAD-OK marker=$want extra" 180
	if qt_wait_exit 60; then
		qt_pass "$file: Linux powered the machine off"
	else
		qt_fail "$file: Linux powered the machine off"
	fi
done

# Hooked first, then a large download: the firmware's heap holds both
# when sanboot starts the disk; the download is dropped and only what
# stays in use (and some room) is kept from Linux (256 MiB in all).
printf '#!ipxe\ndhcp net0\nsanhook http://%s/verbose.img\nimgfetch http://%s/big.bin\nsanboot --drive 0x80\n' \
	"$SRV_IP" "$SRV_IP" >"$WORK/boot.ipxe"
qt_boot verbose -nographic -kernel "$IMAGE" -initrd "$WORK/boot.ipxe" \
	"${NB_NICS[@]}"
expect_output "after a large download the disk boots Linux" \
	"PAYLOAD-OK marker=$marker-verbose extra" 240
# ("Memory: availableK/totalK available": the total is what the map
# gave it.)
mem=$(grep -ao 'Memory: [0-9]*K/[0-9]*K' "$QT_LOG" | head -n 1 |
	sed 's/.*\///; s/K//')
expect_between "Linux gets most of the RAM (KiB)" "${mem:-0}" 230000 262144
qt_wait_exit 60 || true

# A disk hooked, then a kernel booted (an installer's case): the
# firmware stays to answer INT 13h, and Linux's setup code reads the
# disk's first sector through it (EDD's MBR signatures) after the kernel
# and initrd came.
printf '#!ipxe\ndhcp net0\nsanhook http://%s/linux.img\nkernel http://%s/vmlinuz console=ttyS0 panic=-1 quiet cxmarker=%s-kernel\ninitrd http://%s/initrd.gz\nboot\n' \
	"$SRV_IP" "$SRV_IP" "$marker" "$SRV_IP" >"$WORK/boot.ipxe"
: >"$WORK/access.log"
qt_boot kernel -nographic -kernel "$IMAGE" -initrd "$WORK/boot.ipxe" \
	"${NB_NICS[@]}"
expect_output "a kernel booted beside a hooked disk runs" \
	"PAYLOAD-OK marker=$marker-kernel extra" 180
qt_wait_exit 60 || true
expect_true "Linux's setup code read the hooked disk through INT 13h" \
	"sed -n '/GET \/initrd.gz/,\$p' '$WORK/access.log' | grep -q 'GET /linux.img'"
qt_finish
