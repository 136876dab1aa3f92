#!/bin/bash
# iSCSI against a scripted target (iscsitgt.py) for what tgt does not
# do: a disk of 2^33 blocks (READ CAPACITY 16, READ 16 past block 2^32,
# READ 10 below, a read past the end refused); an async message asking
# for logout after the first read (the initiator logs out and the next
# read comes over a new login); CHECK CONDITION with sense data, a
# rejected command and Data-In past the command's buffer each fail the
# read once, without a new connection, and the session goes on.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init iscsi-faults 46 "$@"
command -v python3 >/dev/null || cxt_skip "python3 not installed"
cxt_link
TGT=$CXT_DIR/iscsitgt.py
IQN=iqn.2026-12.test.cxboot:scripted
port=3260
for mode in async sense reject overrun; do
	blocks=2048
	[ "$mode" = async ] && blocks=$((1 << 33))
	cxt_bg "$mode" python3 "$TGT" "$SRV_IP" "$port" "$blocks" "$mode"
	cxt_wait_tcp "$port" "$LAST_PID"
	eval "PORT_$mode=$port"
	port=$((port + 1))
done

# The target's blocks LBA.. (COUNT of them) as file NAME in $TFTP.
blocks() {
	python3 -c 'import sys, struct
lba, n = int(sys.argv[1]), int(sys.argv[2])
sys.stdout.buffer.write(b"".join(struct.pack(">Q", lba + i) * 64
                                 for i in range(n)))' "$1" "$2" >"$TFTP/$3"
}
blocks 4294967290 12 high
blocks 8589934590 2 last
blocks 0 4 low

cxt_run 60 <<EOF2
$(cxt_static)
sanhook iscsi:$SRV_IP::$PORT_async:1:$IQN
sanread 4294967290 12 high
sha256sum high
sanread 8589934590 2 last
sha256sum last
sanread 0 4 low
sha256sum low
sanread 8589934591 2 past || echo PAST-END
EOF2
expect_rc 0
expect_hash high
expect_hash last
expect_hash low
expect_line PAST-END
log=$WORK/async.log
# The second read may have gone out before the logout request did.
events=$(tr '\n' ' ' <"$log")
if [[ "$events" =~ ^"connect login read 4294967290 12 88 "("read 8589934590 2 88 ")?"logout connect login " ]]; then
	cxt_pass "logged out when asked, then in again"
else
	cxt_fail "target events: $events"
fi
expect_eq "logouts" "$(grep -c logout "$log")" 1

# Each of these fails the read once, not retried; the session stays for
# the next read, but for a protocol error (overrun), which ends it.
for mode in sense reject overrun; do
	eval "port=\$PORT_$mode"
	cxt_run 60 <<EOF2
$(cxt_static)
sanhook iscsi:$SRV_IP::$port:1:$IQN
sanread 600 100 bad || echo READ-FAILED
sanread 0 4 low
sha256sum low
EOF2
	expect_line READ-FAILED
	log=$WORK/$mode.log
	conns=1
	[ "$mode" = overrun ] && conns=2
	expect_eq "$mode: connections" "$(grep -c connect "$log")" "$conns"
	expect_eq "$mode: reads of block 600" "$(grep -c 'read 600 ' "$log")" 1
	[ "$mode" = sense ] && expect_contains "MEDIUM ERROR"
	[ "$mode" = sense ] && expect_contains "11/00"
	[ "$mode" = sense ] && expect_hash low
done
cxt_finish
