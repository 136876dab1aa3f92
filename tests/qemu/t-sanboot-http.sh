#!/bin/bash
# SAN boot from an HTTP disk (nginx, Range requests) on the .lkrn: the
# disk's boot sector (tests/qemu/diskboot.S) gets its drive in DL and
# reads the disk through INT 13h (41h, 48h, 42h, 08h and 02h, 01h),
# checking every block's contents.  The drive is numbered after the
# BIOS's own disks: 80h without one, 81h beside a local disk (whose
# calls INT 13h passes on to the BIOS).  A disk without the boot
# signature is refused and the shell goes on; "sanboot --drive 0x80"
# with no URI and no local disk fails and the shell goes on.  The
# expansion ROM boots the disk a DHCP root path names.  sanunhook gives
# the BIOS its disk count back.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netboot-lib.sh"
. "$(dirname "$0")/diskimg.sh"
qt_init sanboot-http "${1:-bin/cxboot.lkrn}"
command -v nginx >/dev/null || qt_skip "nginx not installed"
nb_init 63
nb_tap tap0
di_boot_sector "$WORK/boot.bin"
di_image "$TFTP/disk.img" "$WORK/boot.bin" "$DI_BLOCKS"
# The same disk with its signature cleared.
cp "$TFTP/disk.img" "$TFTP/nosig.img"
printf '\0\0' | dd of="$TFTP/nosig.img" bs=1 seek=510 conv=notrunc \
	status=none
chmod 644 "$TFTP"/*.img
nb_dnsmasq
nb_nginx
nb_nic virtio-net-pci tap0 52:54:00:63:00:01

# The boot sector halts: end that machine before the next.
stop_qemu() {
	kill "$QT_PID" 2>/dev/null || true
	wait "$QT_PID" 2>/dev/null || true
	QT_PID=
}

printf '#!ipxe\ndhcp net0\nsanboot http://%s/disk.img\n' "$SRV_IP" \
	>"$WORK/boot.ipxe"
qt_boot disk -nographic -kernel "$IMAGE" -initrd "$WORK/boot.ipxe" \
	"${NB_NICS[@]}"
expect_output "the HTTP disk's boot sector reads it through INT 13h as drive 80h" \
	"DISKBOOT-OK drive 80 disks 01" 120
stop_qemu

# A local disk (a copy: the BIOS's, not ours) takes 80h.
cp "$TFTP/disk.img" "$WORK/local.img"
qt_boot local -nographic -kernel "$IMAGE" -initrd "$WORK/boot.ipxe" \
	"${NB_NICS[@]}" -drive "file=$WORK/local.img,format=raw,if=ide"
expect_output "beside a local disk the HTTP disk is drive 81h" \
	"DISKBOOT-OK drive 81 disks 02" 120
stop_qemu
# Hooked beside it, the HTTP disk answers as 81h while the BIOS's disk
# boots: its calls pass through our handler to the BIOS's, and 08h
# counts both.
printf '#!ipxe\ndhcp net0\nsanhook http://%s/disk.img\nsanboot --drive 0x80\n' \
	"$SRV_IP" >"$WORK/local.ipxe"
qt_boot local80 -nographic -kernel "$IMAGE" -initrd "$WORK/local.ipxe" \
	"${NB_NICS[@]}" -drive "file=$WORK/local.img,format=raw,if=ide"
expect_output "the local disk boots with the HTTP disk hooked, through the BIOS" \
	"DISKBOOT-OK drive 80 disks 02" 120
stop_qemu
# Hooked and unhooked again: the BIOS's count is its own again.
printf '#!ipxe\ndhcp net0\nsanhook http://%s/disk.img\nsanunhook --drive 0x81\nsanboot --drive 0x80\n' \
	"$SRV_IP" >"$WORK/unhook.ipxe"
qt_boot unhook -nographic -kernel "$IMAGE" -initrd "$WORK/unhook.ipxe" \
	"${NB_NICS[@]}" -drive "file=$WORK/local.img,format=raw,if=ide"
expect_output "after sanunhook the BIOS counts its own disk alone" \
	"DISKBOOT-OK drive 80 disks 01" 120
stop_qemu
expect_true "the disk was read by Range requests" \
	"grep -q ' 206 \"GET /disk.img' '$WORK/access.log'"

# The expansion ROM: SeaBIOS boots its entry, autoboot finds a root
# path and no filename in DHCP, and boots the disk.
nb_dnsmasq_stop
nb_dnsmasq "--dhcp-option=17,http://$SRV_IP/disk.img"
nb_nginx
qt_boot rom -nographic -boot n \
	-netdev tap,id=n0,ifname=tap0,script=no,downscript=no \
	-device "virtio-net-pci,netdev=n0,mac=52:54:00:63:00:01,romfile=$(realpath "$(dirname "$IMAGE")/1af41000.rom")"
expect_output "the ROM boots the DHCP root path's disk as drive 80h" \
	"DISKBOOT-OK drive 80 disks 01" 120
stop_qemu

printf '#!ipxe\ndhcp net0\nsanboot http://%s/nosig.img || echo fell-through\nsanboot --drive 0x80 || echo no-local-disk\nshell\n' \
	"$SRV_IP" >"$WORK/bad.ipxe"
qt_boot bad -nographic -kernel "$IMAGE" -initrd "$WORK/bad.ipxe" \
	"${NB_NICS[@]}"
expect_output "no boot signature: said so" "no boot signature" 120
expect_line "no boot signature: the script goes on" "fell-through" 30
expect_line "no local disk: sanboot --drive 0x80 fails" "no-local-disk" 60
expect_output "the shell comes" "cxboot>" 30
qt_send 'echo still-here'
expect_line "the shell still answers" "still-here" 30
qt_finish
