#!/bin/bash
# TFTP throughput over a veth pair, 64 MiB, side by side in one run:
# cxboot with RFC 7440 windows (atftpd), cxboot lock-step (atftpd
# --no-windowsize) and curl's lock-step client as the reference.  Each is
# run three times; the medians and their ratios are printed.  Only the
# transfer is timed: the client is configured statically beforehand.
#
#   tests/bench/tftp.sh BIN
set -euo pipefail
. "$(dirname "$0")/../net/lib.sh"

RUNS=3
SIZE_MIB=64

cxt_init bench-tftp 20 "$@"
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

# One cxboot fetch; prints the seconds the transfer took, or "fail".
cxboot_once() {
	local t0 t1 ok=

	coproc CX {
		ip netns exec "$CNS" timeout 600 "$BIN" --net "$CIF" \
			2>>"$WORK/err"
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

curl_once() {
	local t0 t1
	t0=$(date +%s%N)
	in_cli curl -s --tftp-blksize 1468 -o "$WORK/curl.out" \
		"tftp://$SRV_IP/big" || { echo fail; return; }
	t1=$(date +%s%N)
	if [ "$(sha256sum <"$WORK/curl.out" | cut -d' ' -f1)" = "$WANT" ]; then
		echo $(( (t1 - t0) / 1000 ))
	else
		echo fail
	fi
}

# Median MiB/s of RUNS runs of $1 ("-" if any run failed).
measure() {
	local i us all=()
	for i in $(seq "$RUNS"); do
		us=$("$1")
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

cxt_atftpd
ATFTPD=$LAST_PID
windowed=$(measure cxboot_once)
window=$(sed -n 's/.*windowsize option -> \([0-9]*\).*/\1/p' \
	"$WORK/atftpd.log" | head -n 1)
cxt_stop "$ATFTPD"

cxt_atftpd --no-windowsize
lockstep=$(measure cxboot_once)
# curl needs the kernel's own stack on the client end.
in_cli ip addr replace "$CLI_IP/24" dev "$CIF"
reference=$(measure curl_once)

echo "tftp: $SIZE_MIB MiB over veth (MTU 1500), median of $RUNS runs, MiB/s"
printf '  %-44s %8s\n' \
	"cxboot windowed (atftpd, windowsize ${window:-?})" "$windowed" \
	"cxboot lock-step (atftpd --no-windowsize)" "$lockstep" \
	"curl lock-step (--tftp-blksize 1468)" "$reference"
printf '  %-44s %8s\n' \
	"windowed / lock-step" "$(ratio "$windowed" "$lockstep")" \
	"cxboot lock-step / curl" "$(ratio "$lockstep" "$reference")"
if grep -Eq "ERROR: AddressSanitizer|runtime error:" "$WORK/err"; then
	echo "  (sanitizer reports in $WORK/err)"
	CXT_KEEP=1
fi
