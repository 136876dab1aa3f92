#!/bin/bash
# iSCSI against tgt: the whole disk (LUN 1; tgt keeps LUN 0 for its
# controller) read by sanread hashes as the backing file; a write lands
# in the backing file at its place, also where the target wants every
# byte asked for by R2T in small PDUs, and where it takes unsolicited
# data; LUN 0 is refused as no disk, a target name tgt does not have at
# once; two paths where nothing listens on
# the first: the second is used; a target open only to one initiator
# name admits us under initiator-iqn, or under the default name made
# from the MAC address, and refuses any other.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init iscsi 41 "$@"
command -v tgtd >/dev/null || cxt_skip "tgtd (tgt) not installed"
cxt_link
cxt_mkfile disk $((8 << 20))
cxt_mkfile patch $((3 * 512 + 65536))
cp "$TFTP/disk" "$TFTP/orig"
IQN=iqn.2026-12.test.cxboot:disk
cxt_nginx
cxt_tgtd
cxt_tgt_target 1 "$IQN" "$TFTP/disk"
URI="iscsi:$SRV_IP:::1:$IQN"
# Target 2 asks for all written data by R2T, in bursts of 16 KiB and
# PDUs of 4 KiB; target 3 takes 8 KiB unasked (immediate, then Data-Out).
cp "$TFTP/disk" "$TFTP/disk2"
cp "$TFTP/disk" "$TFTP/disk3"
cxt_tgt_target 2 "$IQN-r2t" "$TFTP/disk2"
cxt_tgt_target 3 "$IQN-unsolicited" "$TFTP/disk3"
tgt_param() {
	cxt_tgtadm --mode target --op update --tid "$1" --name "$2" --value "$3"
}
tgt_param 2 ImmediateData No
tgt_param 2 MaxRecvDataSegmentLength 4096
tgt_param 2 MaxBurstLength 16384
tgt_param 3 InitialR2T No
tgt_param 3 FirstBurstLength 8192
tgt_param 3 MaxRecvDataSegmentLength 4096

cxt_run 60 <<EOF2
$(cxt_static)
sanhook $URI
sanread 0 16384 whole
sha256sum whole
sanread 16383 2 over || echo PAST-END
imgfetch http://$SRV_IP/patch
sanwrite 1000 patch
sanread 1000 131 back
sha256sum back
EOF2
expect_rc 0
expect_hash whole orig
# The capacity is the backing file's: its last block and no more.
expect_line PAST-END
expect_hash back patch
# The backing file holds the write at byte 1000 * 512.
got=$(dd if="$TFTP/disk" bs=512 skip=1000 count=131 status=none | sha256sum |
	cut -d' ' -f1)
expect_eq "backing file at block 1000" "$got" "$(cxt_sha patch)"

# The backing file at block 1000 holds image FILE.
expect_written() {
	local got

	got=$(dd if="$TFTP/$1" bs=512 skip=1000 count=131 status=none |
		sha256sum | cut -d' ' -f1)
	expect_eq "$1 at block 1000" "$got" "$(cxt_sha patch)"
}

cxt_capture writes "tcp port 3260"
cxt_run 60 <<EOF2
$(cxt_static)
imgfetch http://$SRV_IP/patch
sanhook iscsi:$SRV_IP:::1:$IQN-r2t
sanwrite 1000 patch
sanhook iscsi:$SRV_IP:::1:$IQN-unsolicited
sanwrite --drive 0x81 1000 patch
EOF2
expect_rc 0
expect_written disk2
expect_written disk3
cxt_capture_stop "$WORK/writes.pcap"
# On the wire: "CONN DIR OPCODE TTT LENGTH" per PDU (pcap.py).
python3 "$CXT_DIR/pcap.py" iscsi "$WORK/writes.pcap" >"$WORK/pdus"
count() { awk "$1" "$WORK/pdus" | wc -l; }
# 67072 bytes in R2Ts of 16 KiB, Data-Out of at most 4 KiB.
expect_eq "R2Ts from target 2" "$(count '$1 == 0 && $3 == "0x31"')" 5
expect_eq "Data-Out over 4 KiB to target 2" \
	"$(count '$1 == 0 && $3 == "0x05" && $5 > 4096')" 0
expect_eq "Data-Out PDUs to target 2" "$(count '$1 == 0 && $3 == "0x05"')" 17
# 4 KiB immediate, 4 KiB unsolicited, the rest in one R2T.
expect_eq "immediate data to target 3" \
	"$(count '$1 == 1 && $3 == "0x01" && $5 == 4096')" 1
expect_eq "unsolicited Data-Out to target 3" \
	"$(count '$1 == 1 && $3 == "0x05" && $4 == "0xffffffff"')" 1
expect_eq "R2Ts from target 3" "$(count '$1 == 1 && $3 == "0x31"')" 1

# LUN 0 is tgt's controller: no disk, a clean failure.
cxt_run 30 <<EOF2
$(cxt_static)
sanhook iscsi:$SRV_IP::::$IQN || echo LUN0-REFUSED
sanhook iscsi:$SRV_IP:::1:$IQN-nosuch || echo NO-SUCH-TARGET
EOF2
expect_line LUN0-REFUSED
expect_line NO-SUCH-TARGET
expect_cmp "time to refuse both (ms)" "$ELAPSED_MS" -lt 5000
expect_no_contains "Registered SAN device"

# Nothing listens on port 3261: the second path is used.
cxt_run 60 <<EOF2
$(cxt_static)
sanhook iscsi:$SRV_IP::3261:1:$IQN $URI
sanread 0 64 head
sha256sum head
EOF2
expect_rc 0
head -c $((64 * 512)) "$TFTP/orig" >"$TFTP/head"
expect_hash head

# Targets open to one initiator name each.
cxt_tgtadm --mode target --op new --tid 4 --targetname "$IQN-named"
cxt_tgtadm --mode logicalunit --op new --tid 4 --lun 1 \
	--backing-store "$TFTP/orig"
cxt_tgtadm --mode target --op bind --tid 4 \
	--initiator-name iqn.2026-12.test.cxboot:client
cxt_tgtadm --mode target --op new --tid 5 --targetname "$IQN-default"
cxt_tgtadm --mode logicalunit --op new --tid 5 --lun 1 \
	--backing-store "$TFTP/orig"
cxt_tgtadm --mode target --op bind --tid 5 \
	--initiator-name iqn.2026-12.org.cxboot:02c700000002
cxt_run 60 <<EOF2
$(cxt_static)
sanhook iscsi:$SRV_IP:::1:$IQN-named || echo NAMED-REFUSED
sanhook iscsi:$SRV_IP:::1:$IQN-default
sanread 0 64 head
sha256sum head
set initiator-iqn iqn.2026-12.test.cxboot:client
sanhook iscsi:$SRV_IP:::1:$IQN-named
EOF2
expect_rc 0
expect_line NAMED-REFUSED
expect_hash head
expect_contains "Registered SAN device 0x81"
cxt_finish
