#!/bin/bash
# HTTP disks: an http:// URI hooked as a SAN drive reads by Range
# requests.  The whole disk and a range in its middle hash right (read
# back with the hosted sanread); the capacity comes from Content-Range
# (a read past the end fails); writes are refused; a redirect moves the
# disk; a range cut short by the server (tests/net/httpd.py's /resume/)
# is asked for again and still hashes right; a missing disk, a server
# that ignores Range and a disk smaller than a block are refused at
# sanhook.  nginx's log shows every read on one connection.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init httpdisk 16 "$@"
cxt_link
size=$((4 << 20))
cxt_mkfile disk.img "$size"
cxt_mkfile tiny 100
head -c 512 /dev/zero >"$TFTP/w"
# Blocks 1000-1999 of the disk, as the client should read them.
dd if="$TFTP/disk.img" of="$TFTP/mid" bs=512 skip=1000 count=1000 \
	status=none
cxt_nginx "location = /moved.img { return 302 /disk.img; }"
cxt_bg httpd python3 "$CXT_DIR/httpd.py" "$SRV_IP" 8080 "$TFTP"
cxt_wait_grep "$WORK/httpd.log" "^listening"

H=http://$SRV_IP
cxt_run 60 <<EOF2
$(cxt_static)
sanhook $H/disk.img
sanread 0 $((size / 512)) whole
sha256sum whole
sanread 1000 1000 mid
sha256sum mid
sanread $((size / 512 - 1)) 2 past || echo PAST-END-FAILED
imgfetch $H/w
sanwrite 0 w || echo WRITE-REFUSED
sanhook --drive 0x81 $H/moved.img
sanread --drive 0x81 1000 1000 moved
sha256sum moved
sanhook --drive 0x82 $H:8080/resume/disk.img
sanread --drive 0x82 0 $((size / 512)) resumed
sha256sum resumed
sanhook --drive 0x83 $H/none.img || echo MISSING-REFUSED
sanhook --drive 0x83 $H:8080/cut/disk.img || echo NO-RANGE-REFUSED
sanhook --drive 0x83 $H/tiny || echo TINY-REFUSED
sanunhook --drive 0x81
sanread --drive 0x81 0 1 gone || echo UNHOOKED
EOF2
expect_rc 0
expect_hash whole disk.img
expect_hash mid
expect_line PAST-END-FAILED
expect_line WRITE-REFUSED
expect_hash moved mid
expect_hash resumed disk.img
expect_line MISSING-REFUSED
expect_line NO-RANGE-REFUSED
expect_line TINY-REFUSED
expect_line UNHOOKED
# The cut range was asked for again from where it stopped.
expect_cmp "requests for /resume/disk.img" \
	"$(awk '$3 == "/resume/disk.img"' "$WORK/httpd.log" | wc -l)" -ge 3
# All of drive 0x80's reads on one kept-alive connection: nginx logs
# the connection number first.
expect_eq "connections to nginx for /disk.img" \
	"$(awk '$5 == "/disk.img" {print $1}' "$WORK/access.log" | sort -u | \
	   wc -l)" 1
expect_eq "206 answers to ranged reads of /disk.img" \
	"$(awk '$3 == 206 && $5 == "/disk.img"' "$WORK/access.log" | wc -l)" 5
cxt_finish
