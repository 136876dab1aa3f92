# Helpers for the net tests, sourced by each tests/net/t-*.sh.
#
# A test gets two network namespaces joined by a veth pair: the server
# side (interface s0, address 198.18.N.1/24) runs real servers (dnsmasq,
# atftpd, ISC dhcpd, tcpdump), the client side (interface c0, no address)
# runs the binary under test, which attaches c0 as net0.  Everything the
# test started is stopped and both namespaces are deleted on exit, also
# on failure.
#
#   cxt_init NAME N [BIN]     work dir, namespaces, exit trap; BIN may also
#                             come from $CXT_BIN
#   cxt_link [MAC]            the veth pair, offloads off, client MAC
#   cxt_dnsmasq TAG ARGS...   dnsmasq with test defaults plus ARGS; add
#                             "${DNSMASQ_TFTP[@]}" for its TFTP server
#   cxt_atftpd [ARGS...]      atftpd on SRV_IP:69 serving $TFTP
#   cxt_dhcpd CONF            ISC dhcpd in the foreground on s0
#   cxt_nginx [CONF...]       nginx on SRV_IP:80 serving $TFTP, CONF lines
#                             added to its server block; access log
#                             $WORK/access.log: CONN REQS STATUS "REQUEST"
#                             TRANSFER-ENCODING ("-" if none)
#   cxt_tgtd [PORTAL]         tgt's iSCSI target daemon, listening on
#                             PORTAL (SRV_IP:3260); its control port is
#                             private to the test (cxt_tgtadm ARGS... talks
#                             to the last one started: TGT_CTL, TGT_PID)
#   cxt_tgt_target TID IQN FILE  a target with FILE as its LUN 1, open
#                             to every initiator
#   cxt_stop PID              stop one of them (LAST_PID after each start)
#   cxt_busy                  a busy loop on every core until the end
#   cxt_loss PERCENT          nftables drops PERCENT % of what the server
#                             sends (egress of its veth end); the count
#                             of drops is $(cxt_loss_count)
#   cxt_tcp_loss PERCENT      the same where the server's TCP cannot see
#                             it (a bridge drops after the stack sent)
#   cxt_capture TAG [FILTER]  tcpdump -w $WORK/TAG.pcap on s0, stopped by
#                             cxt_capture_stop $WORK/TAG.pcap
#   cxt_watch TAG [FILTER]    tcpdump as text into $WORK/TAG.log
#   cxt_wait_grep FILE RE     poll FILE for a line matching RE
#   cxt_run TIMEOUT [ARGS]    the binary in the client namespace; stdin is
#                             the caller's; sets RC, ELAPSED_MS, $WORK/out
#   cxt_mkfile NAME SIZE      random file in $TFTP; cxt_sha NAME its hash
#   expect_*                  assertions: print expected vs got, count
#   cxt_finish                exit status from the assertions

set -euo pipefail

CXT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${ASAN_OPTIONS:=detect_leaks=0:abort_on_error=1}"
: "${UBSAN_OPTIONS:=halt_on_error=1:print_stacktrace=1}"
export ASAN_OPTIONS UBSAN_OPTIONS

CXT_FAILS=0
CXT_PIDS=()
SIF=s0
CIF=c0

cxt_log() { echo "# $*"; }

cxt_skip() {
	echo "SKIP: $*"
	exit 77
}

# Fatal harness problem (a server did not start, ...): stop the test.
cxt_die() {
	echo "ERROR: $*" >&2
	exit 1
}

cxt_init() {
	local name=$1 n=$2 bin=${3:-${CXT_BIN:-}}

	[ "$(id -u)" = 0 ] || cxt_skip "needs root"
	[ -n "$bin" ] || cxt_die "usage: $0 BIN (or CXT_BIN=BIN)"
	[ -x "$bin" ] || cxt_die "$bin: not an executable"
	BIN=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
	CXT_NAME=$name
	SUBNET=198.18.$n
	SRV_IP=$SUBNET.1
	CLI_IP=$SUBNET.2
	SNS=cxt-$name-$$-s
	CNS=cxt-$name-$$-c
	WORK=$(mktemp -d "/tmp/cxt-$name.XXXXXX")
	TFTP=$WORK/tftp
	mkdir "$TFTP"
	chmod 755 "$WORK" "$TFTP"
	# Arguments that make a dnsmasq serve $TFTP.
	DNSMASQ_TFTP=(--enable-tftp="$SIF" --tftp-root="$TFTP")
	trap cxt_cleanup EXIT
	trap 'exit 130' INT TERM
}

cxt_cleanup() {
	local rc=$? pid i alive ns

	set +e
	for pid in "${CXT_PIDS[@]}"; do
		kill "$pid" 2>/dev/null
	done
	for i in $(seq 40); do
		alive=
		for pid in "${CXT_PIDS[@]}"; do
			kill -0 "$pid" 2>/dev/null && alive=1
		done
		[ -z "$alive" ] && break
		sleep 0.05
	done
	for pid in "${CXT_PIDS[@]}"; do
		kill -KILL "$pid" 2>/dev/null
	done
	# Anything else left in our own namespaces was started by this test.
	for ns in "$SNS" "$CNS"; do
		[ -e "/run/netns/$ns" ] || continue
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			kill -KILL "$pid" 2>/dev/null
		done
		ip netns del "$ns" 2>/dev/null
	done
	wait 2>/dev/null
	if [ "$rc" = 0 ] || [ "$rc" = 77 ] || [ -n "${CXT_KEEP:-}" ]; then
		[ -z "${CXT_KEEP:-}" ] && rm -rf "$WORK"
	else
		# Keep logs, captures and outputs, not the big payloads.
		rm -rf "$TFTP"
		echo "# logs kept in $WORK"
	fi
	exit "$rc"
}

in_srv() { ip netns exec "$SNS" "$@"; }
in_cli() { ip netns exec "$CNS" "$@"; }

# Both ends behave like a wire: checksums filled in, no segmentation.
cxt_wire() {
	ip netns exec "$1" ethtool -K "$2" tx off rx off sg off tso off \
		gso off gro off >/dev/null 2>&1 || true
}

cxt_link() {
	local mac=${1:-02:c7:00:00:00:02} ns

	for ns in "$SNS" "$CNS"; do
		ip netns add "$ns"
		# No IPv6 chatter (router solicitations, MLD) on the link.
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1
		ip -n "$ns" link set lo up
	done
	ip -n "$SNS" link add "$SIF" type veth peer name "$CIF" netns "$CNS"
	ip -n "$CNS" link set "$CIF" address "$mac"
	ip -n "$SNS" addr add "$SRV_IP/24" dev "$SIF"
	ip -n "$SNS" link set "$SIF" up
	ip -n "$CNS" link set "$CIF" up
	cxt_wire "$SNS" "$SIF"
	cxt_wire "$CNS" "$CIF"
}

# Start CMD in the server namespace in the background, output in
# $WORK/TAG.log; the pid is remembered for cleanup and left in LAST_PID.
cxt_bg() {
	local tag=$1
	shift
	ip netns exec "$SNS" "$@" >"$WORK/$tag.log" 2>&1 &
	LAST_PID=$!
	CXT_PIDS+=("$LAST_PID")
}

# One busy loop per core (in the server namespace, stopped on exit):
# the load under which transfers must still degrade gracefully.
cxt_busy() {
	local i

	for i in $(seq "$(nproc)"); do
		cxt_bg "busy$i" sh -c 'while :; do :; done'
	done
}

# Stop one server started by this test.
cxt_stop() {
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# Poll until process PID listens on PROTO (udp or tcp) PORT in the
# server namespace; cxt_wait_udp/cxt_wait_tcp PORT PID name the protocol.
cxt_wait_listen() {
	local proto=$1 port=$2 pid=$3 i

	for i in $(seq 200); do
		if ss -N "$SNS" -Hl"${proto:0:1}"np "sport = :$port" \
			2>/dev/null | grep -q "pid=$pid,"; then
			return 0
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	cxt_die "pid $pid is not listening on $proto port $port; log:
$(tail -n 20 "$WORK"/*.log "$WORK"/nginx/error.log 2>/dev/null)"
}
cxt_wait_udp() { cxt_wait_listen udp "$@"; }
cxt_wait_tcp() { cxt_wait_listen tcp "$@"; }

# Poll until FILE contains a line matching extended regex RE (10 s).
cxt_wait_grep() {
	local file=$1 re=$2 i

	for i in $(seq 200); do
		grep -Eq -- "$re" "$file" 2>/dev/null && return 0
		sleep 0.05
	done
	cxt_die "timed out waiting for /$re/ in $file"
}

# dnsmasq with DNS off (unless ARGS give a --port), no ping probe,
# logging to $WORK/TAG.log.  Waits for the DHCP, TFTP and/or DNS ports
# that ARGS enable.
cxt_dnsmasq() {
	local tag=$1 a dhcp='' tftp='' dns='' port=--port=0
	shift
	for a in "$@"; do
		case $a in
		--dhcp-range=*) dhcp=1 ;;
		--enable-tftp*) tftp=1 ;;
		--port=*) port='' dns=${a#--port=} ;;
		esac
	done
	ip netns exec "$SNS" dnsmasq --conf-file=/dev/null \
		--keep-in-foreground $port --no-ping --user=root \
		--group=root --interface="$SIF" --bind-interfaces \
		--pid-file="$WORK/$tag.pid" --log-facility="$WORK/$tag.log" \
		--log-dhcp --dhcp-leasefile="$WORK/$tag.leases" \
		"$@" >"$WORK/$tag.err" 2>&1 &
	LAST_PID=$!
	CXT_PIDS+=("$LAST_PID")
	[ -n "$dhcp" ] && cxt_wait_udp 67 "$LAST_PID"
	[ -n "$tftp" ] && cxt_wait_udp 69 "$LAST_PID"
	[ -n "$dns" ] && cxt_wait_udp "$dns" "$LAST_PID"
	return 0
}


cxt_atftpd() {
	cxt_bg atftpd atftpd --daemon --no-fork --port 69 \
		--bind-address "$SRV_IP" --user root --group root \
		--logfile - --verbose=7 --no-multicast "$@" "$TFTP"
	cxt_wait_udp 69 "$LAST_PID"
}

cxt_dhcpd() {
	: >"$WORK/dhcpd.leases"
	cxt_bg dhcpd dhcpd -4 -f -cf "$1" -lf "$WORK/dhcpd.leases" \
		-pf "$WORK/dhcpd.pid" "$SIF"
	cxt_wait_udp 67 "$LAST_PID"
}

cxt_nginx() {
	local line

	mkdir -p "$WORK/nginx"
	{
		echo "daemon off; user root; worker_processes 1;"
		echo "pid $WORK/nginx/nginx.pid;"
		echo "error_log $WORK/nginx/error.log info;"
		echo "events { worker_connections 64; }"
		echo "http {"
		echo "  log_format cxt '\$connection \$connection_requests \$status \"\$request\" \$sent_http_transfer_encoding';"
		echo "  access_log $WORK/access.log cxt;"
		for line in client_body proxy fastcgi uwsgi scgi; do
			echo "  ${line}_temp_path $WORK/nginx/$line;"
		done
		echo "  default_type application/octet-stream;"
		echo "  keepalive_timeout 60s;"
		echo "  server {"
		echo "    listen $SRV_IP:80;"
		echo "    root $TFTP;"
		for line in "$@"; do
			echo "    $line"
		done
		echo "  }"
		echo "}"
	} >"$WORK/nginx/nginx.conf"
	cxt_bg nginx nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx"
	cxt_wait_tcp 80 "$LAST_PID"
}

# tgtd in the foreground; TGT_PID is the daemon.  tgtd ignores SIGTERM
# (the exit trap kills it); cxt_tgtd_stop kills it and waits until it
# is gone.
cxt_tgtd() {
	local portal=${1:-$SRV_IP:3260}

	# One control port per portal port: a test may run two.
	TGT_CTL=$(( ($$ % 20000) + 10000 + ${portal##*:} - 3260 ))
	cxt_bg tgtd tgtd -f -C "$TGT_CTL" --iscsi "portal=$portal"
	TGT_PID=$LAST_PID
	# Killed (it ignores SIGTERM) without bash reporting the job.
	disown "$TGT_PID"
	cxt_wait_tcp "${portal##*:}" "$TGT_PID"
}

cxt_tgtadm() {
	in_srv tgtadm -C "$TGT_CTL" --lld iscsi "$@"
}

cxt_tgtd_stop() {
	kill -KILL "$TGT_PID" 2>/dev/null || true
	while kill -0 "$TGT_PID" 2>/dev/null; do
		sleep 0.05
	done
}

cxt_tgt_target() {
	cxt_tgtadm --mode target --op new --tid "$1" --targetname "$2"
	cxt_tgtadm --mode logicalunit --op new --tid "$1" --lun 1 \
		--backing-store "$3"
	cxt_tgtadm --mode target --op bind --tid "$1" --initiator-address ALL
}

# tcpdump on s0 into $WORK/TAG.pcap; CAP_PID is the one to stop.  Set
# CXT_SNAPLEN to keep only the headers of a long transfer.
cxt_loss() {
	in_srv nft -f - <<EOF
table netdev cxt_loss {
	chain egress {
		type filter hook egress device "$SIF" priority 0
		numgen random mod 100 < $1 counter drop
	}
}
EOF
}

# The same for TCP: a drop at the veth's egress is seen by the server's
# own TCP, which sends the segment again before it ever left.  Here the
# server's address moves to a bridge over s0, and the bridge drops
# frames after the server's stack has let go of them.
cxt_tcp_loss() {
	in_srv ip link add br0 type bridge
	in_srv ip addr del "$SRV_IP/24" dev "$SIF"
	in_srv ip link set "$SIF" master br0
	in_srv ip addr add "$SRV_IP/24" dev br0
	in_srv ip link set br0 up
	cxt_wire "$SNS" br0
	in_srv nft -f - <<EOF
table bridge cxt_loss {
	chain output {
		type filter hook output priority 0
		oif "$SIF" numgen random mod 100 < $1 counter drop
	}
}
EOF
}

cxt_loss_count() {
	{ in_srv nft list table netdev cxt_loss 2>/dev/null ||
		in_srv nft list table bridge cxt_loss; } |
		sed -n 's/.*counter packets \([0-9]*\) .*/\1/p'
}

cxt_capture() {
	local tag=$1
	shift
	cxt_bg "$tag-tcpdump" tcpdump -i "$SIF" -n -U --immediate-mode \
		-s "${CXT_SNAPLEN:-1600}" -Z root \
		-w "$WORK/$tag.pcap" "$@"
	CAP_PID=$LAST_PID
	cxt_wait_grep "$WORK/$tag-tcpdump.log" "listening on"
}

# tcpdump on s0 printing one line per packet to $WORK/TAG.log, for a
# test to wait on with cxt_wait_grep.
cxt_watch() {
	local tag=$1
	shift
	cxt_bg "$tag" tcpdump -i "$SIF" -n -l --immediate-mode "$@"
	cxt_wait_grep "$WORK/$tag.log" "listening on"
}

# Stop the capture once its file has stopped growing, so that packets
# still on their way to tcpdump are not lost.
cxt_capture_stop() {
	local file=$1 size=-1 i

	for i in $(seq 40); do
		[ "$(stat -c %s "$file" 2>/dev/null)" = "$size" ] && break
		size=$(stat -c %s "$file" 2>/dev/null || echo 0)
		sleep 0.1
	done
	kill -INT "$CAP_PID" 2>/dev/null || true
	wait "$CAP_PID" 2>/dev/null || true
}

# Run the binary in the client namespace with c0 as net0 (or the
# options in $CXT_NETS).  stdout goes to $WORK/out, stderr to $WORK/err;
# RC is its status (124: timed out), ELAPSED_MS its run time.  Sanitizer
# reports, time-outs and deaths by a signal fail the test.
cxt_run() {
	local limit=$1 t0 t1
	shift
	CXT_RUNS=$(( ${CXT_RUNS:-0} + 1 ))
	t0=$(date +%s%N)
	set +e
	# shellcheck disable=SC2086 # CXT_NETS: "--net IF" words, net0 first
	ip netns exec "$CNS" timeout -k 5 "$limit" "$BIN" \
		${CXT_NETS:---net $CIF} "$@" \
		>"$WORK/out" 2>"$WORK/err"
	RC=$?
	set -e
	t1=$(date +%s%N)
	ELAPSED_MS=$(( (t1 - t0) / 1000000 ))
	cp "$WORK/out" "$WORK/out.$CXT_RUNS"
	cp "$WORK/err" "$WORK/err.$CXT_RUNS"
	cxt_log "run $CXT_RUNS: status $RC after ${ELAPSED_MS} ms"
	if grep -Eq "ERROR: AddressSanitizer|runtime error:" "$WORK/err"; then
		cxt_fail "sanitizer report in run $CXT_RUNS" \
			"$(head -n 30 "$WORK/err")"
	fi
	if [ "$RC" = 124 ] || [ "$RC" = 137 ]; then
		cxt_fail "run $CXT_RUNS timed out after $limit s" \
			"$(tail -n 20 "$WORK/out")"
	elif [ "$RC" -gt 128 ]; then
		# Any other death by a signal is a crash.
		cxt_fail "run $CXT_RUNS crashed (status $RC)" \
			"$(tail -n 20 "$WORK/err")"
	fi
	return 0
}

# Commands that give the client a static address without DHCP.
cxt_static() {
	printf 'set net0/ip %s\nset net0/netmask 255.255.255.0\nifopen net0\n' \
		"$CLI_IP"
}

cxt_mkfile() {
	head -c "$2" /dev/urandom >"$TFTP/$1"
}

cxt_sha() {
	sha256sum <"$TFTP/$1" | cut -d' ' -f1
}

# --- assertions: each prints what was expected and what came, and the
# test goes on so that one run reports every mismatch.

cxt_fail() {
	CXT_FAILS=$((CXT_FAILS + 1))
	echo "FAIL: $1"
	[ $# -lt 2 ] || printf '%s\n' "$2" | head -n 40 | sed 's/^/    | /'
}

cxt_pass() { echo "ok: $1"; }

cxt_out() { cat "$WORK/out"; }

expect_rc() {
	if [ "$RC" = "$1" ]; then
		cxt_pass "status $1"
	else
		cxt_fail "status: expected $1, got $RC" "$(tail -n 20 "$WORK/out")"
	fi
}

# A clean failure: non-zero, but not a crash, signal or timeout.
expect_fail() {
	if [ "$RC" -ge 1 ] && [ "$RC" -le 123 ]; then
		cxt_pass "failed with status $RC"
	else
		cxt_fail "status: expected a failure (1..123), got $RC" \
			"$(tail -n 20 "$WORK/out")"
	fi
}

expect_line() {
	if grep -Fxq -- "$1" "$WORK/out"; then
		cxt_pass "line '$1'"
	else
		cxt_fail "expected the line '$1' in the output, got:" "$(cxt_out)"
	fi
}

expect_contains() {
	if grep -Fq -- "$1" "$WORK/out"; then
		cxt_pass "output contains '$1'"
	else
		cxt_fail "expected '$1' in the output, got:" "$(cxt_out)"
	fi
}

expect_match() {
	if grep -Eq -- "$1" "$WORK/out"; then
		cxt_pass "output matches /$1/"
	else
		cxt_fail "expected a line matching /$1/, got:" "$(cxt_out)"
	fi
}

expect_icontains() {
	if grep -Fiq -- "$1" "$WORK/out"; then
		cxt_pass "output contains '$1' (any case)"
	else
		cxt_fail "expected '$1' (any case) in the output, got:" \
			"$(cxt_out)"
	fi
}

expect_no_contains() {
	if grep -Fq -- "$1" "$WORK/out"; then
		cxt_fail "did not expect '$1' in the output, got:" "$(cxt_out)"
	else
		cxt_pass "output lacks '$1'"
	fi
}

expect_eq() {
	if [ "$2" = "$3" ]; then
		cxt_pass "$1 = '$3'"
	else
		cxt_fail "$1: expected '$3', got '$2'"
	fi
}

# expect_cmp WHAT A OP B with OP one of -lt -le -ge -gt (integers).
expect_cmp() {
	if test "$2" "$3" "$4"; then
		cxt_pass "$1: $2 $3 $4"
	else
		cxt_fail "$1: expected $2 $3 $4"
	fi
}

# The client's sha256sum line for image NAME matches file FILE in $TFTP.
expect_hash() {
	expect_line "$(cxt_sha "${2:-$1}")  $1"
}

cxt_finish() {
	if [ "$CXT_FAILS" -gt 0 ]; then
		echo "$CXT_NAME: $CXT_FAILS check(s) failed"
		exit 1
	fi
	echo "$CXT_NAME: all checks passed"
	exit 0
}
