#!/bin/bash
# The .lkrn image with no BIOS serial redirection (-display none): the
# firmware drives COM1 itself, and serial input reaches the shell with
# terminal escape sequences intact.
. "$(dirname "$0")/lib.sh"
qt_init lkrn-serial "${1:-bin/cxboot.lkrn}"

qt_boot serial -display none -serial stdio -kernel "$IMAGE"
expect_output "banner and prompt on COM1" "cxboot>" 60
expect_true "banner printed once" \
	'[ "$(grep -ac "network boot firmware" "$QT_LOG")" = 1 ]'

qt_send 'set x serial'
qt_wait "cxboot>" || true
qt_send 'echo ${x}-ok'
expect_line "setting expanded in echo" "serial-ok"
qt_wait "cxboot>" || true

# Home, then Delete twice: "xxecho ab-cd" becomes "echo ab-cd".
qt_type 'xxecho ab-cd\033[H\033[3~\033[3~\r'
expect_line "Home and Delete edit the line" "ab-cd"
qt_wait "cxboot>" || true

qt_send 'sleep 1 && echo ${x}-slept'
start=$(qt_now)
if qt_wait "serial-slept" 30; then
	elapsed=$(awk -v a="$start" -v b="$(qt_now)" 'BEGIN { printf "%.2f", b - a }')
	expect_between "sleep 1 takes about 1 s" "$elapsed" 0.7 4
else
	qt_fail "sleep 1 finishes"
fi
qt_wait "cxboot>" || true

qt_send 'exit'
if qt_wait_exit 30; then
	qt_pass "exit resets the machine (QEMU ends)"
else
	qt_fail "exit resets the machine (QEMU ends)"
fi

qt_finish
