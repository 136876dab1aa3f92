#!/bin/bash
# HTTP throughput over a veth pair, 256 MiB from nginx, side by side in
# one run: cxboot (hosted, its own TCP) and curl (the kernel's TCP on the
# same link) fetching the same file, three runs each; the medians and
# their ratio are printed.  Only the transfer is timed: cxboot is
# configured statically beforehand.
#
#   tests/bench/http.sh BIN
set -euo pipefail
. "$(dirname "$0")/../net/lib.sh"
. "$(dirname "$0")/fetch-lib.sh"

RUNS=3
SIZE_MIB=256

cxt_init bench-http 23 "$@"
cxt_link
cxt_mkfile big $((SIZE_MIB << 20))
WANT=$(cxt_sha big)
cxt_nginx
FETCH_URI=http://$SRV_IP/big

curl_once() {
	local t0 t1
	t0=$(date +%s%N)
	in_cli curl -s -o "$WORK/curl.out" "$FETCH_URI" ||
		{ echo fail; return; }
	t1=$(date +%s%N)
	if [ "$(sha256sum <"$WORK/curl.out" | cut -d' ' -f1)" = "$WANT" ]; then
		echo $(( (t1 - t0) / 1000 ))
	else
		echo fail
	fi
	rm -f "$WORK/curl.out"
}

cxboot=$(measure fetch_once "$BIN" --net "$CIF")
# curl needs the kernel's own stack on the client end.
in_cli ip addr replace "$CLI_IP/24" dev "$CIF"
reference=$(measure curl_once)

echo "http: $SIZE_MIB MiB from nginx over veth (MTU 1500), median of $RUNS runs, MiB/s"
printf '  %-44s %8s\n' \
	"cxboot (hosted)" "$cxboot" \
	"curl" "$reference" \
	"cxboot / curl (target >= 0.9)" "$(ratio "$cxboot" "$reference")"
if grep -Eq "ERROR: AddressSanitizer|runtime error:" "$WORK/err"; then
	echo "  (sanitizer reports in $WORK/err)"
	CXT_KEEP=1
fi
