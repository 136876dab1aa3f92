#!/bin/bash
# Response framings nginx does not produce, from tests/net/httpd.py:
# chunks of odd sizes with extensions and trailer fields (two fetches
# over one connection), a body that ends with the connection, and a
# connection cut before Content-Length was reached, which fails the
# fetch and leaves no image.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init httpframing 15 "$@"
cxt_link
cxt_mkfile a $((300 * 1024 + 17))
cxt_mkfile b 5
cxt_mkfile c $((1 << 20))
cxt_bg httpd python3 "$CXT_DIR/httpd.py" "$SRV_IP" 8080 "$TFTP"
cxt_wait_grep "$WORK/httpd.log" "^listening"

cxt_run 60 <<EOF
$(cxt_static)
imgfetch http://$SRV_IP:8080/chunked/a
sha256sum a
imgfetch http://$SRV_IP:8080/chunked/b
sha256sum b
imgfetch http://$SRV_IP:8080/close/c
sha256sum c
imgfree
imgfetch http://$SRV_IP:8080/cut/c || echo CUT-FAILED
imgstat
EOF
expect_rc 0
expect_hash a
expect_hash b
expect_hash c
expect_line CUT-FAILED
expect_no_contains "/cut/c ["
# The chunked responses and the one after them came over one connection
# (one client port); that one ended it, so the last came on a new one.
expect_eq "client ports of the four requests" \
	"$(awk '/ GET / {print $1}' "$WORK/httpd.log" | uniq | wc -l)" 2
cxt_finish
