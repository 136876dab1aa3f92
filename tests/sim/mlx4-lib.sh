# Helpers for the mlx4 driver tests against the ConnectX model, on top
# of tests/net/lib.sh.  BIN (from the argument or CXT_BIN) is
# bin-linux/cxboot-sim; the model's port 1 is bridged to c0.
#
#   cx_run TIMEOUT CXOPTS   the binary with --connectx port1=eth:c0,CXOPTS
#                           (CXOPTS may be empty, or name port1 itself);
#                           stdin is the script; sets RC, $WORK/out like
#                           cxt_run
#   cx_mac                  the MAC net0 reports in the last run's ifstat
. "$(dirname "${BASH_SOURCE[0]}")/../net/lib.sh"

cx_run() {
	local limit=$1 opts=port1=eth:$CIF${2:+,$2}

	case ${2:-} in port1=*) opts=$2 ;; esac
	CXT_RUNS=$(( ${CXT_RUNS:-0} + 1 ))
	set +e
	ip netns exec "$CNS" timeout -k 5 "$limit" "$BIN" --connectx "$opts" \
		>"$WORK/out" 2>"$WORK/err"
	RC=$?
	set -e
	cp "$WORK/out" "$WORK/out.$CXT_RUNS"
	cxt_log "run $CXT_RUNS ($opts): status $RC"
	if grep -Eq "ERROR: AddressSanitizer|runtime error:" "$WORK/err"; then
		cxt_fail "sanitizer report in run $CXT_RUNS" \
			"$(head -n 30 "$WORK/err")"
	fi
	if [ "$RC" = 124 ] || [ "$RC" = 137 ]; then
		cxt_fail "run $CXT_RUNS timed out after $limit s" \
			"$(tail -n 20 "$WORK/out")"
	fi
	return 0
}

cx_mac() {
	sed -n 's/^net0: \([0-9a-f:]\{17\}\) using .*/\1/p' "$WORK/out" | head -n 1
}
