#!/bin/bash
# HTTP downloads from nginx: files of 0 and 1 bytes, an exact multiple
# of the segment size, 256 MiB and a chunked body hash right; consecutive fetches from
# one server share one connection (nginx logs each request's connection
# and its count on it); relative and absolute redirects are followed and
# the image keeps the final URI; a redirect loop, 404 and 500 fail with
# their status; https:// fails at once.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init http 11 "$@"
cxt_link
cxt_mkfile empty 0
cxt_mkfile one 1
# 1460 bytes of payload per segment on a 1500-byte MTU.
cxt_mkfile mss $((1460 * 64))
cxt_mkfile big $((256 << 20))
cp "$TFTP/one" "$TFTP/target"
cxt_nginx "location = /old { return 302 /target; }" \
	"location = /abs { return 301 http://$SRV_IP/old; }" \
	"location = /loop { return 302 /loop; }" \
	"location = /fail { return 500; }" \
	"location /chunked/ { alias $TFTP/; sub_filter_types *;" \
	"  sub_filter never-found-here x; }"

# The access log holds a line matching extended regex RE.
expect_logged() {
	if grep -Eq -- "$1" "$WORK/access.log"; then
		cxt_pass "nginx logged /$1/"
	else
		cxt_fail "expected /$1/ in nginx's log, got:" \
			"$(cat "$WORK/access.log")"
	fi
}

cxt_run 120 <<EOF
$(cxt_static)
imgfetch http://$SRV_IP/empty
sha256sum empty
imgfetch http://$SRV_IP/one
sha256sum one
imgfetch http://$SRV_IP/mss
sha256sum mss
imgfetch http://$SRV_IP/big
sha256sum big
imgfetch --name chunked http://$SRV_IP/chunked/mss
sha256sum chunked
EOF
expect_rc 0
expect_hash empty
expect_hash one
expect_hash mss
expect_hash big
expect_hash chunked mss
# Every request after the first went over the first one's connection.
conns=$(awk '{print $1}' "$WORK/access.log" | sort -u | wc -l)
expect_eq "connections for five fetches" "$conns" 1
expect_logged '^[0-9]+ 4 200 "GET /big HTTP/1.1"'
expect_logged '^[0-9]+ 5 200 "GET /chunked/mss HTTP/1.1" chunked$'

: >"$WORK/access.log"
cxt_run 60 <<EOF
$(cxt_static)
imgfetch http://$SRV_IP/old
sha256sum old
imgfree
imgfetch http://$SRV_IP/abs
imgstat
EOF
expect_rc 0
expect_hash old one
expect_contains "http://$SRV_IP/target"
expect_logged '^[0-9]+ [0-9]+ 302 "GET /old HTTP/1.1"'
expect_logged '^[0-9]+ [0-9]+ 301 "GET /abs HTTP/1.1"'
expect_logged '^[0-9]+ [0-9]+ 200 "GET /target HTTP/1.1"'
# Redirects to the same server go on over the same connection.
conns=$(awk '{print $1}' "$WORK/access.log" | sort -u | wc -l)
expect_eq "connections for fetches with redirects" "$conns" 1

: >"$WORK/access.log"
cxt_run 60 <<EOF
$(cxt_static)
imgfetch http://$SRV_IP/missing || echo MISSING-FAILED
imgfetch http://$SRV_IP/fail || echo FAIL-FAILED
imgfetch http://$SRV_IP/loop || echo LOOP-FAILED
imgfetch https://$SRV_IP/one || echo HTTPS-FAILED
imgstat
imgfetch http://$SRV_IP/missing
EOF
expect_fail
expect_line MISSING-FAILED
expect_line FAIL-FAILED
expect_line LOOP-FAILED
expect_line HTTPS-FAILED
expect_contains "404 Not Found"
expect_contains "500 Internal Server Error"
expect_icontains "HTTPS is not supported"
# No image is left from any failed fetch.
expect_no_contains "$SRV_IP/missing ["
expect_no_contains "http://$SRV_IP/one"
loops=$(grep -c 'GET /loop ' "$WORK/access.log" || true)
expect_cmp "requests of the redirect loop" "$loops" -le 10
cxt_finish
