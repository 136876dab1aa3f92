#!/bin/bash
# Sequential reads through INT 13h from an iSCSI disk, in MiB/s, for
# bin/cxboot.lkrn and Debian's iPXE (/usr/lib/ipxe/ipxe.lkrn): DHCP
# gives only a root path (tgt, LUN 1), both firmwares SAN-boot it, and
# its boot sector (tests/bench/readrate.S) reads 64 MiB with AH=42h,
# 127 blocks a call, as a boot loader reads a kernel.  The time between
# its START and END lines is taken from the host's clock.  Runs
# alternate; medians are reported.
#
#   tests/bench/int13-read.sh [BIN]     (BIN, the hosted build, unused)
#   BENCH_RUNS=3 BENCH_NIC=virtio-net-pci
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
ours=$top/bin/cxboot.lkrn
ipxe=/usr/lib/ipxe/ipxe.lkrn
runs=${BENCH_RUNS:-3}
nic=${BENCH_NIC:-virtio-net-pci}
blocks=131072

if [ ! -f "$ipxe" ] && [ "$(id -u)" = 0 ]; then
	apt-get install -y -qq ipxe >/dev/null 2>&1 || true
fi
for f in "$ours" "$ipxe"; do
	[ -f "$f" ] || { echo "int13-read: skipped ($f missing)"; exit 0; }
done
command -v tgtd >/dev/null || { echo "int13-read: skipped (no tgt)"; exit 0; }

. "$top/tests/qemu/lib.sh"
. "$top/tests/qemu/netboot-lib.sh"
. "$top/tests/bench/stats-lib.sh"
QT_TIMEOUT=300
qt_init bench-int13 "$ours"
nb_init 72
nb_tap tap0
cc -m32 -c -DREAD_BLOCKS=$blocks -DCHUNK=127 -o "$WORK/rr.o" \
	"$top/tests/bench/readrate.S"
ld -m elf_i386 -Ttext=0x7c00 -e _start --oformat binary \
	-o "$WORK/rr.bin" "$WORK/rr.o"
python3 - "$WORK/rr.bin" "$TFTP/rr.img" "$blocks" <<'PY'
import struct, sys
boot, out, blocks = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(out, "wb") as f:
    f.write(open(boot, "rb").read())
    for n in range(1, blocks):
        f.write(struct.pack("<I", n) + bytes(508))
PY
nb_tgt "$TFTP/rr.img"
# shellcheck disable=SC2046
nb_dnsmasq "--dhcp-option=17,iscsi:$SRV_IP:::1:$NB_IQN" $(nb_ipv6_ra)
nb_nic "$nic" tap0 52:54:00:72:00:01
want=$(printf '%08x' $((blocks - 1)))

# One run; prints MiB/s, or "fail".
rate() {
	local t0 t1

	qt_boot "$1" -nographic -m 256 -kernel "$2" "${NB_NICS[@]}"
	if qt_wait "READRATE-START" 120; then
		t0=$(qt_now)
		if qt_wait "READRATE-END $want" 250; then
			t1=$(qt_now)
			awk -v a="$t0" -v b="$t1" -v n=$((blocks - 1)) \
				'BEGIN { printf "%.2f\n", n / 2048 / (b - a) }'
		else
			echo fail
		fi
	else
		echo fail
	fi
	kill "$QT_PID" 2>/dev/null || true
	wait "$QT_PID" 2>/dev/null || true
	QT_PID=
}

r_ours="" r_ipxe="" fails=0
for i in $(seq "$runs"); do
	r=$(rate "cxboot-$i" "$ours" 2>/dev/null | tail -n 1)
	[ "$r" = fail ] && fails=$((fails + 1)) || r_ours="$r_ours $r"
	r=$(rate "ipxe-$i" "$ipxe" 2>/dev/null | tail -n 1)
	[ "$r" = fail ] && fails=$((fails + 1)) || r_ipxe="$r_ipxe $r"
done
m_ours=$(median <<<"$r_ours")
m_ipxe=$(median <<<"$r_ipxe")
echo "int13-read: QEMU TCG, $nic, tgt, 64 MiB by INT 13h AH=42h (127 blocks a call), $runs runs each, MiB/s"
printf '  %-14s median %7s  (runs:%s)\n' cxboot.lkrn "$m_ours" "$r_ours"
printf '  %-14s median %7s  (runs:%s)\n' ipxe.lkrn "$m_ipxe" "$r_ipxe"
echo "  ratio cxboot/iPXE: $(ratio "$m_ours" "$m_ipxe")"
[ "$fails" = 0 ] || echo "  $fails run(s) did not finish"
