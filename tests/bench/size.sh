#!/bin/bash
# Compression of the firmware's payload (the 32-bit part of
# bin/cxboot.lkrn with its relocation table): its size raw, with
# util/cxz, with xz -9 (and xz -9 behind its own x86 filter), the ratio
# cxz/xz -9 (target: at most 1.10), the decoder's size in bytes, and
# the decoder's time on the payload under TCG (qemu-i386, the same code
# generator as the QEMU that boots the images; start-up time removed).
#
#   tests/bench/size.sh [BIN]      (BIN, the hosted build, is not used)
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
cxz=bin/cxboot.lkrn.cxz
for f in "$cxz" bin/util/cxz bin/obj/arch/x86/prefix/unpack.o; do
	[ -f "$f" ] || { echo "size: skipped ($f missing)"; exit 0; }
done
command -v xz >/dev/null || { echo "size: skipped (no xz)"; exit 0; }
work=$(mktemp -d /tmp/bench-size.XXXXXX)
trap 'rm -rf "$work"' EXIT

bin/util/cxz -d "$cxz" "$work/payload"
raw=$(stat -c %s "$work/payload")
ours=$(stat -c %s "$cxz")
xz9=$(xz -9 -c "$work/payload" | wc -c)
xz9x=$(xz --x86 --lzma2=preset=9 -c "$work/payload" | wc -c)
# The decoder: from cxz_decode to the end of unpack.S's code.
start=$(nm bin/obj/arch/x86/prefix/unpack.o | sed -n 's/ t cxz_decode$//p')
total=$(size -A bin/obj/arch/x86/prefix/unpack.o | awk '$1 == ".text16" { print $2 }')

echo "size: payload of bin/cxboot.lkrn"
echo "  raw $raw, cxz $ours, xz -9 $xz9 (xz --x86 -9 $xz9x) bytes"
echo "  ratio cxz/xz -9: $(awk "BEGIN { printf \"%.3f\", $ours / $xz9 }")" \
	"(target <= 1.10); cxz/xz --x86 -9:" \
	"$(awk "BEGIN { printf \"%.3f\", $ours / $xz9x }")"
echo "  decoder $((total - 0x$start)) bytes (unpack.S $total bytes)"

qemu=$(command -v qemu-i386 || true)
if [ -z "$qemu" ] || ! tests/qemu/cxz-decoder.sh "$work/decode" >/dev/null
then
	echo "  decode time: not measured (needs qemu-i386 and gcc -m32)"
	exit 0
fi
: >"$work/empty"
bin/util/cxz "$work/empty" "$work/empty.cxz" >/dev/null
# Fastest of RUNS runs each: start-up noise only ever adds.
runs=30
fastest() {
	local t0 t1 best=
	for _ in $(seq $runs); do
		t0=$(date +%s%N)
		"$qemu" "$work/decode" <"$1" >"$work/out"
		t1=$(date +%s%N)
		if [ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ]; then
			best=$((t1 - t0))
		fi
	done
	echo "$best"
}
base=$(fastest "$work/empty.cxz")
full=$(fastest "$cxz")
cmp -s "$work/out" "$work/payload" || echo "  decode: WRONG OUTPUT"
echo "  decode time (qemu-i386 TCG, fastest of $runs runs):" \
	"$(awk "BEGIN { printf \"%.1f\", ($full - $base) / 1e6 }") ms"
