#!/bin/bash
# 10 % random loss on everything nginx sends (nftables on a bridge in
# front of its veth end): a 64 MiB HTTP fetch still hashes right within three
# minutes, and the rule really dropped packets.  The SACK blocks and
# duplicate ACKs the client sends are what lets the server resend just
# the lost segments.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init httploss 12 "$@"
cxt_link
cxt_mkfile big $((64 << 20))
cxt_tcp_loss 10
cxt_nginx

CXT_SNAPLEN=128 cxt_capture acks "tcp dst port 80 or tcp[tcpflags] & tcp-syn != 0"
cxt_run 180 <<EOF
$(cxt_static)
imgfetch http://$SRV_IP/big
sha256sum big
EOF
cxt_capture_stop "$WORK/acks.pcap"
expect_rc 0
expect_hash big
expect_cmp "ms for 64 MiB at 10 % loss" "$ELAPSED_MS" -lt 180000
dropped=$(cxt_loss_count)
expect_cmp "packets dropped by the loss rule" "${dropped:-0}" -gt 100
# The server agreed to SACK and window scaling in its SYN-ACK.
opts=$(tcpdump -n -r "$WORK/acks.pcap" 2>/dev/null | grep -F "$SRV_IP.80 >" | head -n 1)
case $opts in
*sackOK*wscale*|*wscale*sackOK*) cxt_pass "SYN-ACK with SACK and window scale" ;;
*) cxt_fail "SYN-ACK without SACK or window scale: $opts" ;;
esac
# The client told the server what it holds beyond each gap.
sacks=$(tcpdump -n -r "$WORK/acks.pcap" 2>/dev/null |
	grep -F "> $SRV_IP.80:" | grep -c "sack [1-4] " || true)
expect_cmp "ACKs with SACK blocks" "$sacks" -gt 10
cxt_finish
