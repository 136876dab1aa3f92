#!/bin/bash
# ProxyDHCP: one dnsmasq hands out the address and nothing else, a second
# one on the same link answers in proxy mode with the boot file; the
# client combines both and fetches that file; scripts read the proxy's
# answer as \${proxydhcp/...}.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init proxydhcp 4 "$@"
cxt_link
cxt_mkfile proxy.bin 100000
cxt_dnsmasq plain --dhcp-range="$SUBNET.10,$SUBNET.20,255.255.255.0,1h" \
	--dhcp-option=option:router,"$SRV_IP"
# dnsmasq answers in proxy mode only once a PXE service is configured;
# the dhcp-boot file goes into the proxy offer itself.
cxt_dnsmasq proxy --dhcp-range="$SUBNET.0,proxy" \
	--pxe-service=x86PC,"cxt boot",proxy.bin \
	--dhcp-boot=proxy.bin,,"$SRV_IP" "${DNSMASQ_TFTP[@]}"

cxt_run 60 <<EOF
dhcp net0
echo ip \${net0.dhcp/ip}
echo filename \${filename}
echo proxy \${proxydhcp/filename} \${proxydhcp/next-server}
imgfetch tftp://$SRV_IP/\${filename}
sha256sum proxy.bin
EOF
expect_rc 0
expect_match "^ip $SUBNET\.(1[0-9]|20)$"
expect_line "filename proxy.bin"
expect_line "proxy proxy.bin $SRV_IP"
expect_hash proxy.bin
cxt_finish
