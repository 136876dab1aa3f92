#!/bin/bash
# Without any network: the loader's command line reaches ${cmdline};
# Ctrl-B at the banner gives the shell without autoboot; a kernel that
# the boot loader handed over as our initrd boots from the shell with
# the arguments imgargs gave it (Linux echoes its command line, then
# panics for want of a root file system, which ends QEMU).  The same
# kernel marked not relocatable (loadable only at 1 MiB, where the
# firmware was unpacked before it moved itself up) boots too.
. "$(dirname "$0")/lib.sh"
qt_init boot-local "${1:-bin/cxboot.lkrn}"
top=$(cd "$(dirname "$0")/../.." && pwd)
PAYLOAD=$("$top/tests/payload/build") || qt_skip "no payload"

qt_boot cmdline -nographic -kernel "$IMAGE" -append "alpha=1 beta"
expect_output "banner" "Press Ctrl-B" 60
qt_type '\002'
expect_output "Ctrl-B gives the shell" "cxboot>" 30
expect_true "no autoboot after Ctrl-B" \
	'! grep -aq "No more ports" "$QT_LOG"'
qt_send 'echo cmdline=${cmdline}='
expect_line "the loader's command line as a setting" "cmdline=alpha=1 beta=" 30
qt_send 'exit'
qt_wait_exit 30 || true

qt_boot kernel -nographic -kernel "$IMAGE" -initrd "$PAYLOAD/vmlinuz"
expect_output "autoboot without NICs gives up" "No more ports" 60
expect_output "shell" "cxboot>" 30
qt_send 'imgargs initrd console=ttyS0 panic=-1 cxtest=local-42'
qt_wait "cxboot>" 30 || true
qt_send 'boot initrd'
expect_output "Linux starts with our command line" \
	"Command line: console=ttyS0 panic=-1 cxtest=local-42" 120
expect_output "Linux runs (and panics without a root)" "Kernel panic" 120
if qt_wait_exit 60; then
	qt_pass "QEMU ended with the panic"
else
	qt_fail "QEMU ended with the panic"
fi

# relocatable_kernel (setup header offset 0x234) cleared.
cp "$PAYLOAD/vmlinuz" "$WORK/fixed"
printf '\000' | dd of="$WORK/fixed" bs=1 seek=$((0x234)) conv=notrunc \
	status=none
qt_boot fixed -nographic -kernel "$IMAGE" -initrd "$WORK/fixed"
expect_output "shell" "cxboot>" 60
qt_send 'imgargs initrd console=ttyS0 panic=-1 cxtest=fixed-43'
qt_wait "cxboot>" 30 || true
qt_send 'boot initrd'
expect_output "a kernel that is not relocatable starts at 1 MiB" \
	"Command line: console=ttyS0 panic=-1 cxtest=fixed-43" 120
expect_output "and runs" "Kernel panic" 120
qt_wait_exit 60 || true
qt_finish
