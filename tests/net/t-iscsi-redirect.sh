#!/bin/bash
# iSCSI login redirection and NOP-In: the target on port 3260 redirects
# every login (status "moved temporarily") to a second tgtd on port
# 3262, which holds the disk (the first one's LUN holds zeros, so the
# hash says where the data came from).  The second pings the initiator
# every second and drops a connection that leaves two pings unanswered:
# after a pause longer than that, a read still goes over the first
# connection, and every NOP-In on the wire got its NOP-Out.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init iscsi-redirect 44 "$@"
command -v tgtd >/dev/null || cxt_skip "tgtd (tgt) not installed"
cxt_link
cxt_mkfile disk $((1 << 20))
head -c $((1 << 20)) /dev/zero >"$TFTP/zeros"
IQN=iqn.2026-12.test.cxboot:moved
cxt_tgtd "$SRV_IP:3262"
cxt_tgt_target 1 "$IQN" "$TFTP/disk"
cxt_tgtadm --mode target --op update --tid 1 --name nop_interval --value 1
cxt_tgtadm --mode target --op update --tid 1 --name nop_count --value 2
cxt_tgtd "$SRV_IP:3260"
cxt_tgt_target 1 "$IQN" "$TFTP/zeros"
for kv in RedirectAddress=$SRV_IP RedirectPort=3262 RedirectReason=Temporary
do
	cxt_tgtadm --mode target --op update --tid 1 --name "${kv%%=*}" \
		--value "${kv#*=}"
done
cxt_capture iscsi "tcp port 3260 or tcp port 3262"

cxt_run 60 <<EOF2
$(cxt_static)
sanhook iscsi:$SRV_IP:::1:$IQN
sleep 4
sanread 0 2048 whole
sha256sum whole
EOF2
cxt_capture_stop "$WORK/iscsi.pcap"
expect_rc 0
expect_hash whole disk
syns() {
	tcpdump -r "$WORK/iscsi.pcap" -n \
		"tcp[tcpflags] & (tcp-syn|tcp-ack) = tcp-syn and dst port $1" \
		2>/dev/null | wc -l
}
expect_eq "connections to the redirecting target" "$(syns 3260)" 1
expect_eq "connections to the target it named" "$(syns 3262)" 1
# Each ping's target transfer tag comes back in a NOP-Out.
python3 "$CXT_DIR/pcap.py" iscsi "$WORK/iscsi.pcap" >"$WORK/pdus"
tags() { awk -v op="$1" '$3 == op { print $4 }' "$WORK/pdus" | sort |
	tr '\n' ' '; }
expect_cmp "NOP-In pings" "$(tags 0x20 | wc -w)" -ge 3
expect_eq "tags answered by NOP-Out" "$(tags 0x00)" "$(tags 0x20)"
cxt_finish
