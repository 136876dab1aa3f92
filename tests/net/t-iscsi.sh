#!/bin/bash
# iSCSI against tgt: the whole disk (LUN 1; tgt keeps LUN 0 for its
# controller) read by sanread hashes as the backing file; a write lands
# in the backing file at its place; LUN 0 is refused as no disk; two
# paths where nothing listens on the first: the second is used.
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

cxt_run 60 <<EOF2
$(cxt_static)
sanhook $URI
sanread 0 16384 whole
sha256sum whole
imgfetch http://$SRV_IP/patch
sanwrite 1000 patch
sanread 1000 131 back
sha256sum back
EOF2
expect_rc 0
expect_hash whole orig
expect_hash back patch
# The backing file holds the write at byte 1000 * 512.
got=$(dd if="$TFTP/disk" bs=512 skip=1000 count=131 status=none | sha256sum |
	cut -d' ' -f1)
expect_eq "backing file at block 1000" "$got" "$(cxt_sha patch)"

# LUN 0 is tgt's controller: no disk, a clean failure.
cxt_run 30 <<EOF2
$(cxt_static)
sanhook iscsi:$SRV_IP::::$IQN || echo LUN0-REFUSED
EOF2
expect_line LUN0-REFUSED
expect_no_contains "Registered SAN device"

# Nothing listens on port 3261: the second path is used.
cxt_run 60 <<EOF2
$(cxt_static)
sanhook iscsi:$SRV_IP::3261:1:$IQN $URI
sanread 0 64 head
sha256sum head
EOF2
expect_rc 0
head -c $((64 * 512)) "$TFTP/disk" >"$TFTP/head"
expect_hash head
cxt_finish
