#!/bin/bash
# What a boot loader hands over: an initrd that is a script runs instead
# of the shell; any other initrd becomes the image "initrd", byte for
# byte.
. "$(dirname "$0")/lib.sh"
qt_init lkrn-initrd "${1:-bin/cxboot.lkrn}"

printf '#!ipxe\nset y from-initrd\necho script-${y}\nexit\n' >"$WORK/ok.ipxe"
qt_boot script -nographic -kernel "$IMAGE" -initrd "$WORK/ok.ipxe"
expect_line "initrd script runs" "script-from-initrd" 60
if qt_wait_exit 30; then
	qt_pass "script's exit resets the machine"
else
	qt_fail "script's exit resets the machine"
fi
expect_true "no shell prompt" '! grep -aq "cxboot>" "$QT_LOG"'

printf '#!ipxe\necho before-failure\nnosuchcommand\necho not-reached\n' \
	>"$WORK/bad.ipxe"
qt_boot badscript -nographic -kernel "$IMAGE" -initrd "$WORK/bad.ipxe"
expect_output "failing script runs" "before-failure" 60
expect_output "failure reported" "Script failed"
expect_output "shell after a failing script" "cxboot>"
expect_true "script stopped at the failure" \
	'! grep -aq "not-reached" "$QT_LOG"'
qt_send 'exit'
qt_wait_exit 30 || true

head -c 3000000 /dev/urandom >"$WORK/blob"
sum=$(sha256sum "$WORK/blob" | cut -d' ' -f1)
qt_boot blob -nographic -kernel "$IMAGE" -initrd "$WORK/blob"
expect_output "shell with a non-script initrd" "cxboot>" 60
qt_send 'imgstat'
expect_output "initrd registered as an image" "initrd : 3000000 bytes"
qt_wait "cxboot>" || true
qt_send 'sha256sum initrd'
expect_output "initrd copied intact" "$sum  initrd" 60
qt_wait "cxboot>" || true
qt_send 'exit'
qt_wait_exit 30 || true

qt_finish
