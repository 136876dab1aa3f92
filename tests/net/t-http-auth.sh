#!/bin/bash
# HTTP authentication.  Basic against nginx's auth_basic (an htpasswd
# file made here), with credentials from the URI and from the username
# and password settings; Digest against tests/net/httpd.py, which checks
# the response itself: MD5 with qop=auth, SHA-256 (preferred over the
# MD5 challenge offered beside it), the RFC 2069 form, and a nonce that
# expires (stale=true: answered once more with the new nonce).  The 401 and
# the repeated request share one connection.  Missing or wrong
# credentials fail with the 401 and a non-zero status.  The console
# never shows the password of a URI.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init httpauth 41 "$@"
cxt_link
cxt_mkfile a 70000
cxt_mkfile b 1
cxt_mkfile c 3000
cxt_mkfile d 100000
cxt_mkfile e 4321
printf 'alice:%s\n' "$(openssl passwd -apr1 'open sesame')" \
	>"$WORK/htpasswd"
chmod 644 "$WORK/htpasswd"
cxt_nginx "location /basic/ { alias $TFTP/; auth_basic \"cxboot\";" \
	"  auth_basic_user_file $WORK/htpasswd; }"
cxt_bg httpd python3 "$CXT_DIR/httpd.py" "$SRV_IP" 8080 "$TFTP" \
	bob 'Circle Of Life'
cxt_wait_grep "$WORK/httpd.log" "^listening"

cxt_run 60 <<EOF
$(cxt_static)
imgfetch http://alice:open%20sesame@$SRV_IP/basic/a
sha256sum a
set username bob
set password Circle Of Life
imgfetch http://$SRV_IP:8080/digest-md5/b
sha256sum b
imgfetch http://$SRV_IP:8080/digest-sha256/c
sha256sum c
imgfetch http://$SRV_IP:8080/digest-2069/d
sha256sum d
imgfetch http://$SRV_IP:8080/digest-stale/e
sha256sum e
set username alice
set password open sesame
imgfetch --name a2 http://$SRV_IP/basic/a
sha256sum a2
EOF
expect_rc 0
expect_hash a
# The console shows the URI without its password.
expect_no_contains "sesame@"
expect_contains "http://alice:***@$SRV_IP/basic/a"
expect_hash b
expect_hash c
expect_hash d
expect_hash e
expect_hash a2 a
# nginx: each 401 and the request repeated after it, on one connection.
expect_eq "nginx's log (request on the connection, status)" \
	"$(awk '{print $2, $3}' "$WORK/access.log" | tr '\n' ' ')" \
	"1 401 2 200 3 401 4 200 "
expect_eq "Digest answers" \
	"$(awk '$2 == "DIGEST" {print $3, $4, $5}' "$WORK/httpd.log" |
		tr '\n' ' ')" \
	"MD5 auth ok SHA-256 auth ok MD5 - ok MD5 - stale MD5 - ok "

cxt_run 30 <<EOF
$(cxt_static)
imgfetch http://$SRV_IP/basic/a
EOF
expect_fail
expect_contains "HTTP error 401 Unauthorized"

cxt_run 30 <<EOF
$(cxt_static)
imgfetch http://alice:wrong@$SRV_IP/basic/a
EOF
expect_fail
expect_contains "HTTP error 401 Unauthorized"

cxt_run 30 <<EOF
$(cxt_static)
set username bob
set password wrong
imgfetch http://$SRV_IP:8080/digest-sha256/c
EOF
expect_fail
expect_contains "HTTP error 401 Unauthorized"
expect_eq "last Digest answer" \
	"$(awk '$2 == "DIGEST" {print $3, $5}' "$WORK/httpd.log" | tail -n 1)" \
	"SHA-256 bad"
cxt_finish
