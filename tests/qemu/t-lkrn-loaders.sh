#!/bin/bash
# Real boot loaders start the .lkrn image the Linux way: SYSLINUX
# ("LINUX" from a FAT floppy) and GRUB 2 ("linux16" from a CD), each
# with a command line and an initrd script that the firmware runs.
. "$(dirname "$0")/lib.sh"
qt_init lkrn-loaders "${1:-bin/cxboot.lkrn}"

tried=0
printf '#!ipxe\nset n loaded\necho by-loader-${n}\nexit\n' >"$WORK/s.ipxe"

if command -v syslinux >/dev/null && command -v mformat >/dev/null; then
	tried=1
	fd=$WORK/floppy.img
	printf 'DEFAULT cx\nLABEL cx\n  LINUX cxboot.lkrn\n  INITRD s.ipxe\n  APPEND quiet x=1\n' \
		>"$WORK/syslinux.cfg"
	dd if=/dev/zero of="$fd" bs=1k count=1440 2>/dev/null
	mformat -i "$fd" -f 1440 ::
	syslinux --install "$fd"
	mcopy -i "$fd" "$IMAGE" ::cxboot.lkrn
	mcopy -i "$fd" "$WORK/syslinux.cfg" "$WORK/s.ipxe" ::
	qt_boot syslinux -nographic -fda "$fd" -boot a
	expect_line "SYSLINUX starts it, initrd script runs" \
		"by-loader-loaded" 60
	if qt_wait_exit 30; then
		qt_pass "SYSLINUX: script's exit resets the machine"
	else
		qt_fail "SYSLINUX: script's exit resets the machine"
	fi
else
	qt_log "no syslinux/mtools: SYSLINUX not tried"
fi

if command -v grub-mkrescue >/dev/null && command -v xorriso >/dev/null &&
   [ -d /usr/lib/grub/i386-pc ]; then
	tried=1
	mkdir -p "$WORK/iso/boot/grub"
	cp "$IMAGE" "$WORK/iso/cxboot.lkrn"
	cp "$WORK/s.ipxe" "$WORK/iso/"
	printf 'set timeout=0\nmenuentry cx {\n  linux16 /cxboot.lkrn quiet x=1\n  initrd16 /s.ipxe\n}\n' \
		>"$WORK/iso/boot/grub/grub.cfg"
	grub-mkrescue -o "$WORK/grub.iso" "$WORK/iso" >/dev/null 2>&1 ||
		qt_die "grub-mkrescue failed"
	qt_boot grub -nographic -cdrom "$WORK/grub.iso"
	expect_line "GRUB linux16 starts it, initrd script runs" \
		"by-loader-loaded" 60
	if qt_wait_exit 30; then
		qt_pass "GRUB: script's exit resets the machine"
	else
		qt_fail "GRUB: script's exit resets the machine"
	fi
else
	qt_log "no grub-mkrescue/xorriso/grub-pc-bin: GRUB not tried"
fi

[ "$tried" = 1 ] || qt_skip "no boot loader tools installed"
qt_finish
