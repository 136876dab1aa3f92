#!/bin/bash
# A DHCP lease from dnsmasq: address, netmask, router, next-server,
# filename, root-path and options 209/210 as the shell sees them; the
# client is recognised as iPXE both by its user class and by option 175;
# its DISCOVER carries the PXE and iPXE options a boot server keys on;
# two runs of the program choose different transaction IDs.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init dnsmasq-lease 1 "$@"
cxt_link
ROOT="iscsi:$SRV_IP::::iqn.2024-01.test.cxt:disk1"
cxt_capture lease udp port 67 or udp port 68
cxt_dnsmasq dnsmasq --dhcp-range="$SUBNET.10,$SUBNET.10,255.255.255.0,1h" \
	--dhcp-option=option:router,"$SRV_IP" \
	--dhcp-option=option:root-path,"$ROOT" \
	--dhcp-option=209,cfg/cxt.cfg \
	--dhcp-option=210,"tftp://$SRV_IP/prefix/" \
	--dhcp-boot=boot/cxt.ipxe,,"$SUBNET.7" \
	--dhcp-userclass=set:ipxe,iPXE \
	--dhcp-match=set:ipxe175,175 \
	--dhcp-option=tag:ipxe,option:domain-name,by-user-class.test \
	--dhcp-option=tag:ipxe175,203,iqn.2024-01.test.cxt:by-option-175 \
	--dhcp-option=tag:ipxe175,encap:175,190,cxt-user

cxt_run 60 <<EOF
dhcp net0
echo ip \${net0.dhcp/ip}
echo netmask \${netmask}
echo gateway \${gateway}
echo next-server \${next-server}
echo filename \${filename}
echo root-path \${root-path}
echo 209 \${209:string}
echo 210 \${210:string}
echo userclass-tag \${15:string}
echo opt175-tag \${203:string}
echo 175.190 \${175.190}
show net0.dhcp/ip
show filename
EOF
expect_rc 0
cp "$WORK/out" "$WORK/out.first"
cxt_run 60 <<<"dhcp net0"
expect_rc 0
cxt_capture_stop "$WORK/lease.pcap"
"$CXT_DIR/pcap.py" xids "$WORK/lease.pcap" >"$WORK/xids"
expect_eq "DISCOVERs from two runs" "$(wc -l <"$WORK/xids")" 2
expect_eq "distinct transaction IDs" "$(sort -u "$WORK/xids" | wc -l)" 2
cp "$WORK/out.first" "$WORK/out"
expect_line "ip $SUBNET.10"
expect_line "netmask 255.255.255.0"
expect_line "gateway $SRV_IP"
expect_line "next-server $SUBNET.7"
expect_line "filename boot/cxt.ipxe"
expect_line "root-path $ROOT"
expect_line "209 cfg/cxt.cfg"
expect_line "210 tftp://$SRV_IP/prefix/"
expect_line "userclass-tag by-user-class.test"
expect_line "opt175-tag iqn.2024-01.test.cxt:by-option-175"
expect_line "175.190 cxt-user"
expect_line "net0.dhcp/ip:ipv4 = $SUBNET.10"
expect_line "net0.dhcp/filename:string = boot/cxt.ipxe"

# What the client put in its DISCOVER, as captured on the server side.
"$CXT_DIR/pcap.py" dhcp "$WORK/lease.pcap" >"$WORK/discover" ||
	cxt_fail "no DHCPDISCOVER captured"
cp "$WORK/discover" "$WORK/out"
expect_line "opt 60 str PXEClient:Arch:00000:UNDI:002001"
expect_line "opt 93 hex 0000"
for opt in 94 97 61 77 175; do
	if grep -q "^opt $opt " "$WORK/discover"; then
		cxt_pass "DISCOVER has option $opt"
	else
		cxt_fail "DISCOVER lacks option $opt" "$(cat "$WORK/discover")"
	fi
done
prl=" $(sed -n 's/^opt 55 list //p' "$WORK/discover") "
for code in 1 3 6 12 15 17 43 60 66 67 119 175 203 209 210; do
	case $prl in
	*" $code "*) cxt_pass "parameter request list has $code" ;;
	*) cxt_fail "parameter request list lacks $code: got '$prl'" ;;
	esac
done
cxt_finish
