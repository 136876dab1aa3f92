#!/bin/bash
# The payload compression: util/cxz compresses, and the firmware's own
# decompressor (unpack.S, run here as an i386 Linux program) gives back
# exactly the input, for the real payloads and for the awkward cases
# (empty, one byte, long runs, incompressible data, far offsets).
. "$(dirname "$0")/lib.sh"

bin=$(dirname "${1:-bin/cxboot.lkrn}")
WORK=$(mktemp -d /tmp/qt-cxz.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cxz=$bin/util/cxz
[ -x "$cxz" ] || qt_die "$cxz: not built"

${CC:-gcc} -m32 -nostdlib -static -no-pie -I. -Iarch/x86/include \
	-Wl,--defsym=_text=0,--defsym=_end=0,--defsym=_payload_size=0 \
	-Wl,--defsym=__bss_start=0,--defsym=__bss_end=0 \
	-Wl,--defsym=_payload_end=0,--defsym=_reloc_room=0 \
	-o "$WORK/decode" tests/qemu/cxz-decode.S 2>"$WORK/cc.log" ||
	qt_skip "cannot build an i386 program: $(head -1 "$WORK/cc.log")"
rc=0
"$WORK/decode" </dev/null >/dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || qt_skip "cannot run an i386 program here"

: >"$WORK/empty"
printf x >"$WORK/one"
head -c 300000 /dev/zero >"$WORK/zeros"
head -c 100000 /dev/urandom >"$WORK/random"
cat src/*.c >"$WORK/text"
# Far offsets (beyond 64 KiB) and a repeat of a random block.
head -c 70000 /dev/urandom >"$WORK/block"
cat "$WORK/block" "$WORK/text" "$WORK/block" >"$WORK/far"
for elf in "$bin"/cxboot.lkrn.elf "$bin"/cxboot.rom.elf; do
	[ -f "$elf" ] && objcopy -O binary -R .setup -R .prefix "$elf" \
		"$WORK/$(basename "$elf" .elf)"
done

for f in empty one zeros random text far cxboot.lkrn cxboot.rom; do
	[ -f "$WORK/$f" ] || continue
	if ! "$cxz" "$WORK/$f" "$WORK/$f.cxz" >"$WORK/cxz.log"; then
		qt_fail "$f: compresses" "$(cat "$WORK/cxz.log")"
		continue
	fi
	expect_true "$f: the firmware's decoder gives it back ($(sed \
		's/.*: //' "$WORK/cxz.log"))" \
		'"$WORK/decode" <"$WORK/$f.cxz" >"$WORK/$f.out" &&
		 cmp -s "$WORK/$f" "$WORK/$f.out"'
done

# A stream cut short must not be accepted.
cp "$WORK/text.cxz" "$WORK/cut.cxz"
truncate -s -100 "$WORK/cut.cxz"
size=$(( $(stat -c %s "$WORK/cut.cxz") - 16 ))
printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $((size & 255)) \
	$((size >> 8 & 255)) $((size >> 16 & 255)) $((size >> 24)))" |
	dd of="$WORK/cut.cxz" bs=1 seek=8 conv=notrunc 2>/dev/null
expect_true "a stream cut short is refused" \
	'! "$WORK/decode" <"$WORK/cut.cxz" >/dev/null'

qt_finish
