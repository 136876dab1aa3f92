#!/bin/bash
# Loss on the link through the model: nftables drops 10 % of what the
# server sends (egress of its veth end).  A 16 MiB windowed fetch from
# atftpd still hashes right, the rule really dropped packets, and the
# losses took the burst-loss path: the first read request asks the
# device's full burst (64) and the next fetch's a smaller window.
set -euo pipefail
. "$(dirname "$0")/mlx4-lib.sh"

cxt_init mlx4-loss 47 "$@"
cxt_link
cxt_mkfile big16 $((16 << 20))
cxt_mkfile small $((1 << 20))
cxt_atftpd
cxt_loss 10

cxt_capture rrq "udp dst port 69"
cx_run 240 <<EOF
$(cxt_static)
imgfetch tftp://$SRV_IP/big16
sha256sum big16
imgfetch tftp://$SRV_IP/small
sha256sum small
ifclose net0
EOF
cxt_capture_stop "$WORK/rrq.pcap"
expect_rc 0
expect_hash big16
expect_hash small
expect_torn_down
"$CXT_DIR/pcap.py" rrqs "$WORK/rrq.pcap" >"$WORK/rrqs"
cat "$WORK/rrqs"
# (A request may have been sent twice: compare the first with the last.)
first=$(sed -n 's/.*windowsize=\([0-9]*\).*/\1/p' "$WORK/rrqs" | head -n 1)
last=$(sed -n 's/.*windowsize=\([0-9]*\).*/\1/p' "$WORK/rrqs" | tail -n 1)
expect_eq "first window asked" "${first:-0}" 64
expect_cmp "window asked after the losses (first ${first:-0})" \
	"${last:-999}" -lt "${first:-0}"
dropped=$(cxt_loss_count)
expect_cmp "packets dropped by the loss rule" "${dropped:-0}" -gt 100
cxt_finish
