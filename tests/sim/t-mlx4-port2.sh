#!/bin/bash
# Port 2: an Ethernet port 2 is net1 and boots on its own (port 1's link
# leads nowhere); when port 1's link never comes up, autoboot gives it
# link-wait and boots from port 2; a port sensed as InfiniBand is still
# listed, and opening it says it is not supported.
set -euo pipefail
. "$(dirname "$0")/mlx4-lib.sh"

cxt_init mlx4-port2 43 "$@"
cxt_link
# Port 1 goes to a veth whose other end nobody serves.
ip -n "$CNS" link add c1 type veth peer name s1
ip -n "$CNS" link set c1 up
ip -n "$CNS" link set s1 up
cxt_mkfile mib $((1 << 20))
cxt_dnsmasq dnsmasq --dhcp-range="$SUBNET.10,$SUBNET.20,255.255.255.0,1h" \
	"${DNSMASQ_TFTP[@]}"

cx_run 120 "port1=eth:c1,port2=eth:$CIF" <<EOF
ifstat net1
dhcp net1
imgfetch tftp://$SRV_IP/mib
sha256sum mib
EOF
expect_rc 0
expect_match "^net1: 00:02:c9:[0-9a-f:]* using mlx4 on "
expect_hash mib

printf '#!ipxe\necho in-port2-script\n' >"$TFTP/p2.ipxe"
cxt_stop "$LAST_PID"
cxt_dnsmasq dnsmasq2 --dhcp-range="$SUBNET.10,$SUBNET.20,255.255.255.0,1h" \
	"${DNSMASQ_TFTP[@]}" "--dhcp-boot=tftp://$SRV_IP/p2.ipxe,,0.0.0.0"
cx_run 60 "port1=eth:c1,port2=eth:$CIF,fault=nolink:1" <<EOF
set link-wait 3
autoboot
EOF
expect_line "in-port2-script"
expect_contains "DHCP (net1 "

cx_run 60 "port1=eth:$CIF,port2=ib" <<EOF
ifstat
ifopen net1
EOF
expect_match "^net0: .* using mlx4 on "
expect_match "^net1: .* using mlx4 on "
expect_contains "port 2 is InfiniBand, which is not supported yet"
cxt_finish
