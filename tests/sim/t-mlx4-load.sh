#!/bin/bash
# TFTP over the model with a busy loop on every core: a windowed 64 MiB
# fetch from atftpd still hashes right and no window was cut short by a
# timer that gave up on a server that had only paused (atftpd logs each
# short window it sees); then, still under load, 2 % loss on the link
# takes the burst-loss path: the fetch hashes right and the next read
# request asks a smaller window than the first.  (tests/bench/load.sh
# reports the rates against lock-step under the same load.)
set -euo pipefail
. "$(dirname "$0")/mlx4-lib.sh"

cxt_init mlx4-load 48 "$@"
cxt_link
cxt_mkfile big $((64 << 20))
cxt_mkfile small $((1 << 20))
cxt_atftpd
cxt_busy

cx_run 600 <<EOF2
$(cxt_static)
imgfetch tftp://$SRV_IP/big
sha256sum big
ifstat net0
ifclose net0
EOF2
expect_rc 0
expect_hash big
expect_match "RXE:0\]"
expect_torn_down
short=$(grep -c 'not complete/ordered' "$WORK/atftpd.log" || true)
expect_cmp "windows atftpd saw cut short" "$short" -le 2

cxt_loss 2
cxt_capture rrq "udp dst port 69"
cx_run 600 <<EOF2
$(cxt_static)
imgfetch tftp://$SRV_IP/big
sha256sum big
imgfetch tftp://$SRV_IP/small
sha256sum small
ifclose net0
EOF2
cxt_capture_stop "$WORK/rrq.pcap"
expect_rc 0
expect_hash big
expect_hash small
expect_torn_down
"$CXT_DIR/pcap.py" rrqs "$WORK/rrq.pcap" >"$WORK/rrqs"
first=$(sed -n 's/.*windowsize=\([0-9]*\).*/\1/p' "$WORK/rrqs" | head -n 1)
last=$(sed -n 's/.*windowsize=\([0-9]*\).*/\1/p' "$WORK/rrqs" | tail -n 1)
expect_eq "first window asked" "${first:-0}" 64
expect_cmp "window asked after the losses (first ${first:-0})" \
	"${last:-999}" -lt "${first:-0}"
expect_cmp "packets dropped by the loss rule" "$(cxt_loss_count)" -gt 100
cxt_finish
