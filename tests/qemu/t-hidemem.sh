#!/bin/bash
# The firmware's memory is hidden from what it starts while it stays,
# and given back to an operating system that it leaves for.
#
# Reference: the map that Linux prints (BIOS-e820 lines) when QEMU
# boots it directly.  At our shell, `memmap` asks INT 15h E820 as a
# program would: the same map, less RAM by at least the firmware's
# size, and nothing but RAM changed; E801h and 88h agree with it.  Booted from our shell, Linux must
# print the reference map again.
. "$(dirname "$0")/lib.sh"
qt_init hidemem "${1:-bin/cxboot.lkrn}"
top=$(cd "$(dirname "$0")/../.." && pwd)
PAYLOAD=$("$top/tests/payload/build") || qt_skip "no payload"
ELF=${IMAGE%.lkrn}.lkrn.elf
[ -f "$ELF" ] || qt_skip "no $ELF"
sym() { nm "$ELF" | awk -v s="$1" '$3 == s { print $1 }'; }
fw_size=$((16#$(sym _end) - 16#$(sym _text)))

ARGS="console=ttyS0 panic=-1"
# Linux's lines of the map it was given, and memmap's (at line start).
linux_map() { tr -d '\r' <"$1" | grep -a 'BIOS-e820: ' | sed 's/.*BIOS-e820: //'; }
memmap_out() { tr -d '\r' <"$1" | grep -a '^\[mem '; }

qt_boot reference -nographic -kernel "$PAYLOAD/vmlinuz" -append "$ARGS"
expect_output "Linux booted directly panics without a root" "Kernel panic" 120
qt_wait_exit 60 || true
linux_map "$WORK/reference.log" >"$WORK/ref.map" || true
expect_true "Linux prints the BIOS map" '[ -s "$WORK/ref.map" ]'

qt_boot ours -nographic -kernel "$IMAGE" -initrd "$PAYLOAD/vmlinuz"
expect_output "shell" "cxboot>" 60
qt_send 'memmap'
# (Typed only once memmap is done: keys typed while a command prints can
# be lost on the serial line.)
qt_wait "cxboot>" 30 || true
qt_send 'echo end-of-map'
expect_line "memmap ends" "end-of-map" 30
memmap_out "$WORK/ours.log" >"$WORK/shown.map" || true
qt_send "imgargs initrd $ARGS"
qt_wait "cxboot>" 30 || true
qt_send 'boot initrd'
expect_output "Linux booted by us panics without a root" "Kernel panic" 120
qt_wait_exit 60 || true
linux_map "$WORK/ours.log" >"$WORK/linux.map" || true

expect_true "Linux gets the whole map back" \
	'cmp -s "$WORK/ref.map" "$WORK/linux.map"'
expect_true "memmap leaves entries other than RAM alone" \
	'cmp -s <(grep -v "usable$" "$WORK/ref.map") \
		<(grep -v "usable$" "$WORK/shown.map")'
# Usable bytes per map, and every shown range inside a reference one.
check_ram() {
	python3 - "$WORK/ref.map" "$WORK/shown.map" "$fw_size" <<'PY'
import re, sys
def ram(path):
    out = []
    for line in open(path):
        m = re.match(r'\[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\] usable$', line.strip())
        if m:
            out.append((int(m.group(1), 16), int(m.group(2), 16) + 1))
    return out
ref, shown, fw = ram(sys.argv[1]), ram(sys.argv[2]), int(sys.argv[3])
inside = all(any(a <= s and e <= b for a, b in ref) for s, e in shown)
hidden = sum(b - a for a, b in ref) - sum(e - s for s, e in shown)
print("# hidden: %d bytes (firmware image %d)" % (hidden, fw))
sys.exit(0 if shown and inside and hidden >= fw else 1)
PY
}
expect_true "memmap hides at least the firmware, and only RAM" check_ram
# E801h and 88h count the RAM that follows 1 MiB (and 16 MiB) without
# a gap in the same map.
check_sizes() {
	tr -d '\r' <"$WORK/ours.log" | grep -a '^E801: \|^88: ' >"$WORK/sizes"
	python3 - "$WORK/shown.map" "$WORK/sizes" <<'PY'
import re, sys
ram = []
for line in open(sys.argv[1]):
    m = re.match(r'\[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\] usable$', line.strip())
    if m:
        ram.append((int(m.group(1), 16), int(m.group(2), 16) + 1))
def run(start, limit):
    at = start
    while any(a <= at < b for a, b in ram) and at < limit:
        at = max(b for a, b in ram if a <= at < b)
    return min(at, limit) - start
MIB = 1 << 20
low = run(MIB, 16 * MIB) >> 10
high = run(16 * MIB, 1 << 32) >> 16 if low == 15 * 1024 else 0
want = ["E801: %d KiB from 1 MiB, %d x 64 KiB from 16 MiB" % (low, min(high, 0xffff)),
        "88: %d KiB from 1 MiB" % min(run(MIB, MIB + 0xffff * 1024) >> 10, 0xffff)]
got = [l.strip() for l in open(sys.argv[2])]
print("# want %s, got %s" % (want, got))
sys.exit(0 if got == want else 1)
PY
}
expect_true "E801h and 88h agree with that map" check_sizes
qt_finish
