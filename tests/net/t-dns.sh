#!/bin/bash
# DNS from dnsmasq, its servers, domain and search list given by DHCP:
# nslookup of a full name, of short names through the domain (option 15)
# and through the search list (option 119), along a CNAME chain; a TFTP
# and an HTTP fetch by host name hash right; an unknown name fails; a second server
# answers when the first (a dead address on the link) does not; answers
# are cached for their TTL and no longer; a truncated answer is an error
# at once; Ctrl-C ends a lookup that gets no answer, in nslookup and in
# a fetch.  dnsmasq has no upstream: every name it does not hold is
# unknown.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init dns 25 "$@"
cxt_link
cxt_mkfile file $((100 * 1024))
DEAD=$SUBNET.99
DNS_ARGS=(--port=53 --no-resolv --no-hosts --domain-needed
	--local=/example.test/ --local=/a.test/ --local=/b.test/
	--host-record=bootsrv.example.test,"$SRV_IP"
	--host-record=deep.b.test,"$SUBNET.77"
	--host-record=deep.example.test,"$SUBNET.78"
	--cname=alias.example.test,mid.example.test
	--cname=mid.example.test,bootsrv.example.test
	--dhcp-range="$SUBNET.10,$SUBNET.10,255.255.255.0,1h"
	--dhcp-option=option:domain-name,example.test
	--dhcp-option=119,a.test,b.test)
# More addresses than fit a 512-byte answer: dnsmasq truncates it.
for i in $(seq 100 139); do
	DNS_ARGS+=(--host-record=big.example.test,"$SUBNET.$i")
done

cxt_dnsmasq dnsmasq "${DNS_ARGS[@]}" "${DNSMASQ_TFTP[@]}"
DNSMASQ=$LAST_PID
cp "$TFTP/file" "$TFTP/webfile"
cxt_nginx
cxt_capture first udp port 53
cxt_run 60 <<EOF
dhcp net0
nslookup full bootsrv.example.test
echo full \${full}
nslookup viadomain bootsrv
echo viadomain \${viadomain}
nslookup viasearch deep
echo viasearch \${viasearch}
nslookup chain alias.example.test
echo chain \${chain}
nslookup net0/next-server BOOTSRV.Example.Test.
echo next-server \${net0/next-server}
nslookup numeric 198.18.200.1
echo numeric \${numeric}
imgfetch tftp://bootsrv.example.test/file
sha256sum file
imgfetch http://alias.example.test/webfile
sha256sum webfile
nslookup nosuch nosuch.example.test || echo unknown failed
imgfetch tftp://nosuch.example.test/file || echo fetch failed
imgfetch http://nosuch.example.test/file || echo http failed
nslookup big big.example.test || echo big failed
echo nosuch [\${nosuch}]
nslookup nosuch nosuch
EOF
expect_fail
expect_line "full $SRV_IP"
expect_line "viadomain $SRV_IP"
# b.test comes before the domain, a.test does not hold it.
expect_line "viasearch $SUBNET.77"
expect_line "chain $SRV_IP"
expect_line "next-server $SRV_IP"
expect_line "numeric 198.18.200.1"
expect_hash file
expect_hash webfile
expect_line "unknown failed"
expect_line "fetch failed"
expect_line "http failed"
expect_line "big failed"
expect_line "nosuch []"
expect_contains "No such host"
cxt_capture_stop "$WORK/first.pcap"
# The answer for big was truncated (tcpdump shows "|"), and that is an
# error at once: the name is asked once, not again and again.
tcpdump -nr "$WORK/first.pcap" 2>/dev/null >"$WORK/out"
expect_match "^.* $SRV_IP\.53 > .*: [0-9]+\*?\| [0-9]+/0/0 A "
expect_eq "queries for the truncated name" \
	"$(grep -c 'A? big\.example\.test\.' "$WORK/out")" 1

# The first server is an address nobody holds: the query to it never
# leaves (nobody answers ARP for it), the second server's is answered.
# Answers now live 2 s: the second lookup comes from the cache, the
# third, after they expired, asks again.
cxt_stop "$DNSMASQ"
cxt_dnsmasq dnsmasq2 "${DNS_ARGS[@]}" "${DNSMASQ_TFTP[@]}" --local-ttl=2 \
	--dhcp-option=option:dns-server,"$DEAD,$SRV_IP"
DNSMASQ=$LAST_PID
cxt_capture second arp or udp port 53
cxt_run 60 <<EOF
dhcp net0
nslookup addr bootsrv.example.test
echo addr \${addr}
nslookup cached bootsrv.example.test
echo cached \${cached}
sleep 3
nslookup again bootsrv.example.test
echo again \${again}
EOF
cxt_capture_stop "$WORK/second.pcap"
expect_rc 0
expect_line "addr $SRV_IP"
expect_line "cached $SRV_IP"
expect_line "again $SRV_IP"
tcpdump -nr "$WORK/second.pcap" 2>/dev/null |
	grep -E "who-has $DEAD |> $SRV_IP\.53: .* A\? bootsrv\.example\.test\." |
	sed -E 's/.*(who-has|A\?).*/\1/' >"$WORK/out"
# The dead server is asked first.
expect_eq "first the dead server, then the live one" \
	"$(uniq "$WORK/out" | head -n 2 | tr '\n' ' ')" "who-has A? "
expect_eq "queries to the live server" "$(grep -c 'A?' "$WORK/out")" 2

# Nobody answers DNS (the server drops it): Ctrl-C, once the query is on
# the wire, ends the lookup long before it would give up (7.5 s).
cxt_stop "$DNSMASQ"
in_srv nft -f - <<EOF
table inet cxt_dns {
	chain input {
		type filter hook input priority 0
		udp dport 53 drop
	}
}
EOF
cxt_watch watch udp port 53
feed() {
	printf '%s\n' "$(cxt_static)" "set dns $SRV_IP" "$1"
	cxt_wait_grep "$WORK/watch.log" "> $SRV_IP\.53: .* A\? $2"
	printf '\003'
	printf 'echo after\n'
}
for cmd in "nslookup x stuck.example.test" \
	"imgfetch tftp://stuck2.example.test/file"; do
	name=${cmd##* }
	name=${name#tftp://}
	name=${name%%/*}
	cxt_run 30 < <(feed "$cmd || echo FAILED" "${name//./\\.}")
	expect_line "FAILED"
	expect_icontains "canceled"
	expect_line "after"
	expect_cmp "ms until a canceled lookup ended" "$ELAPSED_MS" -lt 5000
done
cxt_finish
