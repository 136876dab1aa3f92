#!/bin/bash
# Failures end in an error, never a hang or a crash, and leave the
# device clean (the model's leak and DMA-fault counters, every context
# given back, CLOSE_HCA the last command): a command failing during
# probe leaves no network device; one failing during open (CQ, QP,
# INIT_PORT) makes ifopen fail; error completions are counted in ifstat
# and the port still closes cleanly; a link that never comes up makes
# DHCP give up with the link down.
set -euo pipefail
. "$(dirname "$0")/mlx4-lib.sh"

cxt_init mlx4-faults 42 "$@"
cxt_link
cxt_mkfile mib $((1 << 20))
cxt_dnsmasq dnsmasq --dhcp-range="$SUBNET.10,$SUBNET.20,255.255.255.0,1h" \
	"${DNSMASQ_TFTP[@]}"

# QUERY_DEV_CAP and INIT_HCA at probe.
for op in 003 007; do
	cx_run 30 fault=cmd:0x$op:0x4 <<<"ifstat"
	expect_fail
	expect_contains "command $op failed: status 04"
	expect_contains "ifstat: no network devices"
	expect_torn_down
done

# SW2HW_CQ, RST2INIT_QP and INIT_PORT at open.
for op in 016 019 009; do
	cx_run 30 fault=cmd:0x$op:0x4 <<EOF
ifopen net0 || echo OPEN-FAILED
ifstat net0
EOF
	expect_rc 0
	expect_contains "command $op failed: status 04"
	expect_line "OPEN-FAILED"
	expect_match "^net0: .*\(closed\)"
	expect_torn_down
done

cx_run 120 fault=cqe:50 <<EOF
$(cxt_static)
imgfetch tftp://$SRV_IP/mib
ifstat net0
ifclose net0
EOF
expect_match "TXE:[1-9]|RXE:[1-9]"
expect_stat error_cqes -gt 0
expect_torn_down

cx_run 60 fault=nolink:1 <<EOF
dhcp net0
ifstat net0
ifclose net0
EOF
expect_contains "Waiting for link-up on net0... Network is down"
expect_match "Link:down"
expect_torn_down
cxt_finish
