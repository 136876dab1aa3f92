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

# expect_failed_cmd OP: the model failed command OP (the injected
# fault) and the driver went on only to tear down: every command after
# it unmaps, closes or gives back (MAP_EQ 0x012 with its unmap bit,
# CLOSE_HCA 0x008, CLOSE_PORT 0x00a, HW2SW_MPT/EQ/CQ 0x00f 0x014 0x017,
# 2RST_QP 0x021, UNMAP_ICM/ICM_AUX/FA 0xff9 0xffb 0xffe).
expect_failed_cmd() {
	local after

	grep -q "^hcr op=0x$1 .*status=0x04" "$WORK/trace" ||
		cxt_fail "the model's trace shows no failed command 0x$1"
	after=$(sed "0,/^hcr op=0x$1 .*status=0x04/d" "$WORK/trace" |
		sed -n 's/^hcr op=\(0x[0-9a-f]*\) .*/\1/p' |
		{ grep -vx '0x008\|0x00a\|0x00f\|0x012\|0x014\|0x017\|0x021\|0xff9\|0xffb\|0xffe' || true; } |
		tr '\n' ' ')
	expect_eq "commands after the failed 0x$1 that are no teardown" \
		"$after" ""
}

cxt_link
cxt_mkfile mib $((1 << 20))
cxt_dnsmasq dnsmasq --dhcp-range="$SUBNET.10,$SUBNET.20,255.255.255.0,1h" \
	"${DNSMASQ_TFTP[@]}"

# QUERY_DEV_CAP and INIT_HCA at probe.
for op in 003 007; do
	cx_run 30 fault=cmd:0x$op:0x4 <<<"ifstat"
	expect_fail
	expect_failed_cmd "$op"
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
	expect_failed_cmd "$op"
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
