#!/bin/bash
# iSCSI CHAP against tgt: one target wants CHAP from us, another also
# proves itself to us (mutual CHAP).  The right credentials read the
# disk; a wrong secret, no credentials, and a target that fails our
# challenge are each refused on the one connection they made (no retry
# loop), quickly, with a failing status.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init iscsi-chap 42 "$@"
command -v tgtd >/dev/null || cxt_skip "tgtd (tgt) not installed"
cxt_link
cxt_mkfile disk $((1 << 20))
head -c $((16 * 512)) "$TFTP/disk" >"$TFTP/head"
cxt_tgtd
ONE=iqn.2026-12.test.cxboot:chap
TWO=iqn.2026-12.test.cxboot:mutual
cxt_tgt_target 1 "$ONE" "$TFTP/disk"
cxt_tgt_target 2 "$TWO" "$TFTP/disk"
cxt_tgtadm --mode account --op new --user alice --password alice-secret1
cxt_tgtadm --mode account --op new --user target2 --password target-secret2
cxt_tgtadm --mode account --op bind --tid 1 --user alice
cxt_tgtadm --mode account --op bind --tid 2 --user alice
cxt_tgtadm --mode account --op bind --tid 2 --user target2 --outgoing
# Every connection the client opens to the target.
cxt_watch syns "tcp[tcpflags] & (tcp-syn|tcp-ack) = tcp-syn and dst port 3260"

syns() { grep -c "Flags \[S\]" "$WORK/syns.log" || true; }

# Run the client with the settings in $1 against target $2; expect it
# to read the disk.
read_ok() {
	cxt_run 60 <<EOF2
$(cxt_static)
$1
sanhook iscsi:$SRV_IP:::1:$2
sanread 0 16 head
sha256sum head
EOF2
	expect_rc 0
	expect_hash head
}

# The same, expecting the login to be refused on one connection.
refused() {
	local before

	before=$(syns)
	cxt_run 60 <<EOF2
$(cxt_static)
$1
sanhook iscsi:$SRV_IP:::1:$2 || echo REFUSED
EOF2
	expect_line REFUSED
	expect_no_contains "Registered SAN device"
	cxt_wait_grep "$WORK/syns.log" "Flags \[S\]"
	expect_eq "connections for a refused login" $(( $(syns) - before )) 1
	expect_cmp "time to refuse (ms)" "$ELAPSED_MS" -lt 5000
}

read_ok "set username alice
set password alice-secret1" "$ONE"
read_ok "set username alice
set password alice-secret1
set reverse-username target2
set reverse-password target-secret2" "$TWO"
refused "set username alice
set password wrong" "$ONE"
refused "" "$ONE"
refused "set username alice
set password alice-secret1
set reverse-username target2
set reverse-password wrong" "$TWO"
refused "set username alice
set password alice-secret1
set reverse-username someone-else
set reverse-password target-secret2" "$TWO"
cxt_finish
