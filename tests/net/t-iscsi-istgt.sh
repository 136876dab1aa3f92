#!/bin/bash
# iSCSI against istgt, a second target implementation, which exports a
# disk as LUN 0 (as root paths with an empty LUN field expect; tgt
# cannot): the whole disk read hashes as the backing file, a write lands
# in it; a second target wants mutual CHAP, and gets it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init iscsi-istgt 48 "$@"
command -v istgt >/dev/null || cxt_skip "istgt not installed"
cxt_link
cxt_mkfile disk $((8 << 20))
cp "$TFTP/disk" "$TFTP/orig"
cxt_mkfile patch $((7 * 512))
cxt_nginx
BASE=iqn.2026-12.test.istgt
cat >"$WORK/auth.conf" <<EOF2
[AuthGroup1]
  Auth "alice" "alice-secret1" "target2" "target-secret2"
EOF2
cat >"$WORK/istgt.conf" <<EOF2
[Global]
  NodeBase "$BASE"
  PidFile $WORK/istgt.pid
  AuthFile $WORK/auth.conf
  MediaDirectory $WORK
  LogFacility "local7"
  Timeout 30
  NopInInterval 20
  DiscoveryAuthMethod Auto
  MaxSessions 16
  MaxConnections 4
  MaxR2T 32
  MaxOutstandingR2T 16
  DefaultTime2Wait 2
  DefaultTime2Retain 60
  FirstBurstLength 262144
  MaxBurstLength 1048576
  MaxRecvDataSegmentLength 262144
  InitialR2T Yes
  ImmediateData Yes
  DataPDUInOrder Yes
  DataSequenceInOrder Yes
  ErrorRecoveryLevel 0
[UnitControl]
  AuthMethod Auto
  Portal UC1 127.0.0.1:3261
  Netmask 127.0.0.1
[PortalGroup1]
  Portal DA1 $SRV_IP:3260
[InitiatorGroup1]
  InitiatorName "ALL"
  Netmask $SUBNET.0/24
[LogicalUnit1]
  TargetName disk1
  Mapping PortalGroup1 InitiatorGroup1
  AuthMethod None
  UnitType Disk
  LUN0 Storage $TFTP/disk 8MB
[LogicalUnit2]
  TargetName mutual
  Mapping PortalGroup1 InitiatorGroup1
  AuthMethod CHAP Mutual
  AuthGroup AuthGroup1
  UnitType Disk
  LUN0 Storage $TFTP/orig 8MB
EOF2
cxt_bg istgt istgt -D -q -c "$WORK/istgt.conf"
# It takes seconds to stop: killed at the end, without a job report.
disown "$LAST_PID"
cxt_wait_tcp 3260 "$LAST_PID"

cxt_run 60 <<EOF2
$(cxt_static)
sanhook iscsi:$SRV_IP::::$BASE:disk1
sanread 0 16384 whole
sha256sum whole
imgfetch http://$SRV_IP/patch
sanwrite 300 patch
set username alice
set password alice-secret1
set reverse-username target2
set reverse-password target-secret2
sanhook iscsi:$SRV_IP::::$BASE:mutual
sanread --drive 0x81 0 16384 mutual
sha256sum mutual
EOF2
expect_rc 0
expect_hash whole orig
expect_hash mutual orig
got=$(dd if="$TFTP/disk" bs=512 skip=300 count=7 status=none | sha256sum |
	cut -d' ' -f1)
expect_eq "backing file at block 300" "$got" "$(cxt_sha patch)"
cxt_finish
