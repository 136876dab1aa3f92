#!/bin/bash
# iSCSI from DHCP: dnsmasq hands out the address, a DNS server, the
# root path (the server by name) and the initiator name (option 203);
# the target admits only that initiator name.  "sanhook ${root-path}"
# resolves the name, logs in as the DHCP-given initiator, and reads the
# disk.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init iscsi-dhcp 45 "$@"
command -v tgtd >/dev/null || cxt_skip "tgtd (tgt) not installed"
cxt_link
cxt_mkfile disk $((1 << 20))
head -c $((32 * 512)) "$TFTP/disk" >"$TFTP/head"
IQN=iqn.2026-12.test.cxboot:dhcp
INITIATOR=iqn.2026-12.test.cxboot:from-dhcp
cxt_tgtd
cxt_tgtadm --mode target --op new --tid 1 --targetname "$IQN"
cxt_tgtadm --mode logicalunit --op new --tid 1 --lun 1 \
	--backing-store "$TFTP/disk"
cxt_tgtadm --mode target --op bind --tid 1 --initiator-name "$INITIATOR"
cxt_dnsmasq dnsmasq --port=53 --no-resolv --no-hosts \
	--local=/example.test/ --host-record=san.example.test,"$SRV_IP" \
	--dhcp-range="$SUBNET.10,$SUBNET.10,255.255.255.0,1h" \
	--dhcp-option=option:dns-server,"$SRV_IP" \
	--dhcp-option=option:root-path,"iscsi:san.example.test:::1:$IQN" \
	--dhcp-option=203,"$INITIATOR"

cxt_run 60 <<EOF2
dhcp net0
echo root-path \${root-path}
sanhook \${root-path}
sanread 0 32 head
sha256sum head
EOF2
expect_rc 0
expect_line "root-path iscsi:san.example.test:::1:$IQN"
expect_hash head
cxt_finish
