#!/bin/bash
# The ConnectX ROMs as Mellanox's flash tool reads them: for every
# supported device ID, .rom and .mrom exist, `mstflint -i FILE qrom`
# reports a PXE ROM of our version, Ethernet, with no warning and no
# error; the ROM-info tag occurs once in the whole file (none inside the
# compressed payload), and the block's device ID is the ROM's own PCI
# device ID (mlxinfo.py reads both).  A ROM for another vendor carries
# no tag.
. "$(dirname "$0")/lib.sh"

bin=$(dirname "${1:-bin/cxboot.lkrn}")
version=$(sed -n 's/^VERSION *:= *//p' Makefile)
WORK=$(mktemp -d /tmp/qt-rom-mlxinfo.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
command -v mstflint >/dev/null || qt_skip "mstflint not installed"
command -v python3 >/dev/null || qt_skip "python3 not installed"

IDS="6340 634a 6732 673c 6746 6368 6750 676e 6778 6372 675a 1003 1007"

for dev in $IDS; do
	for ext in rom mrom; do
		f=$bin/15b3$dev.$ext
		if [ ! -f "$f" ]; then
			qt_fail "15b3$dev.$ext is built"
			continue
		fi
		out=$(mstflint -i "$f" qrom 2>&1) && rc=0 || rc=$?
		echo "$out" >"$WORK/out"
		expect_true "15b3$dev.$ext: mstflint qrom: type PXE, $version, ETH" \
			"[ $rc = 0 ] && grep -qx 'Rom Info: type=PXE version=$version proto=ETH' '$WORK/out'"
		expect_true "15b3$dev.$ext: mstflint says nothing else" \
			"[ \$(grep -cv '^Rom Info: ' '$WORK/out') = 0 ]"
		info=$(python3 tests/qemu/mlxinfo.py "$f") || true
		expect_true "15b3$dev.$ext: one tag, device ID $dev in block and PCIR" \
			"[ '$info' = 'tags=1 pcir=$dev devid=$dev product=10 version=$version port=0 proto=1' ]"
	done
done

info=$(python3 tests/qemu/mlxinfo.py "$bin/8086100e.rom") || true
expect_true "8086100e.rom carries no ROM-info tag" \
	"[ '$info' = 'tags=0 pcir=100e' ]"

qt_finish
