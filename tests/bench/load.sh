#!/bin/bash
# TFTP 64 MiB from atftpd with a busy loop on every core, over --net and
# over the modelled ConnectX port (cxboot-sim beside BIN): windowed
# (RFC 7440) and lock-step (atftpd --no-windowsize) under the same load,
# RUNS runs each.  Prints every run in MiB/s, then per path the median
# windowed / median lock-step (target >= 3) and the slowest windowed
# run / median lock-step (target >= 1.5).  Only the transfer is timed.
#
#   tests/bench/load.sh BIN
set -euo pipefail
. "$(dirname "$0")/../net/lib.sh"
. "$(dirname "$0")/fetch-lib.sh"

RUNS=${RUNS:-5}
SIZE_MIB=64

cxt_init bench-load 22 "$@"
SIM=$(dirname "$BIN")/cxboot-sim
[ -x "$SIM" ] || cxt_die "$SIM: not built"
cxt_link
cxt_mkfile big $((SIZE_MIB << 20))
WANT=$(cxt_sha big)
cxt_busy

declare -A RATES
PATHS=(net model)

# runs KIND: RUNS fetches on each path, rates appended to RATES[path KIND].
runs() {
	local i path us

	for i in $(seq "$RUNS"); do
		for path in "${PATHS[@]}"; do
			if [ "$path" = net ]; then
				us=$(fetch_once "$SIM" --net "$CIF")
			else
				us=$(fetch_once "$SIM" --connectx "port1=eth:$CIF")
			fi
			[ "$us" = fail ] && us=-
			[ "$us" = - ] ||
				us=$(awk -v m="$SIZE_MIB" -v t="$us" \
					'BEGIN { printf "%.1f", m / (t / 1e6) }')
			RATES[$path $1]+="$us "
		done
	done
}

# stat median|min RATES...: "-" if any run failed.
stat() {
	local how=$1

	shift
	case " $* " in *" - "*) echo "-"; return ;; esac
	printf '%s\n' "$@" | sort -n | if [ "$how" = min ]; then
		head -n 1
	else
		sed -n "$(( ($# + 1) / 2 ))p"
	fi
}

cxt_atftpd
ATFTPD=$LAST_PID
runs windowed
cxt_stop "$ATFTPD"
cxt_atftpd --no-windowsize
runs lockstep

echo "load: TFTP $SIZE_MIB MiB from atftpd over veth (MTU 1500) with a" \
	"busy loop on each of $(nproc) cores, $RUNS runs, MiB/s"
for path in "${PATHS[@]}"; do
	label="--net"
	[ "$path" = model ] && label="the model (mlx4)"
	printf '  %-28s windowed  %s\n' "$label" "${RATES[$path windowed]}"
	printf '  %-28s lock-step %s\n' "" "${RATES[$path lockstep]}"
	# shellcheck disable=SC2086
	med=$(stat median ${RATES[$path windowed]})
	# shellcheck disable=SC2086
	low=$(stat min ${RATES[$path windowed]})
	# shellcheck disable=SC2086
	lock=$(stat median ${RATES[$path lockstep]})
	printf '  %-50s %8s\n' \
		"  median windowed / lock-step (target >= 3)" \
		"$(ratio "$med" "$lock")" \
		"  slowest windowed / lock-step (target >= 1.5)" \
		"$(ratio "$low" "$lock")"
done
if grep -Eq "ERROR: AddressSanitizer|runtime error:" "$WORK/err"; then
	echo "  (sanitizer reports in $WORK/err)"
	CXT_KEEP=1
fi
