#!/bin/bash
# Malformed DHCP and TFTP packets (tests/net/inject.py) sent at every step
# of a lease and a fetch, while dnsmasq gives the real answers: the client
# still gets the right lease and the right bytes, and counts what it
# dropped.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init malformed 8 "$@"
cxt_link
cxt_mkfile payload $((2 << 20))
cxt_dnsmasq dnsmasq --dhcp-range="$SUBNET.10,$SUBNET.10,255.255.255.0,1h" \
	--dhcp-option=option:router,"$SRV_IP" "${DNSMASQ_TFTP[@]}"
mkdir "$WORK/inject"
cxt_bg inject python3 "$CXT_DIR/inject.py" "$SIF" "$SRV_IP" "$SUBNET.10" \
	"$WORK/inject"
cxt_wait_grep "$WORK/inject/ready" "^ready"

cxt_run 120 <<EOF
dhcp net0
echo ip \${net0.dhcp/ip}
imgfetch tftp://$SRV_IP/payload
sha256sum payload
ipstat
EOF
expect_rc 0
expect_line "ip $SUBNET.10"
expect_hash payload
for proto in dhcp tftp; do
	drop=$(sed -n "s/^$proto rx [0-9]* drop \([0-9]*\)\$/\1/p" "$WORK/out")
	expect_cmp "$proto packets dropped (ipstat)" "${drop:-0}" -gt 0
done
for kind in dhcp-bursts tftp-bursts; do
	n=$(sed -n "s/^$kind //p" "$WORK/inject/counts" 2>/dev/null)
	expect_cmp "$kind sent by the injector" "${n:-0}" -ge 2
done
cxt_finish
