#!/bin/bash
# Ctrl-C (byte 0x03 on stdin) cancels a DHCP attempt and a TFTP fetch
# that would otherwise wait for a long time; without it, DHCP with no
# server gives up after about 30 s with a message.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init cancel 9 "$@"
cxt_link
# No TFTP server, and no ICMP "port unreachable" either: the client
# would wait for an answer until it is interrupted.
in_srv nft -f - <<EOF
table inet cxt_cancel {
	chain input {
		type filter hook input priority 0
		udp dport 69 drop
	}
}
EOF
cxt_watch watch udp port 67 or udp port 69

# Send the command, then Ctrl-C once its first packet is on the wire.
feed() {
	printf '%s\n' "$1"
	cxt_wait_grep "$WORK/watch.log" "$2"
	printf '\003'
	printf 'echo after\n'
}

cxt_run 60 < <(feed "dhcp net0 || echo DHCP-FAILED" "\.68 > 255\.255\.255\.255\.67:")
expect_line "DHCP-FAILED"
expect_icontains "canceled"
expect_line "after"
expect_cmp "ms until a canceled dhcp ended" "$ELAPSED_MS" -lt 15000

cxt_run 60 < <(feed "$(cxt_static)
imgfetch tftp://$SRV_IP/x || echo FETCH-FAILED" "> $SRV_IP\.69:")
expect_line "FETCH-FAILED"
expect_icontains "canceled"
expect_line "after"
expect_cmp "ms until a canceled imgfetch ended" "$ELAPSED_MS" -lt 15000

cxt_run 70 <<EOF
dhcp net0
EOF
expect_fail
expect_cmp "ms until dhcp gave up" "$ELAPSED_MS" -ge 25000
expect_cmp "ms until dhcp gave up" "$ELAPSED_MS" -le 50000
expect_match "[[:alnum:]]"
cxt_finish
