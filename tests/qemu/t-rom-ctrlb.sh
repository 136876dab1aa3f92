#!/bin/bash
# The shell from the expansion ROM (seed manual §7.1): Ctrl-B typed at the
# POST prompt opens it as soon as the BIOS boots from the ROM (with no
# second wait); Ctrl-B at the prompt right after booting starts opens it
# too.  Commands work there, and exit hands the machine back to the BIOS,
# which goes on to its next boot device.
. "$(dirname "$0")/lib.sh"

bin=$(dirname "${1:-bin/cxboot.lkrn}")
qt_init rom-ctrlb "$bin/1af41000.rom"
nic=(-device "virtio-net-pci,netdev=n0,romfile=$IMAGE" -netdev user,id=n0)

# Ctrl-B at POST.
qt_boot post -nographic -boot n "${nic[@]}"
if qt_wait "Press Ctrl-B to configure" 60; then
	qt_type '\002'
fi
expect_output "Ctrl-B at POST is taken" "the shell opens" 10
expect_output "the BIOS boots from the ROM" "Booting from ROM" 30
expect_output "the shell opens at the boot entry" "cxboot>" 30
expect_true "no second Ctrl-B wait after one at POST" \
	'! grep -aq "Press Ctrl-B for the command line" "$QT_LOG"'
expect_true "no autoboot before the shell" '! grep -aq "DHCP (" "$QT_LOG"'
qt_send 'set x 42'
qt_wait "cxboot>" || true
qt_send 'echo rom-${x}'
expect_line "shell commands work" "rom-42"
qt_wait "cxboot>" || true
qt_send 'help'
expect_output "help lists commands" "Available commands"
qt_wait "cxboot>" || true
qt_send 'exit'
expect_output "exit returns to the BIOS" "Returning to the BIOS" 30
expect_output "SeaBIOS tries its next boot device" "Booting from Floppy" 30
kill "$QT_PID" 2>/dev/null || true
wait "$QT_PID" 2>/dev/null || true

# Ctrl-B right after the ROM starts booting.
qt_boot bev -nographic -boot n "${nic[@]}"
if qt_wait "Press Ctrl-B for the command line" 60; then
	qt_type '\002'
fi
expect_output "Ctrl-B at the boot entry opens the shell" "cxboot>" 30
qt_send 'echo bev-shell'
expect_line "shell commands work" "bev-shell"
qt_wait "cxboot>" || true
qt_send 'exit'
expect_output "exit returns to the BIOS" "Booting from Floppy" 30

qt_finish
