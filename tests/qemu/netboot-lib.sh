# A network for QEMU boot tests, sourced after lib.sh by tests that boot
# over the network (tests/qemu/t-boot-*.sh).
#
# One network namespace holds a bridge (198.18.N.1/24) with tap devices
# for QEMU's NICs and a dnsmasq serving DHCP and TFTP from $TFTP; QEMU
# itself runs in the namespace.  Everything is removed on exit.
#
#   nb_init N                 namespace, bridge, payload in $PAYLOAD, $TFTP
#   nb_tap NAME               a tap device on the bridge
#   nb_dnsmasq ARGS...        start dnsmasq (DHCP + TFTP) with extra ARGS
#   nb_dnsmasq_stop           stop it
#   nb_nginx                  nginx on $SRV_IP:80 serving $TFTP, access log
#                             $WORK/access.log ("CONN REQS STATUS REQUEST")
#   nb_ipv6_ra                IPv6 on the bridge; echoes the dnsmasq ARGS
#                             that send router advertisements (clients
#                             that wait for IPv6 autoconfiguration,
#                             such as iPXE, then get it)
#   nb_nic MODEL TAP [MAC]    QEMU arguments for one NIC, appended to
#                             the array NB_NICS
#   nb_script NAME TEXT       a file in $TFTP (printf %b of TEXT)
#   nb_disk NAME APPEND...    $TFTP/NAME: a SYSLINUX disk booting the
#                             payload with kernel arguments APPEND (and
#                             the initrds NB_DISK_INITRDS, a comma list)
#   nb_iso NAME APPEND...     $TFTP/NAME: an ISOLINUX CD image (El
#                             Torito, no emulation) booting the payload
#   nb_tgt FILE [PORT]        tgt exporting FILE as LUN 1 of $NB_IQN on
#                             $SRV_IP:PORT (3260; LUN 0 is tgt's
#                             controller)
#   nb_tgt_lun N FILE         FILE as LUN N of the same target
#   nb_istgt FILE             istgt exporting FILE as LUN 0 of
#                             $NB_IQN:disk1 on $SRV_IP:3260
#   nb_dhcpd CONF             ISC dhcpd on the bridge with that config

NB_PIDS=()

nb_cleanup() {
	local pid

	for pid in "${NB_PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${NB_PIDS[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	if [ -n "${NB_NS:-}" ] && [ -e "/run/netns/$NB_NS" ]; then
		for pid in $(ip netns pids "$NB_NS" 2>/dev/null); do
			kill -KILL "$pid" 2>/dev/null || true
		done
		ip netns del "$NB_NS" 2>/dev/null || true
	fi
}

nb_init() {
	local n=$1 top

	[ "$(id -u)" = 0 ] || qt_skip "needs root"
	command -v dnsmasq >/dev/null || qt_skip "dnsmasq not installed"
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
	PAYLOAD=$("$top/tests/payload/build") || qt_skip "no payload"
	NB_SUBNET=198.18.$n
	NB_SUBNET_N=$n
	SRV_IP=$NB_SUBNET.1
	NB_NS=qtb-$n-$$
	TFTP=$WORK/tftp
	mkdir -p "$TFTP"
	chmod 755 "$WORK" "$TFTP"
	ln -s "$PAYLOAD/vmlinuz" "$PAYLOAD/initrd.gz" "$PAYLOAD/extra.gz" \
		"$TFTP/"
	trap 'nb_cleanup; qt_cleanup' EXIT
	ip netns add "$NB_NS"
	ip netns exec "$NB_NS" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
	ip -n "$NB_NS" link set lo up
	ip -n "$NB_NS" link add br0 type bridge
	ip -n "$NB_NS" addr add "$SRV_IP/24" dev br0
	ip -n "$NB_NS" link set br0 up
	# QEMU runs inside the namespace, through this wrapper.
	cat >"$WORK/qemu" <<EOF
#!/bin/sh
exec ip netns exec $NB_NS ${QEMU_BIN:-qemu-system-x86_64} "\$@"
EOF
	chmod 755 "$WORK/qemu"
	QEMU=$WORK/qemu
	NB_NICS=()
}

nb_tap() {
	ip -n "$NB_NS" tuntap add dev "$1" mode tap
	ip -n "$NB_NS" link set "$1" master br0
	ip -n "$NB_NS" link set "$1" up
}

nb_dnsmasq() {
	local i

	ip netns exec "$NB_NS" dnsmasq --conf-file=/dev/null \
		--keep-in-foreground --port=0 --no-ping --user=root \
		--group=root --interface=br0 --bind-interfaces \
		--pid-file="$WORK/dnsmasq.pid" \
		--log-facility="$WORK/dnsmasq.log" --log-dhcp \
		--dhcp-leasefile="$WORK/dnsmasq.leases" \
		--dhcp-range="$NB_SUBNET.100,$NB_SUBNET.199,255.255.255.0,1h" \
		--enable-tftp=br0 --tftp-root="$TFTP" "$@" \
		>"$WORK/dnsmasq.err" 2>&1 &
	NB_PIDS+=($!)
	for i in $(seq 100); do
		if ss -N "$NB_NS" -Hlun 'sport = :67' 2>/dev/null | grep -q . &&
		   ss -N "$NB_NS" -Hlun 'sport = :69' 2>/dev/null | grep -q .
		then
			return 0
		fi
		sleep 0.05
	done
	qt_die "dnsmasq did not start: $(cat "$WORK/dnsmasq.err")"
}

nb_dnsmasq_stop() {
	local pid

	for pid in "${NB_PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	NB_PIDS=()
}

nb_nginx() {
	local i

	mkdir -p "$WORK/nginx"
	cat >"$WORK/nginx/nginx.conf" <<EOF
daemon off; user root; worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 64; }
http {
	log_format nb '\$connection \$connection_requests \$status "\$request"';
	access_log $WORK/access.log nb;
	client_body_temp_path $WORK/nginx/body;
	proxy_temp_path $WORK/nginx/proxy;
	fastcgi_temp_path $WORK/nginx/fastcgi;
	uwsgi_temp_path $WORK/nginx/uwsgi;
	scgi_temp_path $WORK/nginx/scgi;
	default_type application/octet-stream;
	server { listen $SRV_IP:80; root $TFTP; }
}
EOF
	ip netns exec "$NB_NS" nginx -c "$WORK/nginx/nginx.conf" \
		-p "$WORK/nginx" >"$WORK/nginx.err" 2>&1 &
	NB_PIDS+=($!)
	for i in $(seq 100); do
		ss -N "$NB_NS" -Hltn 'sport = :80' 2>/dev/null | grep -q . &&
			return 0
		sleep 0.05
	done
	qt_die "nginx did not start: $(cat "$WORK/nginx.err" \
		"$WORK/nginx/error.log" 2>/dev/null)"
}

nb_ipv6_ra() {
	ip netns exec "$NB_NS" sysctl -qw net.ipv6.conf.all.disable_ipv6=0 \
		net.ipv6.conf.default.disable_ipv6=0 \
		net.ipv6.conf.br0.disable_ipv6=0
	ip -n "$NB_NS" addr add fd00:198:18::1/64 dev br0 nodad
	echo --enable-ra --dhcp-range=fd00:198:18::,ra-only
}

nb_nic() {
	local model=$1 tap=$2 mac=${3:-}
	local id=n$((${#NB_NICS[@]} / 4))

	NB_NICS+=(-netdev "tap,id=$id,ifname=$tap,script=no,downscript=no"
		-device "$model,netdev=$id,romfile=${mac:+,mac=$mac}")
}

nb_script() {
	printf '%b' "$2" >"$TFTP/$1"
}

nb_disk() {
	local top

	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
	"$top/tests/qemu/mkdisk.sh" "$TFTP/$1" 32 "$PAYLOAD/vmlinuz" \
		"${NB_DISK_INITRDS:-$PAYLOAD/initrd.gz}" "${@:2}" >"$WORK/mkdisk.log" 2>&1 ||
		qt_die "mkdisk: $(cat "$WORK/mkdisk.log")"
}

nb_iso() {
	local dir=$WORK/iso-$1

	mkdir -p "$dir"
	cp /usr/lib/ISOLINUX/isolinux.bin \
		/usr/lib/syslinux/modules/bios/ldlinux.c32 \
		"$PAYLOAD/vmlinuz" "$PAYLOAD/initrd.gz" "$dir/"
	printf 'DEFAULT linux\nPROMPT 0\nLABEL linux\n  KERNEL vmlinuz\n  INITRD initrd.gz\n  APPEND %s\n' \
		"${*:2}" >"$dir/isolinux.cfg"
	xorriso -as mkisofs -quiet -o "$TFTP/$1" -b isolinux.bin \
		-c boot.cat -no-emul-boot -boot-load-size 4 -boot-info-table \
		"$dir" 2>"$WORK/xorriso.log" ||
		qt_die "xorriso: $(cat "$WORK/xorriso.log")"
}

# tgtd's control socket is per instance (-C), so tests may run side by
# side.  tgtd ignores SIGTERM while it has targets: it is left out of
# NB_PIDS for the SIGKILL that nb_cleanup gives what is left in the
# namespace.
nb_tgt() {
	local i ctl=$((NB_SUBNET_N + 1000)) port=${2:-3260}

	command -v tgtd >/dev/null || qt_skip "tgt not installed"
	NB_IQN=iqn.2026-12.test.cxboot:disk$NB_SUBNET_N
	ip netns exec "$NB_NS" tgtd -f -C "$ctl" \
		--iscsi "portal=$SRV_IP:$port" >"$WORK/tgtd.log" 2>&1 &
	disown $!
	for i in $(seq 100); do
		ss -N "$NB_NS" -Hltn "sport = :$port" 2>/dev/null | grep -q . &&
			break
		sleep 0.05
	done
	tgtadm -C "$ctl" --lld iscsi --mode target --op new --tid 1 \
		--targetname "$NB_IQN" &&
	tgtadm -C "$ctl" --lld iscsi --mode logicalunit --op new --tid 1 \
		--lun 1 --backing-store "$1" &&
	tgtadm -C "$ctl" --lld iscsi --mode target --op bind --tid 1 \
		--initiator-address ALL ||
		qt_die "tgt did not start: $(cat "$WORK/tgtd.log")"
}

nb_tgt_lun() {
	tgtadm -C $((NB_SUBNET_N + 1000)) --lld iscsi --mode logicalunit \
		--op new --tid 1 --lun "$1" --backing-store "$2" ||
		qt_die "tgt: no LUN $1"
}

# istgt takes seconds to stop: like tgtd it is left to nb_cleanup's
# SIGKILL.
nb_istgt() {
	local i

	command -v istgt >/dev/null || qt_skip "istgt not installed"
	NB_IQN=iqn.2026-12.test.istgt$NB_SUBNET_N
	cat >"$WORK/istgt.conf" <<EOF
[Global]
  NodeBase "$NB_IQN"
  PidFile $WORK/istgt.pid
  AuthFile $WORK/istgt-auth.conf
  MediaDirectory $WORK
  Timeout 30
  NopInInterval 20
  MaxSessions 16
  MaxConnections 4
  FirstBurstLength 262144
  MaxBurstLength 1048576
  MaxRecvDataSegmentLength 262144
[UnitControl]
  AuthMethod Auto
  Portal UC1 127.0.0.1:3261
  Netmask 127.0.0.1
[PortalGroup1]
  Portal DA1 $SRV_IP:3260
[InitiatorGroup1]
  InitiatorName "ALL"
  Netmask $NB_SUBNET.0/24
[LogicalUnit1]
  TargetName disk1
  Mapping PortalGroup1 InitiatorGroup1
  AuthMethod None
  UnitType Disk
  LUN0 Storage $1 Auto
EOF
	: >"$WORK/istgt-auth.conf"
	ip netns exec "$NB_NS" istgt -D -q -c "$WORK/istgt.conf" \
		>"$WORK/istgt.log" 2>&1 &
	disown $!
	for i in $(seq 200); do
		ss -N "$NB_NS" -Hltn 'sport = :3260' 2>/dev/null | grep -q . &&
			return 0
		sleep 0.05
	done
	qt_die "istgt did not start: $(cat "$WORK/istgt.log")"
}

nb_dhcpd() {
	local i

	: >"$WORK/dhcpd.leases"
	ip netns exec "$NB_NS" dhcpd -4 -f -cf "$1" -lf "$WORK/dhcpd.leases" \
		-pf "$WORK/dhcpd.pid" br0 >"$WORK/dhcpd.log" 2>&1 &
	NB_PIDS+=($!)
	for i in $(seq 100); do
		ss -N "$NB_NS" -Hlun 'sport = :67' 2>/dev/null | grep -q . &&
			return 0
		sleep 0.05
	done
	qt_die "dhcpd did not start: $(cat "$WORK/dhcpd.log")"
}
