#!/bin/bash
# --connectx: a described adapter attaches and the program runs; a port
# on a missing interface, an unknown fault, a missing port1 and a ROM
# image larger than the ROM BAR are each refused with a message and a
# non-zero status.
. "$(dirname "$0")/../net/lib.sh"

cxt_init connectx-option 41 "$@"
cxt_link

cxt_run 20 --connectx "port1=eth:$CIF,seed=3,trace=$WORK/trace" <<<'exit 0'
expect_rc 0

cxt_run 20 --connectx port1=eth:cxt-no-such-if <<<'exit 0'
expect_fail
expect_contains "port1=eth:cxt-no-such-if: cannot attach"

cxt_run 20 --connectx "port1=eth:$CIF,fault=cmd:0x23" <<<'exit 0'
expect_fail
expect_contains "fault=cmd:0x23: not understood"

cxt_run 20 --connectx "port2=eth:$CIF" <<<'exit 0'
expect_fail
expect_contains "expected port1="

head -c $((1024 * 1024 + 1)) /dev/zero >"$WORK/big.rom"
cxt_run 20 --connectx "port1=eth:$CIF,rom=$WORK/big.rom" <<<'exit 0'
expect_fail
expect_contains "rom=$WORK/big.rom: cannot read"

cxt_finish
