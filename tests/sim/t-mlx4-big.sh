#!/bin/bash
# A 64 MiB TFTP download over the model's port 1, checked by hash.
set -euo pipefail
. "$(dirname "$0")/mlx4-lib.sh"

cxt_init mlx4-big 44 "$@"
cxt_link
cxt_mkfile big $((64 << 20))
cxt_dnsmasq dnsmasq "${DNSMASQ_TFTP[@]}"

cx_run 600 <<EOF
$(cxt_static)
imgfetch tftp://$SRV_IP/big
sha256sum big
ifstat net0
EOF
expect_rc 0
expect_hash big
expect_match "RX:[0-9]* RXE:0\]"
cxt_finish
