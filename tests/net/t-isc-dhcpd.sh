#!/bin/bash
# ISC dhcpd set up as the ConnectX manual shows it (a host entry keyed on
# the adapter's MAC with fixed-address, next-server and filename), then
# the file fetched from that next-server.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init isc-dhcpd 5 "$@"
cxt_link 00:02:c9:00:00:bb
cxt_mkfile pxelinux.0 42000
cat >"$WORK/dhcpd.conf" <<EOF
ddns-update-style none;
authoritative;
default-lease-time 600;
max-lease-time 7200;

subnet $SUBNET.0 netmask 255.255.255.0 {
	option routers $SRV_IP;
}

host host1 {
	next-server $SRV_IP;
	filename "pxelinux.0";
	fixed-address $SUBNET.20;
	hardware ethernet 00:02:c9:00:00:bb;
}
EOF
cxt_dhcpd "$WORK/dhcpd.conf"
cxt_atftpd

cxt_run 60 <<EOF
dhcp net0
echo ip \${net0.dhcp/ip}
echo next-server \${next-server}
echo filename \${filename}
imgfetch tftp://\${next-server}/\${filename}
sha256sum pxelinux.0
EOF
expect_rc 0
expect_line "ip $SUBNET.20"
expect_line "next-server $SRV_IP"
expect_line "filename pxelinux.0"
expect_hash pxelinux.0
cxt_finish
