#!/bin/bash
# Response framings nginx does not produce, from tests/net/httpd.py:
# chunks of odd sizes with extensions and trailer fields (two fetches
# over one connection) and a body that ends with the connection.
# Bodies cut short are t-http-resume's.
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
EOF
expect_rc 0
expect_hash a
expect_hash b
expect_hash c
# The chunked responses and the one after them came over one connection
# (one client port).
expect_eq "client ports of the three requests" \
	"$(awk '/ GET / {print $1}' "$WORK/httpd.log" | uniq | wc -l)" 1
cxt_finish
