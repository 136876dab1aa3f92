#!/bin/bash
# 64 MiB over UNDI inside QEMU (TCG): QEMU's virtio-net ROM (iPXE)
# chainloads bin/undionly.kpxe or, beside it, Debian's undionly.kpxe,
# which then fetch the file by TFTP (dnsmasq) and by HTTP (nginx) through
# the ROM's UNDI.  The time between two markers on the serial console
# gives MiB/s.  Runs alternate; medians of BENCH_RUNS (default 1).
#
# The ROM and Debian's undionly.kpxe are both iPXE, so DHCP gives every
# iPXE stage.ipxe, which chains the NBP while net0 is still the ROM's
# virtio-net and goes on to the download once it is UNDI; cxboot is told
# apart by option 175 (its version first) and gets the download script
# directly.
#
#   tests/bench/undionly.sh [BIN]    (BIN, the hosted build, is unused)
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
ours=${BENCH_IMAGE:-$top/bin/undionly.kpxe}
ipxe=/usr/lib/ipxe/undionly.kpxe
romdir=/usr/lib/ipxe/qemu
runs=${BENCH_RUNS:-1}
size_mib=64

for f in "$ours" "$ipxe" "$romdir/efi-virtio.rom"; do
	[ -f "$f" ] || { echo "undionly: skipped ($f missing)"; exit 0; }
done
command -v nginx >/dev/null ||
	{ echo "undionly: skipped (no nginx)"; exit 0; }

. "$top/tests/qemu/lib.sh"
. "$top/tests/qemu/netboot-lib.sh"
. "$top/tests/bench/stats-lib.sh"
QT_TIMEOUT=400
qt_init bench-undionly "$ours"
nb_init 72
nb_tap tap0
head -c $((size_mib << 20)) /dev/urandom >"$TFTP/big"
cp "$ours" "$TFTP/cx-undionly.kpxe"
cp "$ipxe" "$TFTP/ipxe-undionly.kpxe"
version=$(sed -n 's/^VERSION *:= *//p' "$top/Makefile")
eb_version=eb:03:$(echo "$version" |
	awk -F. '{ printf "%02x:%02x:%02x", $1, $2, $3 }')
nb_dnsmasq "--dhcp-match=set:cxboot,175,$eb_version" \
	--dhcp-boot=tag:!cxboot,stage.ipxe --dhcp-boot=tag:cxboot,fetch.ipxe
nb_nginx

# One download of PROTO through NBP; prints MiB/s, or "fail".
fetch_rate() {
	local tag=$1 nbp=$2 proto=$3

	# (The line after the marker lets the marker out before the
	# power-off.)
	nb_script fetch.ipxe "#!ipxe\necho FETCH-START\n\
imgfetch $proto://$SRV_IP/big\necho FETCH-DONE\nimgstat\npoweroff\n"
	nb_script stage.ipxe "#!ipxe\n\
iseq \${net0/chip} virtio-net && chain $nbp ||\n\
chain fetch.ipxe\n"
	qt_boot "$tag" -nographic -L "$romdir" -boot n \
		-netdev "tap,id=n0,ifname=tap0,script=no,downscript=no" \
		-device "virtio-net-pci,netdev=n0,mac=52:54:00:72:00:01"
	marker_rate "$size_mib" 300
}

echo "undionly: $size_mib MiB over the virtio-net ROM's UNDI inside QEMU" \
	"(TCG), $runs runs each, MiB/s (median)"
for proto in ${BENCH_PROTOS:-tftp http}; do
	r_ours="" r_ipxe=""
	for i in $(seq "$runs"); do
		r=$(fetch_rate "cx-$proto-$i" cx-undionly.kpxe "$proto" \
			2>/dev/null | tail -n 1)
		[ "$r" = fail ] || r_ours="$r_ours $r"
		r=$(fetch_rate "ipxe-$proto-$i" ipxe-undionly.kpxe "$proto" \
			2>/dev/null | tail -n 1)
		[ "$r" = fail ] || r_ipxe="$r_ipxe $r"
	done
	printf '  %-5s cxboot %6s (runs:%s)   iPXE %6s (runs:%s)\n' "$proto" \
		"$(median <<<"$r_ours")" "$r_ours" "$(median <<<"$r_ipxe")" \
		"$r_ipxe"
done
