#!/bin/bash
# A lock-step TFTP download (dnsmasq offers no windows) over the model's
# port 1, 16 MiB checked by hash: every block waits for its
# acknowledgement, so this is the one long exchange of small bursts.
# (64 MiB windowed is t-mlx4-tftp's.)
set -euo pipefail
. "$(dirname "$0")/mlx4-lib.sh"

cxt_init mlx4-big 44 "$@"
cxt_link
cxt_mkfile big $((16 << 20))
cxt_dnsmasq dnsmasq "${DNSMASQ_TFTP[@]}"

cx_run 600 <<EOF
$(cxt_static)
imgfetch tftp://$SRV_IP/big
sha256sum big
ifstat net0
ifclose net0
EOF
expect_rc 0
expect_hash big
expect_match "RX:[0-9]* RXE:0\]"
expect_torn_down
cxt_finish
