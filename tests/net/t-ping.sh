#!/bin/bash
# ICMP echo: three replies from the server's kernel, one line each; a
# host that does not exist gives no reply line and a failure.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init ping 11 "$@"
cxt_link
cxt_run 30 <<EOF
$(cxt_static)
ping --count 3 $SRV_IP
EOF
expect_rc 0
n=$(grep -c "from $SRV_IP\b" "$WORK/out" || true)
expect_cmp "reply lines from $SRV_IP" "$n" -eq 3

cxt_run 30 <<EOF
$(cxt_static)
ping --count 2 $SUBNET.77
EOF
expect_fail
expect_no_contains "from $SUBNET.77:"
cxt_finish
