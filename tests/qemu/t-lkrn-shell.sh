#!/bin/bash
# The .lkrn image started by QEMU -kernel reaches the shell, with the
# console through the BIOS (INT 10h/16h; SeaBIOS copies the screen to
# the serial port under -nographic and feeds serial input to INT 16h):
# settings expand, help lists commands, cursor keys edit the line,
# sleep takes its time, and exit resets the machine.
. "$(dirname "$0")/lib.sh"
qt_init lkrn-shell "${1:-bin/cxboot.lkrn}"

qt_boot shell -nographic -kernel "$IMAGE"
expect_output "banner and prompt" "cxboot>" 60
# The BIOS already copies the screen to the serial port: the firmware
# must not write to the UART as well.
expect_true "banner printed once, not doubled" \
	'[ "$(grep -ac "network boot firmware" "$QT_LOG")" = 1 ]'

qt_send 'set x abc'
qt_wait "cxboot>" || true
qt_send 'echo ${x}-def'
expect_line "setting expanded in echo" "abc-def"
qt_wait "cxboot>" || true

qt_send 'help'
expect_output "help lists commands" "Available commands"
expect_output "help lists sleep" "sleep"
qt_wait "cxboot>" || true

# Left arrow twice, then insert: "echo ed-it" becomes "echo ed-Xit".
qt_type 'echo ed-it\033[D\033[DX\r'
expect_line "cursor keys edit the line" "ed-Xit"
qt_wait "cxboot>" || true

# Backspace in the middle of the line: "echo wxyz" becomes "echo wxz".
qt_type 'echo wxyz\033[D\b\r'
expect_line "backspace edits the line" "wxz"
qt_wait "cxboot>" || true

qt_send 'nosuchcommand'
expect_line "unknown command reported" "nosuchcommand: command not found"
qt_wait "cxboot>" || true

qt_send 'sleep 2 && echo ${x}-slept'
start=$(qt_now)
if qt_wait "abc-slept" 30; then
	elapsed=$(awk -v a="$start" -v b="$(qt_now)" 'BEGIN { printf "%.2f", b - a }')
	expect_between "sleep 2 takes about 2 s" "$elapsed" 1.5 6
else
	qt_fail "sleep 2 finishes"
fi
qt_wait "cxboot>" || true

qt_send 'sleep 60 || echo ${x}-cancelled'
sleep 1
qt_type '\003'
expect_line "Ctrl-C cancels a sleep" "abc-cancelled" 10
qt_wait "cxboot>" || true

qt_send 'exit'
if qt_wait_exit 30; then
	qt_pass "exit resets the machine (QEMU ends)"
else
	qt_fail "exit resets the machine (QEMU ends)"
fi

qt_finish
