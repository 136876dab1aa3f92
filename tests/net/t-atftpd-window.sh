#!/bin/bash
# RFC 7440 windowsize against atftpd: a 16 MiB file arrives intact, the
# read request asked for a window and the server sent several blocks per
# acknowledgement.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init atftpd-window 6 "$@"
cxt_link
cxt_mkfile big16 $((16 << 20))
cxt_atftpd
CXT_SNAPLEN=160 cxt_capture window udp
cxt_run 120 <<EOF
$(cxt_static)
imgfetch tftp://$SRV_IP/big16
sha256sum big16
EOF
cxt_capture_stop "$WORK/window.pcap"
expect_rc 0
expect_hash big16

"$CXT_DIR/pcap.py" tftp "$WORK/window.pcap" >"$WORK/out"
expect_match "^rrq big16 .*windowsize=[0-9]+"
expect_match "^oack .*windowsize=([2-9]|[1-9][0-9]+)( |$)"
data=$(sed -n 's/^data //p' "$WORK/out")
acks=$(sed -n 's/^acks //p' "$WORK/out")
maxrun=$(sed -n 's/^maxrun //p' "$WORK/out")
expect_cmp "most DATA packets between two client packets" "${maxrun:-0}" -ge 2
expect_cmp "ACKs sent for ${data:-0} DATA packets" "${acks:-0}" -le $(( ${data:-0} / 2 ))
cxt_finish
