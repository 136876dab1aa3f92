#!/bin/bash
# netboot.xyz's own menu scripts (the shared corpus, served over TFTP)
# reach what a user picks: main menu -> Linux -> Debian by arrow keys
# and Enter, each level chained by its relative name; at the end of
# input the menus cancel and the scripts take their way out (exit 1).
# Skipped without the corpus.  Nothing may leave the test's link: the
# wrapper points every server the scripts name at the test's server.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

corpus=${CORPUS:-$(dirname "$0")/../../../shared/corpora}
[ -d "$corpus/netbootxyz/rendered" ] || cxt_skip "no corpus at $corpus"
cxt_init corpus-nbxyz 32 "$@"
cxt_link 52:54:00:aa:bb:20
cp "$corpus"/netbootxyz/rendered/*.ipxe "$TFTP/"
printf '%s\n' '#!ipxe' 'dhcp net0' \
	"set boot_domain $SRV_IP" "set live_endpoint http://$SRV_IP" \
	'set version 3.x' 'set menu_linux 1' 'set boot_timeout 0' \
	'chain menu.ipxe' >"$WORK/local.ipxe"
cxt_dnsmasq dnsmasq --dhcp-range="$SUBNET.50,$SUBNET.60,255.255.255.0" \
	--dhcp-boot=menu.ipxe,,"$SRV_IP" "${DNSMASQ_TFTP[@]}"

# Main menu: local, *linux*; Linux menu: almalinux ... debian (6 down).
down=$'\033[B'
cxt_run 60 "$WORK/local.ipxe" \
	< <(printf '%s\n%s%s%s%s%s%s\n' "$down" "$down" "$down" "$down" \
		"$down" "$down" "$down")
expect_rc 1
sent() { grep -c "sent $TFTP/$1 " "$WORK/dnsmasq.log" || true; }
expect_cmp "menu.ipxe fetched" "$(sent menu.ipxe)" -ge 1
expect_cmp "linux.ipxe fetched (Linux chosen)" "$(sent linux.ipxe)" -ge 1
expect_cmp "debian.ipxe fetched (Debian chosen)" "$(sent debian.ipxe)" -ge 1
expect_eq "nothing else chosen" \
	"$(grep -o "sent $TFTP/[a-z0-9-]*\.ipxe" "$WORK/dnsmasq.log" |
	   sed 's|.*/||' | sort -u | tr '\n' ' ')" \
	"debian.ipxe linux.ipxe menu.ipxe "
expect_contains "Booting from local disks"
cxt_finish
