#!/bin/bash
# The mlx4 driver on the model's Ethernet port 1: net0 carries the MAC
# the device reports (the one the DHCP server sees), DHCP from dnsmasq,
# TFTP of 0 B, 1 B and 1 MiB files checked by hash, and 100 rounds of
# ifclose/ifopen after which the port still moves data.
set -euo pipefail
. "$(dirname "$0")/mlx4-lib.sh"

cxt_init mlx4-eth 40 "$@"
cxt_link
cxt_mkfile empty 0
cxt_mkfile one 1
cxt_mkfile mib $((1 << 20))
cxt_dnsmasq dnsmasq "${DNSMASQ_TFTP[@]}"

cx_run 120 <<EOF
ifstat net0
dhcp net0
imgfetch tftp://$SRV_IP/empty
sha256sum empty
imgfetch tftp://$SRV_IP/one
sha256sum one
imgfetch tftp://$SRV_IP/mib
sha256sum mib
