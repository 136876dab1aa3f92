# One NIC driver end to end, shared by tests/qemu/t-nic-*.sh:
#
#   nic_test NAME SUBNET QEMU_DEVICE DRIVER IMAGE
#
# A network namespace holds a bridge (198.19.SUBNET.1/24) with QEMU's tap
# device on it and dnsmasq serving DHCP (a fixed address for the guest's
# MAC) and TFTP.  The image boots with QEMU_DEVICE as its only NIC; over
# the serial console the test checks that ifstat names DRIVER, that DHCP
# gives the address, that a random multi-megabyte file fetched by TFTP
# hashes as on the host, that the server answers ping, that the link
# state follows QEMU's set_link (through QMP), and that the interface
# still works after ifclose/ifopen.  The fetch throughput is printed.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NIC_NS=
NIC_DNSMASQ=

nic_cleanup() {
	local pid

	set +e
	qt_cleanup
	[ -n "$NIC_DNSMASQ" ] && kill "$NIC_DNSMASQ" 2>/dev/null
	if [ -n "$NIC_NS" ] && [ -e "/run/netns/$NIC_NS" ]; then
		for pid in $(ip netns pids "$NIC_NS" 2>/dev/null); do
			kill -KILL "$pid" 2>/dev/null
		done
		ip netns del "$NIC_NS" 2>/dev/null
	fi
	return 0
}

# Namespaces of earlier runs that were killed outright (SIGKILL leaves no
# chance to clean up): their test process is gone and nothing runs in
# them any more.
nic_sweep() {
	local ns pid

	for ns in $(ip netns list | awk '/^qt-nic-/ { print $1 }'); do
		pid=${ns##*-}
		kill -0 "$pid" 2>/dev/null && continue
		[ -z "$(ip netns pids "$ns" 2>/dev/null)" ] || continue
		ip netns del "$ns" 2>/dev/null || true
	done
}

# Wait until a whole output line is TEXT (typed input echoed back holds
# more than that): nic_wait_line TEXT SECS
nic_wait_line() {
	local deadline=$((SECONDS + $2))

	until grep -aqx -e "$1" -e "$1"$'\r' "$QT_LOG"; do
		if [ "$SECONDS" -ge "$deadline" ] ||
		   ! kill -0 "$QT_PID" 2>/dev/null; then
			grep -aqx -e "$1" -e "$1"$'\r' "$QT_LOG"
			return
		fi
		sleep 0.1
	done
}

# QMP set_link on the NIC's netdev: nic_link on|off
nic_link() {
	python3 - "$WORK/qmp" n0 "$1" <<'EOF'
import json, socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
f = s.makefile("rw")
f.readline()
for cmd in ({"execute": "qmp_capabilities"},
            {"execute": "set_link",
             "arguments": {"name": sys.argv[2], "up": sys.argv[3] == "on"}}):
    f.write(json.dumps(cmd) + "\n")
    f.flush()
    while True:
        r = json.loads(f.readline())
        if "return" in r or "error" in r:
            break
    if "error" in r:
        sys.exit(r["error"]["desc"])
EOF
}

nic_test() {
	local name=$1 subnet=198.19.$2 device=$3 driver=$4 image=$5
	local srv=$subnet.1 cli=$subnet.42 mac=52:54:00:c7:00:0$2
	local size=$((${NIC_MIB:-16} << 20)) hash t0 secs

	[ "$(id -u)" = 0 ] || qt_skip "needs root (network namespace)"
	command -v dnsmasq >/dev/null || qt_skip "dnsmasq not installed"
	command -v python3 >/dev/null || qt_skip "python3 not installed"
	qt_init "nic-$name" "$image"
	QT_TIMEOUT=${NIC_TIMEOUT:-600}
	nic_sweep
	NIC_NS=qt-nic-$name-$$
	trap nic_cleanup EXIT
	trap 'exit 130' INT TERM

	ip netns add "$NIC_NS"
	ip netns exec "$NIC_NS" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
	ip -n "$NIC_NS" link set lo up
	ip -n "$NIC_NS" link add br0 type bridge
	ip -n "$NIC_NS" tuntap add dev tap0 mode tap
	ip -n "$NIC_NS" link set tap0 master br0
	ip -n "$NIC_NS" addr add "$srv/24" dev br0
	ip -n "$NIC_NS" link set tap0 up
	ip -n "$NIC_NS" link set br0 up
	ip netns exec "$NIC_NS" ethtool -K br0 tx off rx off sg off tso off \
		gso off gro off >/dev/null 2>&1 || true

	mkdir "$WORK/tftp"
	head -c "$size" /dev/urandom >"$WORK/tftp/big"
	hash=$(sha256sum <"$WORK/tftp/big" | cut -d' ' -f1)
	chmod -R a+rX "$WORK"
	ip netns exec "$NIC_NS" dnsmasq --conf-file=/dev/null \
		--keep-in-foreground --port=0 --no-ping --user=root \
		--group=root --interface=br0 --bind-interfaces \
		--pid-file="$WORK/dnsmasq.pid" \
		--log-facility="$WORK/dnsmasq.log" --log-dhcp \
		--dhcp-leasefile="$WORK/dnsmasq.leases" \
		--dhcp-range="$subnet.100,$subnet.150,255.255.255.0" \
		--dhcp-host="$mac,$cli" \
		--enable-tftp=br0 --tftp-root="$WORK/tftp" \
		>"$WORK/dnsmasq.err" 2>&1 &
	NIC_DNSMASQ=$!

	# QEMU runs inside the namespace, where the tap device is.
	printf '#!/bin/sh\nexec ip netns exec %s %s "$@"\n' "$NIC_NS" \
		"$QEMU" >"$WORK/qemu"
	chmod +x "$WORK/qemu"
	QEMU=$WORK/qemu

	qt_boot "$name" -nographic -kernel "$IMAGE" \
		-qmp "unix:$WORK/qmp,server=on,wait=off" \
		-netdev tap,id=n0,ifname=tap0,script=no,downscript=no \
		-device "$device,netdev=n0,mac=$mac,romfile="
	expect_output "$name: prompt" "cxboot>" 60

	qt_send 'ifstat'
	expect_output "$name: ifstat names the driver" "using $driver on 0000:"
	qt_wait "cxboot>" || true

	qt_send 'dhcp net0'
	qt_wait "cxboot>" 60 || true
	qt_send 'echo ${ip}'
	expect_line "$name: DHCP address" "$cli"
	qt_wait "cxboot>" || true

	qt_send 'ping --count 3 '"$srv"
	expect_output "$name: ping reply" "bytes from $srv: seq=3" 30
	qt_wait "cxboot>" || true

	t0=$(qt_now)
	qt_send "imgfetch tftp://$srv/big && echo fetched-ok"
	if nic_wait_line fetched-ok 300; then
		secs=$(awk -v a="$t0" -v b="$(qt_now)" \
			'BEGIN { printf "%.2f", b - a }')
		qt_pass "$name: TFTP fetch of $((size >> 20)) MiB"
		qt_log "$name: $((size >> 20)) MiB in $secs s:" \
			"$(awk -v s="$size" -v t="$secs" \
			'BEGIN { printf "%.2f MB/s", s / t / 1e6 }')"
	else
		qt_fail "$name: TFTP fetch of $((size >> 20)) MiB"
	fi
	qt_wait "cxboot>" || true
	qt_send 'sha256sum big'
	expect_line "$name: fetched file hashes as on the host" \
		"$hash  big" 120
	qt_wait "cxboot>" || true

	# Link state follows the wire.
	nic_link off
	sleep 1
	qt_send 'ifstat'
	expect_output "$name: link down seen" "[Link:down"
	qt_wait "cxboot>" || true
	nic_link on
	sleep 2
	qt_send 'ping --count 2 '"$srv"
	expect_output "$name: ping after link up" "bytes from $srv: seq=2" 30
	qt_wait "cxboot>" || true

	# Closing resets the device; it must come back as it was.
	qt_send 'ifclose net0'
	qt_wait "cxboot>" || true
	qt_send 'ifopen net0'
	qt_wait "cxboot>" || true
	qt_send 'ping --count 2 '"$srv"
	expect_output "$name: ping after ifclose/ifopen" \
		"bytes from $srv: seq=2" 30
	qt_wait "cxboot>" || true
	qt_send 'imgfetch --name again tftp://'"$srv"'/big'
	qt_wait "cxboot>" 300 || true
	qt_send 'sha256sum again'
	expect_line "$name: second fetch after reopen hashes right" \
		"$hash  again" 120
	qt_wait "cxboot>" || true

	qt_send 'ifstat'
	expect_output "$name: ifstat after the transfers" "using $driver"
	qt_wait "cxboot>" || true
	qt_finish
}
