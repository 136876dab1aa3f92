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
. "$(dirname "$0")/fetch-lib.sh"

RUNS=3
SIZE_MIB=64

cxt_init bench-tftp 20 "$@"
cxt_link
cxt_mkfile big $((SIZE_MIB << 20))
WANT=$(cxt_sha big)

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

cxt_atftpd
ATFTPD=$LAST_PID
windowed=$(measure fetch_once "$BIN" --net "$CIF")
window=$(sed -n 's/.*windowsize option -> \([0-9]*\).*/\1/p' \
	"$WORK/atftpd.log" | head -n 1)
cxt_stop "$ATFTPD"

cxt_atftpd --no-windowsize
lockstep=$(measure fetch_once "$BIN" --net "$CIF")
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
