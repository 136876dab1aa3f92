#!/bin/bash
# A 64 MiB HTTP download inside QEMU (TCG), bin/cxboot.lkrn beside
# Debian's ipxe.lkrn, on e1000 and virtio-net: DHCP names a script that
# prints a marker, fetches the file from nginx and prints another; the
# time between the two markers on the serial console gives MiB/s.  Runs
# alternate; medians of BENCH_RUNS (default 2).
#
#   tests/bench/qemu-fetch.sh [BIN]    (BIN, the hosted build, is unused)
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
ours=${BENCH_IMAGE:-$top/bin/cxboot.lkrn}
ipxe=/usr/lib/ipxe/ipxe.lkrn
runs=${BENCH_RUNS:-2}
size_mib=64

for f in "$ours" "$ipxe"; do
	[ -f "$f" ] || { echo "qemu-fetch: skipped ($f missing)"; exit 0; }
done
command -v nginx >/dev/null ||
	{ echo "qemu-fetch: skipped (no nginx)"; exit 0; }

. "$top/tests/qemu/lib.sh"
. "$top/tests/qemu/netboot-lib.sh"
. "$top/tests/bench/stats-lib.sh"
QT_TIMEOUT=300
qt_init bench-qemu-fetch "$ours"
nb_init 71
nb_tap tap0
head -c $((size_mib << 20)) /dev/urandom >"$TFTP/big"
# (The line after the marker lets the marker out before the power-off.)
nb_script fetch.ipxe "#!ipxe\necho FETCH-START\nimgfetch big\necho FETCH-DONE\nimgstat\npoweroff\n"
# shellcheck disable=SC2046
nb_dnsmasq --dhcp-boot="http://$SRV_IP/fetch.ipxe" $(nb_ipv6_ra)
nb_nginx

# One download; prints MiB/s, or "fail".
fetch_rate() {
	qt_boot "$1" -nographic -kernel "$2" "${@:3}"
	marker_rate "$size_mib" 240
}

echo "qemu-fetch: $size_mib MiB by HTTP from nginx inside QEMU (TCG)," \
	"$runs runs each, MiB/s (median)"
for nic in ${BENCH_NICS:-e1000 virtio-net-pci}; do
	NB_NICS=()
	nb_nic "$nic" tap0 52:54:00:71:00:01
	r_ours="" r_ipxe=""
	for i in $(seq "$runs"); do
		r=$(fetch_rate "cx-$nic-$i" "$ours" "${NB_NICS[@]}" 2>/dev/null |
			tail -n 1)
		[ "$r" = fail ] || r_ours="$r_ours $r"
		r=$(fetch_rate "ipxe-$nic-$i" "$ipxe" "${NB_NICS[@]}" \
			2>/dev/null | tail -n 1)
		[ "$r" = fail ] || r_ipxe="$r_ipxe $r"
	done
	printf '  %-16s cxboot %6s (runs:%s)   iPXE %6s (runs:%s)\n' "$nic" \
		"$(median <<<"$r_ours")" "$r_ours" "$(median <<<"$r_ipxe")" \
		"$r_ipxe"
done
