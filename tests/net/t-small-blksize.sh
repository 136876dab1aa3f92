#!/bin/bash
# A server that grants a smaller block size than the client asked for
# (dnsmasq capped by --tftp-mtu): the client must follow the OACK.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init small-blksize 3 "$@"
cxt_link
cxt_mkfile exact $((568 * 7))
cxt_mkfile odd $((1 << 20 | 123))
# 600-byte MTU less IPv4, UDP and TFTP headers: 568-byte blocks.
cxt_dnsmasq dnsmasq "${DNSMASQ_TFTP[@]}" --tftp-mtu=600
cxt_capture small udp
cxt_run 60 <<EOF
$(cxt_static)
imgfetch tftp://$SRV_IP/odd
sha256sum odd
imgfetch tftp://$SRV_IP/exact
sha256sum exact
EOF
cxt_capture_stop "$WORK/small.pcap"
expect_rc 0
expect_hash odd
expect_hash exact
"$CXT_DIR/pcap.py" tftp "$WORK/small.pcap" >"$WORK/out"
expect_match "^oack .*blksize=568( |$)"
expect_line "maxsize 568"
asked=$(sed -n 's/^rrq .*blksize=\([0-9]*\).*/\1/p' "$WORK/out")
expect_cmp "blksize the client asked for" "${asked:-0}" -gt 568
cxt_finish
