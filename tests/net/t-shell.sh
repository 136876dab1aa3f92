#!/bin/bash
# The everyday commands against a real link: the server's kernel resolves
# and pings the client (ARP answers, ICMP echo replies); route, ifstat,
# imgstat/imgfree, clear, echo -n, help; a download reports size and rate;
# Ctrl-C cancels sleep.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init shell 12 "$@"
cxt_link 52:54:00:aa:bb:0c

# 1. While the client sits at its prompt, the server pings it.
feed_ping() {
	cxt_static
	for _ in $(seq 30); do
		if in_srv ping -c 1 -W 1 "$CLI_IP" >/dev/null 2>&1; then
			echo pinged >"$WORK/pinged"
			break
		fi
	done
}
cxt_run 60 < <(feed_ping)
expect_rc 0
expect_eq "server's ping of the client" "$(cat "$WORK/pinged" 2>/dev/null)" pinged
expect_eq "server's ARP entry for the client" \
	"$(in_srv ip neigh show "$CLI_IP" | grep -o 'lladdr [0-9a-f:]*')" \
	"lladdr 52:54:00:aa:bb:0c"

# 2. Commands after DHCP.
cxt_mkfile a.bin 33554432
cxt_dnsmasq dnsmasq --dhcp-range="$SUBNET.50,$SUBNET.60,255.255.255.0" \
	"${DNSMASQ_TFTP[@]}"
cxt_run 120 <<EOF
dhcp net0
route
ifstat net0
imgfetch tftp://$SRV_IP/a.bin
imgfetch --name second tftp://$SRV_IP/a.bin
imgstat
imgfree a.bin
echo after-free
imgstat
set foo bar
clear foo
echo -n [\${foo}
echo ]
help
EOF
expect_rc 0
expect_match "^net0: $SUBNET\.5[0-9]/255\.255\.255\.0 gw $SRV_IP\$"
expect_match "^net0: 52:54:00:aa:bb:0c using af_packet on c0 \(open\)\$"
expect_match "^  \[Link:up, TX:[1-9][0-9]* TXE:0 RX:[1-9][0-9]* RXE:0\]\$"
expect_match "a\.bin\.\.\. ok, 32\.0 MiB at [0-9.]+ ([KMG]i)?B/s"
expect_match "^a\.bin : 33554432 bytes"
expect_match "^second : 33554432 bytes"
after=$(sed -n '/^after-free$/,$p' "$WORK/out")
expect_eq "images after imgfree" \
	"$(grep -c ' : 33554432 bytes' <<<"$after")" 1
expect_line "[]"
expect_match "imgfetch"

# 3. Ctrl-C typed ahead cancels a long sleep.
cxt_run 30 < <(printf 'sleep 100 || echo SLEEP-CANCELED\n\003echo after\n')
expect_line "SLEEP-CANCELED"
expect_line "after"
expect_cmp "ms until the canceled sleep ended" "$ELAPSED_MS" -lt 10000
cxt_finish
