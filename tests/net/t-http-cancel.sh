#!/bin/bash
# Ctrl-C in the middle of an HTTP download (nginx sends slowly) ends the
# fetch and frees its connection: ipstat counts no live TCP connection
# afterwards, nor after a refused connection.  A 404 and a completed
# fetch leave one kept alive (the second reuses the first's), which the
# count shows too.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init httpcancel 13 "$@"
cxt_link
cxt_mkfile big $((16 << 20))
cxt_mkfile small 1000
cxt_nginx "location = /big { limit_rate 256k; }"
cxt_watch watch "tcp src port 80 and greater 1000"

# Send the fetch, then Ctrl-C once the body is flowing.
feed() {
	cxt_static
	echo "imgfetch http://$SRV_IP/big || echo FETCH-FAILED"
	cxt_wait_grep "$WORK/watch.log" "$SRV_IP\.80 > .*length [0-9]{3,}"
	printf '\003'
	echo "ipstat"
	echo "imgfetch http://$SRV_IP:81/x || echo REFUSED"
	echo "ipstat"
	echo "imgfetch http://$SRV_IP/missing || echo MISSING-FAILED"
	echo "ipstat"
	echo "imgfetch http://$SRV_IP/small"
	echo "ipstat"
}

cxt_run 60 < <(feed)
expect_line "FETCH-FAILED"
expect_icontains "canceled"
expect_line "REFUSED"
expect_line "MISSING-FAILED"
expect_cmp "ms until the canceled fetch ended" "$ELAPSED_MS" -lt 15000
live=$(sed -n 's/^tcp rx [0-9]* drop [0-9]* live \([0-9]*\)$/\1/p' "$WORK/out" |
	tr '\n' ' ')
expect_eq "live TCP connections after cancel, refusal, 404, success" \
	"$live" "0 0 1 1 "
expect_eq "connections of the 404 and the next fetch" \
	"$(grep -E 'GET /(missing|small) ' "$WORK/access.log" |
		awk '{print $1}' | sort -u | wc -l)" 1
cxt_finish
