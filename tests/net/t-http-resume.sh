#!/bin/bash
# A connection lost in the middle of a body of known length: the rest
# is asked for by Range and the image hashes right.  tests/net/httpd.py
# cuts /resume/ twice (a close, then a reset) and /early/ right after
# the headers (asked again without Range, nothing having arrived);
# /stall/ goes silent mid-body with the connection open, which the
# client notices after 10 s, unless `imgfetch --timeout` gives up first
# (no second request then); /cut/ ignores Range, which fails the fetch
# and leaves no image.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init httpresume 15 "$@"
cxt_link
cxt_mkfile r $((3 * 1024 * 1024 + 4321))
cxt_mkfile e $((200 * 1024 + 3))
cxt_mkfile c $((1 << 20))
cxt_mkfile s $((600 * 1024))
cxt_mkfile t $((600 * 1024))
cxt_bg httpd python3 "$CXT_DIR/httpd.py" "$SRV_IP" 8080 "$TFTP"
cxt_wait_grep "$WORK/httpd.log" "^listening"

cxt_run 60 <<EOF
$(cxt_static)
imgfetch http://$SRV_IP:8080/resume/r
sha256sum r
imgfetch http://$SRV_IP:8080/early/e
sha256sum e
imgfetch http://$SRV_IP:8080/stall/s
sha256sum s
imgfetch http://$SRV_IP:8080/cut/c || echo CUT-FAILED
imgfetch --timeout 1000 http://$SRV_IP:8080/stall/t || echo TIMED-OUT
imgstat
EOF
expect_rc 0
expect_hash r
expect_hash e
expect_hash s
expect_line CUT-FAILED
expect_no_contains "/cut/c ["
expect_line TIMED-OUT
expect_no_contains "/stall/t ["
expect_eq "requests for /stall/t" \
	"$(awk '$3 == "/stall/t"' "$WORK/httpd.log" | wc -l)" 1
# The requests' Range starts: the first cut came after a third of the
# body by a close, so all of it arrived; the reset may lose what was in
# flight, so the second start is only known to lie past the first.
size=$((3 * 1024 * 1024 + 4321))
starts=($(awk '$3 == "/resume/r" {print $4}' "$WORK/httpd.log"))
expect_eq "requests for /resume/r" "${#starts[@]}" 3
expect_eq "first request's range" "${starts[0]}" -
expect_eq "second request's range" "${starts[1]}" $((size / 3))
expect_cmp "third request's range" "${starts[2]}" -gt "${starts[1]}"
expect_cmp "third request's range" "${starts[2]}" -le \
	$((size / 3 + (size - size / 3) / 3))
expect_eq "ranges asked for /early/e" \
	"$(awk '$3 == "/early/e" {printf "%s ", $4}' "$WORK/httpd.log")" "- - "
expect_eq "ranges asked for /stall/s" \
	"$(awk '$3 == "/stall/s" {printf "%s ", $4}' "$WORK/httpd.log")" \
	"- $((600 * 1024 / 3)) "
# Without Range support, one more request and no more.
expect_eq "ranges asked for /cut/c" \
	"$(awk '$3 == "/cut/c" {printf "%s ", $4}' "$WORK/httpd.log")" \
	"- $((1 << 19)) "
cxt_finish
