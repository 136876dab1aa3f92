#!/bin/bash
# TFTP 64 MiB over the modelled ConnectX port (bin-linux/cxboot-sim
# --connectx, the mlx4 driver) beside the same fetch over --net on the
# same kind of veth link, in one run: windowed (atftpd, RFC 7440) both
# ways, and lock-step (atftpd --no-windowsize) over the model.  Medians
# of RUNS runs in MiB/s, and the ratios model / --net (the driver's
# cost) and windowed / lock-step over the model.  Only the transfer is
# timed: the client is configured statically beforehand.
#
#   tests/bench/connectx.sh BIN    (cxboot-sim is taken beside BIN)
set -euo pipefail
. "$(dirname "$0")/../net/lib.sh"

RUNS=${RUNS:-3}
SIZE_MIB=64

cxt_init bench-connectx 21 "$@"
SIM=$(dirname "$BIN")/cxboot-sim
[ -x "$SIM" ] || cxt_die "$SIM: not built"
cxt_link
cxt_mkfile big $((SIZE_MIB << 20))
WANT=$(cxt_sha big)

# Read the client's output until a line matches RE (or 300 s pass).
read_until() {
	local line
	while IFS= read -r -t 300 line <&"$FROM"; do
		[[ $line =~ $1 ]] && { LINE=$line; return 0; }
	done
	LINE=
	return 1
}

# One fetch by cxboot-sim with ARGS; prints the microseconds the
# transfer took, or "fail".
fetch_once() {
	local t0 t1 ok=

	coproc CX {
		ip netns exec "$CNS" timeout 600 "$SIM" "$@" 2>>"$WORK/err"
	}
	# Own copies: bash drops CX's descriptors when the client exits.
	exec {FROM}<&"${CX[0]}" {TO}>&"${CX[1]}"
	{ cxt_static; echo "echo ready"; } >&"$TO"
	if read_until '^ready$'; then
		t0=$(date +%s%N)
		echo "imgfetch tftp://$SRV_IP/big && echo DONE || echo FAILED" >&"$TO"
		read_until '^(DONE|FAILED)$' || true
		t1=$(date +%s%N)
		if [ "$LINE" = DONE ]; then
			echo "sha256sum big" >&"$TO"
			read_until ' big$' && [ "${LINE%% *}" = "$WANT" ] && ok=1
		fi
	fi
	echo "exit" 1>&"$TO" 2>/dev/null || true
	exec {TO}>&- {FROM}<&-
	wait "$CX_PID" 2>/dev/null || true
	if [ -n "$ok" ]; then
		echo $(( (t1 - t0) / 1000 ))
	else
		echo fail
	fi
}

# Median MiB/s of RUNS fetches with ARGS ("-" if any run failed).
measure() {
	local i us all=()
	for i in $(seq "$RUNS"); do
		us=$(fetch_once "$@")
		all+=("$us")
		[ "$us" = fail ] && { echo "-"; return; }
	done
	printf '%s\n' "${all[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p" |
		awk -v m="$SIZE_MIB" '{ printf "%.1f\n", m / ($1 / 1e6) }'
}

ratio() {
	if [ "$1" = - ] || [ "$2" = - ]; then
		echo "-"
	else
		awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", a / b }'
	fi
}

MODEL=(--connectx "port1=eth:$CIF")
cxt_atftpd
ATFTPD=$LAST_PID
model=$(measure "${MODEL[@]}")
net=$(measure --net "$CIF")
window=$(sed -n 's/.*windowsize option -> \([0-9]*\).*/\1/p' \
	"$WORK/atftpd.log" | head -n 1)
cxt_stop "$ATFTPD"
cxt_atftpd --no-windowsize
lockstep=$(measure "${MODEL[@]}")

echo "connectx: TFTP $SIZE_MIB MiB from atftpd over veth (MTU 1500)," \
	"median of $RUNS runs, MiB/s"
printf '  %-50s %8s\n' \
	"windowed over the model (mlx4, windowsize ${window:-?})" "$model" \
	"windowed over --net (same link)" "$net" \
	"lock-step over the model (atftpd --no-windowsize)" "$lockstep"
printf '  %-50s %8s\n' \
	"model / --net (target >= 0.80)" "$(ratio "$model" "$net")" \
	"windowed / lock-step over the model (target >= 5)" \
	"$(ratio "$model" "$lockstep")"
if grep -Eq "ERROR: AddressSanitizer|runtime error:" "$WORK/err"; then
	echo "  (sanitizer reports in $WORK/err)"
	CXT_KEEP=1
fi
