#!/bin/bash
# The expansion ROM images as files, read independently of the build's
# own tools (romcheck.py): 55AAh header, byte sums, PCIR and $PnP
# structures, IDs and product name for virtio-net and e1000; romfix
# stamps a ConnectX ROM's "MLNX NIC <version>" name, is idempotent and
# refuses a name with no room for the PCI address; the compressed
# payload inside decompresses to the linked 32-bit part.
. "$(dirname "$0")/lib.sh"

bin=$(dirname "${1:-bin/cxboot.lkrn}")
version=$(sed -n 's/^VERSION *:= *//p' Makefile)
WORK=$(mktemp -d /tmp/qt-rom-image.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
command -v python3 >/dev/null || qt_skip "python3 not installed"

romcheck() {
	local what=$1
	shift
	if python3 tests/qemu/romcheck.py "$@" >"$WORK/check.log"; then
		qt_pass "$what"
	else
		qt_fail "$what" "$(grep FAIL "$WORK/check.log" | head -5)"
	fi
}

for id in 1af41000 8086100e; do
	[ -f "$bin/$id.rom" ] || qt_die "$bin/$id.rom: no such file"
	romcheck "$id.rom is a valid PCI expansion ROM" \
		"$bin/$id.rom" "$id" "cxboot $version"
	expect_true "$id.rom fits the option-ROM area" \
		"[ $(stat -c %s "$bin/$id.rom") -le 130560 ]"
done

# The ConnectX naming, as the build stamps it for ROM_MLNX_IDS.
cp "$bin/1af41000.rom" "$WORK/mlnx.rom"
"$bin/util/romfix" rom --id 15b31003 --name "MLNX NIC $version" \
	"$WORK/mlnx.rom" >/dev/null
romcheck "a ConnectX ROM is named MLNX NIC <version>" \
	"$WORK/mlnx.rom" 15b31003 "MLNX NIC $version"
cp "$WORK/mlnx.rom" "$WORK/again.rom"
"$bin/util/romfix" rom --id 15b31003 "$WORK/again.rom" >/dev/null
expect_true "romfix run twice changes nothing" \
	'cmp -s "$WORK/mlnx.rom" "$WORK/again.rom"'
expect_true "romfix refuses a name without room for the PCI address" \
	'! "$bin/util/romfix" rom --name "$(printf "%050d" 0)" \
		"$WORK/again.rom" 2>/dev/null'

# The payload inside the ROM is what was linked, then its relocation
# table.
off=$((0x$(nm "$bin/cxboot.rom.elf" | sed -n 's/ A _payload_offset$//p')))
end=0x$(nm "$bin/cxboot.rom.elf" | sed -n 's/ [A-Za-z] _payload_end$//p')
objcopy -O binary -R .prefix --pad-to="$end" "$bin/cxboot.rom.elf" \
	"$WORK/linked.bin"
"$bin/util/reloc" "$bin/cxboot.rom.elf" "$WORK/reloc.tab"
cat "$WORK/reloc.tab" >>"$WORK/linked.bin"
tail -c +$((off + 1)) "$bin/1af41000.rom" >"$WORK/payload.cxz"
expect_true "the ROM's payload decompresses to the linked 32-bit part" \
	'"$bin/util/cxz" -d "$WORK/payload.cxz" "$WORK/payload.bin" 2>/dev/null &&
	 cmp -s "$WORK/payload.bin" "$WORK/linked.bin"'
expect_true "the compressed payload is smaller" \
	"[ $(stat -c %s "$WORK/payload.cxz") -lt $(stat -c %s "$WORK/linked.bin") ]"

qt_finish
