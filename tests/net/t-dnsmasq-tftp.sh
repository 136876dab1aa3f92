#!/bin/bash
# TFTP from dnsmasq: files of 0 and 1 bytes, an exact multiple of the
# negotiated block size (1468 on a 1500-byte MTU link, 512 from a server
# that refuses blksize) and 64 MiB, each checked by hash; a missing file
# fails with the server's own error text.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init dnsmasq-tftp 2 "$@"
cxt_link
cxt_mkfile blk3 $((3 * 1468))
cxt_mkfile empty 0
cxt_mkfile one 1
cxt_mkfile big $((64 << 20))
cxt_mkfile b512 $((512 * 2048))

cxt_dnsmasq dnsmasq "${DNSMASQ_TFTP[@]}"
DNSMASQ=$LAST_PID
cxt_capture small udp
cxt_run 60 <<EOF
$(cxt_static)
imgfetch tftp://$SRV_IP/blk3
sha256sum blk3
imgfetch tftp://$SRV_IP:69/empty
sha256sum empty
imgfetch --name single tftp://$SRV_IP/one
sha256sum single
imgfetch tftp://$SRV_IP/nosuch
EOF
cxt_capture_stop "$WORK/small.pcap"
expect_fail
expect_hash blk3
expect_hash empty
expect_hash single one
expect_contains "nosuch not found"
"$CXT_DIR/pcap.py" tftp "$WORK/small.pcap" >"$WORK/out"
expect_match "^oack .*blksize=1468"

cxt_run 120 <<EOF
$(cxt_static)
imgfetch tftp://$SRV_IP/big
sha256sum big
EOF
expect_rc 0
expect_hash big

# A server that ignores blksize: plain 512-byte blocks.
cxt_stop "$DNSMASQ"
cxt_dnsmasq dnsmasq-512 "${DNSMASQ_TFTP[@]}" --tftp-no-blocksize
cxt_capture b512 udp
cxt_run 60 <<EOF
$(cxt_static)
imgfetch tftp://$SRV_IP/b512
sha256sum b512
EOF
cxt_capture_stop "$WORK/b512.pcap"
expect_rc 0
expect_hash b512
"$CXT_DIR/pcap.py" tftp "$WORK/b512.pcap" >"$WORK/out"
expect_line "maxsize 512"
cxt_finish
