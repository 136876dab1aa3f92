#!/bin/bash
# Scripts fetched over the network: settings with scopes, types and
# nesting expand from a real DHCP lease; relative names resolve against
# the script that runs them; a chained script's "exit N" returns to its
# caller as a failure the caller's "||" takes; md5sum matches the file;
# "chain --replace" ends the caller with the new script's status; a
# local script's relative name resolves against next-server.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init script 31 "$@"
cxt_link 52:54:00:aa:bb:1f
cxt_mkfile data.bin 70000
mkdir "$TFTP/sub"
cxt_mkfile sub/near.bin 1000
printf '%s\n' '#!ipxe' \
	'echo mac=${net0/mac:hexhyp} raw=${mac:hexraw}' \
	'set idx 0' \
	'echo nested=${net${idx}/mac} netx=${netX/mac}' \
	'echo ip=${net0.dhcp/ip} file=${filename}' \
	'chain sub/inner.ipxe || echo inner-failed' \
	'echo back-in-boot' \
	'imgfetch data.bin && md5sum data.bin' \
	'chain --replace sub/last.ipxe' \
	'echo never-after-replace' >"$TFTP/boot.ipxe"
printf '%s\n' '#!ipxe' 'echo in-inner' \
	'imgfetch near.bin && echo near-fetched' \
	'exit 3' 'echo never-in-inner' >"$TFTP/sub/inner.ipxe"
printf '%s\n' '#!ipxe' 'echo in-last' 'exit 4' >"$TFTP/sub/last.ipxe"
printf '%s\n' '#!ipxe' 'dhcp net0' 'chain ${filename}' \
	'echo never-in-local' >"$WORK/local.ipxe"

cxt_dnsmasq dnsmasq --dhcp-range="$SUBNET.50,$SUBNET.60,255.255.255.0" \
	--dhcp-boot=boot.ipxe,,"$SRV_IP" "${DNSMASQ_TFTP[@]}"
cxt_run 60 "$WORK/local.ipxe" </dev/null
expect_rc 4
expect_line "mac=52-54-00-aa-bb-1f raw=525400aabb1f"
expect_line "nested=52:54:00:aa:bb:1f netx=52:54:00:aa:bb:1f"
expect_match "^ip=$SUBNET\.5[0-9] file=boot\.ipxe$"
expect_line "in-inner"
expect_line "near-fetched"
expect_line "inner-failed"
expect_line "back-in-boot"
expect_line "$(md5sum <"$TFTP/data.bin" | cut -d' ' -f1)  data.bin"
expect_line "in-last"
expect_no_contains "never"
# What the program says about the script's end is on standard error.
expect_eq "standard error" "$(cat "$WORK/err")" "$WORK/local.ipxe: exit 4"
cxt_finish
