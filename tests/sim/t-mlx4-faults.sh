#!/bin/bash
# Failures end in an error, never a hang: a failing INIT_PORT makes
# ifopen fail; error completions are counted in ifstat; a link that
# never comes up makes DHCP give up with the link down.
set -euo pipefail
. "$(dirname "$0")/mlx4-lib.sh"

cxt_init mlx4-faults 42 "$@"
cxt_link
cxt_mkfile mib $((1 << 20))
cxt_dnsmasq dnsmasq --dhcp-range="$SUBNET.10,$SUBNET.20,255.255.255.0,1h" \
	"${DNSMASQ_TFTP[@]}"

cx_run 60 fault=cmd:0x009:4 <<EOF
ifopen net0
ifstat net0
EOF
expect_contains "command 009 failed: status 04"
expect_match "^net0: .*\(closed\)"

cx_run 120 fault=cqe:50 <<EOF
$(cxt_static)
imgfetch tftp://$SRV_IP/mib
ifstat net0
ifclose net0
EOF
expect_match "TXE:[1-9]|RXE:[1-9]"

cx_run 60 fault=nolink:1 <<EOF
dhcp net0
ifstat net0
EOF
expect_contains "Waiting for link-up on net0... Network is down"
expect_match "Link:down"
cxt_finish
