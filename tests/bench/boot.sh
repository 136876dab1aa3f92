#!/bin/bash
# Boot time: from QEMU's start to the marker that Linux's /init prints,
# for bin/cxboot.lkrn and Debian's iPXE (/usr/lib/ipxe/ipxe.lkrn), with
# the same QEMU flags (TCG, e1000 unless BENCH_NIC says otherwise), the
# same dnsmasq (DHCP, TFTP, and IPv6 router advertisements so that
# iPXE's IPv6 autoconfiguration ends at once instead of timing out) and
# the same payload: DHCP names boot.ipxe, which loads Debian's kernel
# and a busybox initramfs, all by TFTP (or with BENCH_PROTO=http from
# nginx, DHCP's filename an http:// URI; or with BENCH_PROTO=iscsi from
# a SYSLINUX disk that tgt exports, DHCP giving only a root path, which
# both firmwares SAN-boot; or with BENCH_PROTO=pxelinux, DHCP naming
# Debian's pxelinux.0, which loads its configuration, the kernel and
# the initramfs through each firmware's PXE API).  Runs alternate; the kernel
# alone (QEMU -kernel, no firmware) is timed too, so that what the
# firmware itself adds can be told apart.  Reports medians, the ratio
# (target: cxboot at most 0.7 x iPXE, 0.8 for SAN boot and pxelinux) and image sizes.
#
#   tests/bench/boot.sh [BIN]      (BIN, the hosted build, is not used)
#   BENCH_RUNS=3 BENCH_NIC=e1000 BENCH_IMAGE=bin/cxboot.lkrn BENCH_PROTO=tftp
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
ours=${BENCH_IMAGE:-$top/bin/cxboot.lkrn}
ipxe=/usr/lib/ipxe/ipxe.lkrn
runs=${BENCH_RUNS:-3}
nic=${BENCH_NIC:-e1000}
proto=${BENCH_PROTO:-tftp}

if [ ! -f "$ipxe" ] && [ "$(id -u)" = 0 ]; then
	apt-get install -y -qq ipxe >/dev/null 2>&1 || true
fi
for f in "$ours" "$ipxe"; do
	[ -f "$f" ] || { echo "boot: skipped ($f missing)"; exit 0; }
done

. "$top/tests/qemu/lib.sh"
. "$top/tests/qemu/netboot-lib.sh"
. "$top/tests/bench/stats-lib.sh"
QT_TIMEOUT=180
qt_init bench-boot "$ours"
nb_init 70
nb_tap tap0
target=0.70
case $proto in
tftp)	dhcp=--dhcp-boot=boot.ipxe ;;
http)	dhcp=--dhcp-boot=http://$SRV_IP/boot.ipxe
	nb_nginx ;;
iscsi)	nb_disk san.img console=ttyS0 panic=-1 quiet cxmarker=bench
	nb_tgt "$TFTP/san.img"
	dhcp=--dhcp-option=17,iscsi:$SRV_IP:::1:$NB_IQN
	target=0.80 ;;
pxelinux)
	[ -f /usr/lib/PXELINUX/pxelinux.0 ] ||
		{ echo "boot: skipped (pxelinux missing)"; exit 0; }
	cp /usr/lib/PXELINUX/pxelinux.0 \
		/usr/lib/syslinux/modules/bios/ldlinux.c32 "$TFTP/"
	mkdir -p "$TFTP/pxelinux.cfg"
	printf 'DEFAULT linux\nLABEL linux\n KERNEL vmlinuz\n APPEND %s\n' \
		"initrd=initrd.gz console=ttyS0 panic=-1 quiet cxmarker=bench" \
		>"$TFTP/pxelinux.cfg/default"
	dhcp=--dhcp-boot=pxelinux.0
	target=0.80 ;;
esac
# shellcheck disable=SC2046
nb_dnsmasq "$dhcp" $(nb_ipv6_ra)
nb_script boot.ipxe "#!ipxe\nkernel vmlinuz console=ttyS0 panic=-1 quiet \
cxmarker=bench\ninitrd initrd.gz\nboot\n"
nb_nic "$nic" tap0 52:54:00:70:00:01

# One boot; prints seconds to the marker, or "fail".
time_boot() {
	local t0 t1

	t0=$(qt_now)
	qt_boot "$1" -nographic "${@:2}"
	if qt_wait "PAYLOAD-OK marker=bench" 170; then
		t1=$(qt_now)
		awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", b - a }'
	else
		echo fail
	fi
	qt_wait_exit 30 >/dev/null 2>&1 || true
	if [ -n "$QT_PID" ]; then
		kill "$QT_PID" 2>/dev/null || true
		wait "$QT_PID" 2>/dev/null || true
		QT_PID=
	fi
}

t_ours="" t_ipxe="" t_kernel="" fails=0
for i in $(seq "$runs"); do
	t=$(time_boot "cxboot-$i" -kernel "$ours" "${NB_NICS[@]}" 2>/dev/null |
		tail -n 1)
	[ "$t" = fail ] && fails=$((fails + 1)) || t_ours="$t_ours $t"
	t=$(time_boot "ipxe-$i" -kernel "$ipxe" "${NB_NICS[@]}" 2>/dev/null |
		tail -n 1)
	[ "$t" = fail ] && fails=$((fails + 1)) || t_ipxe="$t_ipxe $t"
	t=$(time_boot "kernel-$i" -kernel "$PAYLOAD/vmlinuz" \
		-initrd "$PAYLOAD/initrd.gz" \
		-append "console=ttyS0 panic=-1 quiet cxmarker=bench" \
		2>/dev/null | tail -n 1)
	[ "$t" = fail ] && fails=$((fails + 1)) || t_kernel="$t_kernel $t"
done

m_ours=$(median <<<"$t_ours")
m_ipxe=$(median <<<"$t_ipxe")
m_kernel=$(median <<<"$t_kernel")

echo "boot: QEMU TCG, $nic, dnsmasq DHCP, images by $proto, Debian kernel + busybox" \
	"initramfs, $runs runs each, seconds to Linux's /init marker"
printf '  %-14s %8s bytes  median %6s s  (runs:%s)\n' \
	cxboot.lkrn "$(stat -L -c %s "$ours")" "$m_ours" "$t_ours"
printf '  %-14s %8s bytes  median %6s s  (runs:%s)\n' \
	ipxe.lkrn "$(stat -L -c %s "$ipxe")" "$m_ipxe" "$t_ipxe"
printf '  %-14s %8s        median %6s s  (runs:%s)\n' \
	"kernel alone" "" "$m_kernel" "$t_kernel"
echo "  ratio cxboot/iPXE: $(ratio "$m_ours" "$m_ipxe") (target <= $target)"
o=$(minus "$m_ours" "$m_kernel")
p=$(minus "$m_ipxe" "$m_kernel")
echo "  firmware's own time (median minus kernel alone): cxboot $o s," \
	"iPXE $p s, ratio $(ratio "$o" "$p")"
[ "$fails" = 0 ] || echo "  $fails boot(s) did not reach the marker"
