#!/bin/bash
# iSCSI target restarted in the middle of a read: the server's link is
# slowed so that the read takes seconds; once a quarter of the disk has
# crossed it (an nftables counter on what the target sends), tgtd is
# killed and started again.  The read still completes, on a new
# connection, and hashes as the disk.  Then the target goes for good in
# the middle of a read: with san-retry-time 3 the read fails after
# about 3 s of trying, with a message, and the shell goes on.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init iscsi-restart 43 "$@"
command -v tgtd >/dev/null || cxt_skip "tgtd (tgt) not installed"
cxt_link
SIZE=$((24 << 20))
cxt_mkfile disk $SIZE
IQN=iqn.2026-12.test.cxboot:restart
cxt_tgtd
cxt_tgt_target 1 "$IQN" "$TFTP/disk"
in_srv tc qdisc add dev "$SIF" root tbf rate 40mbit burst 32kb latency 200ms
in_srv nft -f - <<EOF2
table netdev cxt_count {
	chain egress {
		type filter hook egress device "$SIF" priority 0
		tcp sport 3260 counter
	}
}
EOF2
cxt_watch syns "tcp[tcpflags] & (tcp-syn|tcp-ack) = tcp-syn and dst port 3260"

sent() {
	in_srv nft list table netdev cxt_count |
		sed -n 's/.*counter packets [0-9]* bytes \([0-9]*\).*/\1/p'
}

# Kill tgtd once a quarter of the disk has gone out, then bring it
# back: configured on the loopback first, so that the client finds it
# only once the target exists, then on its address.
# kill_after BYTES: wait until the target has sent BYTES, kill it.
kill_after() {
	local i

	for i in $(seq 600); do
		[ "$(sent)" -ge "$1" ] && break
		sleep 0.05
	done
	echo "sent before the kill: $(sent)" >"$WORK/killed"
	cxt_tgtd_stop
}

restart_target() {
	kill_after $((SIZE / 4))
	cxt_tgtd 127.0.0.1:3260
	cxt_tgt_target 1 "$IQN" "$TFTP/disk"
	cxt_tgtadm --mode portal --op new --param "portal=$SRV_IP:3260"
	echo "$TGT_PID" >"$WORK/tgt.pid"
	echo "restarted" >>"$WORK/killed"
}

restart_target &
KILLER=$!
cxt_run 120 <<EOF2
$(cxt_static)
sanhook iscsi:$SRV_IP:::1:$IQN
sanread 0 $((SIZE / 512)) whole
sha256sum whole
EOF2
wait "$KILLER"
cat "$WORK/killed"
expect_rc 0
expect_hash whole disk
killed_at=$(sed -n 's/^sent before the kill: //p' "$WORK/killed")
expect_cmp "bytes sent before the kill" "$killed_at" -lt "$SIZE"
expect_cmp "connections" "$(grep -c "Flags \[S\]" "$WORK/syns.log")" -ge 2

# Gone for good (the tgtd that restart_target started).
TGT_PID=$(cat "$WORK/tgt.pid")
kill_after $(($(sent) + SIZE / 4)) &
KILLER=$!
cxt_run 120 <<EOF2
$(cxt_static)
set san-retry-time 3
sanhook iscsi:$SRV_IP:::1:$IQN
sanread 0 $((SIZE / 512)) again || echo READ-FAILED
echo alive
EOF2
wait "$KILLER"
expect_line READ-FAILED
expect_line alive
expect_no_contains "again ["
expect_cmp "ms until the read gave up" "$ELAPSED_MS" -lt 30000
cxt_finish
