#!/bin/bash
# Form posts: "URI##params" sends the unnamed parameter list and
# "URI##params=NAME" a named one as an application/x-www-form-urlencoded
# POST, header entries as request headers; a URI without it is a GET,
# and a list that does not exist fails the fetch; a post answered with
# 401 is sent again, body and all, with credentials.  tests/net/httpd.py
# echoes each request back, so the fetched bytes are the request.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init httppost 42 "$@"
cxt_link
cxt_bg httpd python3 "$CXT_DIR/httpd.py" "$SRV_IP" 8080 "$TFTP" \
	alice secret
cxt_wait_grep "$WORK/httpd.log" "^listening"

# The sha256sum line for an image whose bytes are $2.
expect_image() {
	expect_line "$(printf '%s' "$2" | sha256sum | cut -d' ' -f1)  $1"
}

cxt_run 30 <<EOF
$(cxt_static)
params
param mac 52:54:00:12:34:56
param --header X-Token abc123
param name with space & amp
imgfetch --name p http://$SRV_IP:8080/echo/boot.php?x=1##params
sha256sum p
params --name other
param --params other k v
imgfetch --name q http://$SRV_IP:8080/echo/q##params=other
sha256sum q
imgfetch --name g http://$SRV_IP:8080/echo/g
sha256sum g
imgfetch --name a http://alice:secret@$SRV_IP:8080/digest-echo/a##params=other
EOF
expect_rc 0
body='mac=52%3A54%3A00%3A12%3A34%3A56&name=with%20space%20%26%20amp'
expect_image p "POST /echo/boot.php?x=1
X-Token: abc123
Content-Type: application/x-www-form-urlencoded
Content-Length: ${#body}

$body"
expect_image q "POST /echo/q
Content-Type: application/x-www-form-urlencoded
Content-Length: 3

k=v"
expect_image g "GET /echo/g

"
# The post to /digest-echo/a: refused, then sent again with credentials
# and its body.
expect_eq "posts to /digest-echo/a" \
	"$(grep -c ' POST /digest-echo/a -$' "$WORK/httpd.log")" 2
expect_eq "the second with a right answer" \
	"$(grep -c ' DIGEST MD5 auth ok$' "$WORK/httpd.log")" 1
expect_eq "and its body" "$(grep -c '^echo body k=v$' "$WORK/httpd.log")" 2

cxt_run 30 <<EOF
$(cxt_static)
imgfetch http://$SRV_IP:8080/echo/m##params=missing
EOF
expect_fail
expect_no_contains "echo/m ["
cxt_finish
