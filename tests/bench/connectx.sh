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
. "$(dirname "$0")/fetch-lib.sh"

RUNS=${RUNS:-3}
SIZE_MIB=64

cxt_init bench-connectx 21 "$@"
SIM=$(dirname "$BIN")/cxboot-sim
[ -x "$SIM" ] || cxt_die "$SIM: not built"
cxt_link
cxt_mkfile big $((SIZE_MIB << 20))
WANT=$(cxt_sha big)

MODEL=(--connectx "port1=eth:$CIF")
cxt_atftpd
ATFTPD=$LAST_PID
model=$(measure fetch_once "$SIM" "${MODEL[@]}")
net=$(measure fetch_once "$SIM" --net "$CIF")
window=$(sed -n 's/.*windowsize option -> \([0-9]*\).*/\1/p' \
	"$WORK/atftpd.log" | head -n 1)
cxt_stop "$ATFTPD"
cxt_atftpd --no-windowsize
lockstep=$(measure fetch_once "$SIM" "${MODEL[@]}")

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
