#!/bin/bash
# No DHCP server on the link: DHCP gives up after its timeout (30 s,
# ConnectX EN PXE manual §6.2) with a clear message, autoboot says there
# is nothing left to try, and the .lkrn falls back to its shell.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netboot-lib.sh"
qt_init boot-nodhcp "${1:-bin/cxboot.lkrn}"
nb_init 63
nb_tap tap0

MAC=52:54:00:63:00:01
nb_nic e1000 tap0 "$MAC"
qt_boot nodhcp -nographic -kernel "$IMAGE" "${NB_NICS[@]}"
expect_output "DHCP starts" "DHCP (net0 $MAC)..." 60
t0=$(qt_now)
expect_output "DHCP times out" "Connection timed out" 60
t1=$(qt_now)
expect_between "seconds DHCP waited" "$(echo "$t1 - $t0" | bc)" 25 40
expect_output "autoboot gives up" "No more ports" 10
expect_output "shell" "cxboot>" 10
qt_send "exit"
qt_wait_exit 30 || true
qt_finish
