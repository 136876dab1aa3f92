#!/bin/bash
# The payload compression: util/cxz compresses, and the firmware's own
# decompressor (unpack.S, run here as an i386 Linux program) gives back
# exactly the input, for the real payloads and for the awkward cases
# (empty, one byte, long runs, incompressible data, offsets at the edges
# of their code, the x86 call filter at the edges of its window and at
# the end of the data).
. "$(dirname "$0")/lib.sh"

bin=$(dirname "${1:-bin/cxboot.lkrn}")
WORK=$(mktemp -d /tmp/qt-cxz.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cxz=$bin/util/cxz
[ -x "$cxz" ] || qt_die "$cxz: not built"

msg=$(tests/qemu/cxz-decoder.sh "$WORK/decode") ||
	qt_skip "cannot build an i386 program: $msg"
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
# Copies from exactly D bytes back, for D around the edges of the
# offset code (its low byte, its gamma-coded high part):
cases=
# Random bytes, zeros up to D, the same random bytes again.
for d in 1 2 255 256 257 299 300 65535 65536 65537 131329; do
	r=$((d < 300 ? d : 300))
	{ head -c $r /dev/urandom; head -c $((d - r)) /dev/zero; } >"$WORK/off$d"
	head -c $r "$WORK/off$d" >>"$WORK/off$d"
	cases="$cases off$d"
done
# The x86 call filter: E8s and E9s whose operands lie inside the
# window [-n, n) of an n-byte file (converted), on its edges, just
# outside it or anywhere (not), E8 E9 runs, other bytes, and an E8 or
# E9 too near the end to have an operand.
python3 - "$WORK" <<'PY'
import random, struct, sys
rnd = random.Random(7)
for tail in range(1, 6):
    parts, ops = [], []
    for i in range(20000):
        k = rnd.randrange(6)
        if k < 3:
            parts.append(bytes([rnd.choice((0xe8, 0xe9))]))
            ops.append(len(parts))
            parts.append(b"")
        elif k == 3:
            parts.append(bytes(rnd.choice((0xe8, 0xe9)) for _ in range(3)))
        else:
            parts.append(rnd.randbytes(rnd.randrange(1, 4)))
    parts.append(bytes([0xe8 + tail % 2]) + bytes(tail - 1))
    n = sum(len(p) for p in parts) + 4 * len(ops)
    for j in ops:
        v = rnd.choice((rnd.randrange(-n, n), rnd.randrange(-n, n), -n,
                        n - 1, n, -n - 1, rnd.randrange(-2**31, 2**31)))
        parts[j] = struct.pack("<i", v)
    open(f"{sys.argv[1]}/call{tail}", "wb").write(b"".join(parts))
PY
cases="$cases call1 call2 call3 call4 call5"
for elf in "$bin"/cxboot.lkrn.elf "$bin"/cxboot.rom.elf; do
	[ -f "$elf" ] && objcopy -O binary -R .setup -R .prefix "$elf" \
		"$WORK/$(basename "$elf" .elf)"
done

for f in empty one zeros random text far $cases cxboot.lkrn cxboot.rom; do
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

# Incompressible data costs a few bytes beside the 16-byte header,
# alone or between compressible parts.
expect_true "random: at most 24 bytes more ($(stat -c %s "$WORK/random.cxz"))" \
	'[ $(stat -c %s "$WORK/random.cxz") -le $((100000 + 24)) ]'
expect_true "far: a random block between text costs its size and a few \
bytes ($(stat -c %s "$WORK/far.cxz"), text alone $(stat -c %s "$WORK/text.cxz"))" \
	'[ $(stat -c %s "$WORK/far.cxz") -le \
	   $(( $(stat -c %s "$WORK/text.cxz") + 70000 + 64 )) ]'

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
