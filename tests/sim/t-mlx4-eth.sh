#!/bin/bash
# The mlx4 driver on the model's Ethernet port 1: net0 carries the MAC
# the device reports (the one the DHCP server sees), DHCP from dnsmasq,
# TFTP of 0 B, 1 B and 1 MiB files checked by hash, and 100 rounds of
# ifclose/ifopen after which the port still moves data and the model
# finds every resource freed.  Probe alone leaves the device quiet: no
# port, queue or ring started, nothing sent, the HCA closed again; an
# exit with the port open leaves it torn down too.
set -euo pipefail
. "$(dirname "$0")/mlx4-lib.sh"

cxt_init mlx4-eth 40 "$@"
cxt_link
cxt_mkfile empty 0
cxt_mkfile one 1
cxt_mkfile mib $((1 << 20))
cxt_dnsmasq dnsmasq --dhcp-range="$SUBNET.10,$SUBNET.20,255.255.255.0,1h" \
	"${DNSMASQ_TFTP[@]}"

cx_run 30 <<<"ifstat net0"
expect_rc 0
expect_eq "INIT_PORT after probe" "$(cx_count 0x009)" 0
expect_eq "SW2HW_CQ after probe" "$(cx_count 0x016)" 0
expect_eq "RST2INIT_QP after probe" "$(cx_count 0x019)" 0
expect_stat tx_frames -eq 0
expect_stat rx_frames -eq 0
expect_torn_down

cx_run 120 <<EOF
ifstat net0
dhcp net0
imgfetch tftp://$SRV_IP/empty
sha256sum empty
imgfetch tftp://$SRV_IP/one
sha256sum one
imgfetch tftp://$SRV_IP/mib
sha256sum mib
EOF
expect_rc 0
expect_hash empty
expect_hash one
expect_hash mib
MAC=$(cx_mac)
expect_match "^net0: 00:02:c9:"
if grep -q "DHCPACK(s0) $SUBNET\.[0-9]* $MAC" "$WORK/dnsmasq.log"; then
	cxt_pass "dnsmasq leased to the MAC ifstat shows ($MAC)"
else
	cxt_fail "no DHCPACK for '$MAC'" "$(tail -n 5 "$WORK/dnsmasq.log")"
fi

# 100 close/open rounds, then data still flows.
{
	cxt_static
	for i in $(seq 100); do
		echo "ifclose net0"
		echo "ifopen net0"
	done
	echo "imgfetch tftp://$SRV_IP/mib"
	echo "sha256sum mib"
	echo "ifstat net0"
	echo "ifclose net0"
} >"$WORK/cycle.script"
cx_run 300 <"$WORK/cycle.script"
expect_rc 0
expect_hash mib
expect_match "RXE:0\]"
# Each ifopen started the port (the first opened it in cxt_static's
# ifconf), and each ifclose gave everything back.
expect_eq "INIT_PORT commands" "$(cx_count 0x009)" 101
expect_stat error_cqes -eq 0
expect_stat tx_frames -gt 0
expect_torn_down

# Leaving with the port open: the program closes it on the way out, as
# the ROM does before it returns to the BIOS.
cx_run 60 <<EOF
$(cxt_static)
imgfetch tftp://$SRV_IP/one
sha256sum one
exit 3
EOF
expect_rc 3
expect_hash one
expect_torn_down
cxt_finish
