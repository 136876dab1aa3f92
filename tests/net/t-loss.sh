#!/bin/bash
# 10 % random loss on everything the server sends (nftables on the
# egress of its veth end): a 16 MiB fetch from atftpd still completes
# intact within the time limit, and the rule really dropped packets.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init loss 7 "$@"
cxt_link
cxt_mkfile big16 $((16 << 20))
cxt_atftpd
in_srv nft -f - <<EOF
table netdev cxt_loss {
	chain egress {
		type filter hook egress device "$SIF" priority 0
		numgen random mod 100 < 10 counter drop
	}
}
EOF

cxt_run 240 <<EOF
$(cxt_static)
imgfetch tftp://$SRV_IP/big16
sha256sum big16
EOF
expect_rc 0
expect_hash big16
dropped=$(in_srv nft list table netdev cxt_loss |
	sed -n 's/.*counter packets \([0-9]*\) .*/\1/p')
expect_cmp "packets dropped by the loss rule" "${dropped:-0}" -gt 100
cxt_finish
