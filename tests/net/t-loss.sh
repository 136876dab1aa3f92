#!/bin/bash
# 10 % random loss on everything the server sends (nftables on the
# egress of its veth end): a 16 MiB fetch from atftpd still completes
# intact within the time limit, and the rule really dropped packets.
# The losses teach the device a smaller burst: the next fetch asks for
# a smaller window than the first.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init loss 7 "$@"
cxt_link
cxt_mkfile big16 $((16 << 20))
cxt_mkfile small $((1 << 20))
cxt_atftpd
cxt_loss 10

cxt_capture rrq "udp dst port 69"
cxt_run 240 <<EOF
$(cxt_static)
imgfetch tftp://$SRV_IP/big16
sha256sum big16
imgfetch tftp://$SRV_IP/small
sha256sum small
EOF
cxt_capture_stop "$WORK/rrq.pcap"
expect_rc 0
expect_hash big16
expect_hash small
"$CXT_DIR/pcap.py" rrqs "$WORK/rrq.pcap" >"$WORK/out"
# (The first request may have been sent twice: compare the first with
# the last.)
first=$(sed -n 's/.*windowsize=\([0-9]*\).*/\1/p' "$WORK/out" | head -n 1)
second=$(sed -n 's/.*windowsize=\([0-9]*\).*/\1/p' "$WORK/out" | tail -n 1)
expect_cmp "first window asked" "${first:-0}" -ge 16
expect_cmp "window asked after the losses (first ${first:-0})" \
	"${second:-999}" -lt "${first:-0}"
dropped=$(cxt_loss_count)
expect_cmp "packets dropped by the loss rule" "${dropped:-0}" -gt 100
cxt_finish
