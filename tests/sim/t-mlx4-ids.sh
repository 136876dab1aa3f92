#!/bin/bash
# Every ConnectX, ConnectX-2 and ConnectX-3 device ID is driven (net0
# appears, with the device's MAC, bound to mlx4); a ConnectX-4 is
# refused with a message naming it and gets no network device.  A VPI
# port ("auto") is sensed as Ethernet; one the sensing cannot decide
# counts as InfiniBand and is listed, not dropped.
set -euo pipefail
. "$(dirname "$0")/mlx4-lib.sh"

cxt_init mlx4-ids 41 "$@"
cxt_link
for id in 6340 634a 6732 673c 6746 6368 6750 676e 6778 6372 675a 1003 1007; do
	cx_run 30 devid=$id <<<"ifstat net0"
	expect_rc 0
	expect_match "^net0: 00:02:c9:[0-9a-f:]* using mlx4 on "
done
cx_run 30 devid=1013 <<<"ifstat"
expect_contains "ConnectX-4 and later (15b3:1013) are not supported"
expect_contains "no network devices"
cx_run 30 port1=auto:$CIF <<<"ifopen net0"
expect_rc 0
cx_run 30 port1=auto:$CIF,fault=nosense <<<"ifopen net0"
expect_contains "port 1 is InfiniBand, which is not supported yet"
cxt_finish
