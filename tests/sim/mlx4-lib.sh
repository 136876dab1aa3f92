# Helpers for the mlx4 driver tests against the ConnectX model, on top
# of tests/net/lib.sh.  BIN (from the argument or CXT_BIN) is
# bin-linux/cxboot-sim; the model's port 1 is bridged to c0.  Every run
# uses the model seed $CX_SEED (default 1; tests/sim/run-all varies it)
# and leaves the model's HCR trace in $WORK/trace and its counters in
# $WORK/stats.
#
#   cx_run TIMEOUT CXOPTS   the binary with --connectx port1=eth:c0,CXOPTS
#                           (CXOPTS may be empty, or name port1 itself);
#                           stdin is the script; sets RC, $WORK/out like
#                           cxt_run
#   cx_mac                  the MAC net0 reports in the last run's ifstat
#   cx_stat NAME            a counter of the last run (leaks, dma_faults,
#                           tx_frames, ...; see tests/sim/README)
#   cx_ops                  the opcodes of the last run's HCR commands that
#                           succeeded, one per line
#   cx_count OP             how many commands with opcode OP (0x0NN) ran
#   expect_stat NAME OP N   assert on a counter (OP as for expect_cmp)
#   expect_torn_down        the last run ended with the device as the
#                           driver found it: every context it created
#                           given back, ports closed, CLOSE_HCA the last
#                           command but the ICM/firmware unmapping, no
#                           leaks and no DMA faults
. "$(dirname "${BASH_SOURCE[0]}")/../net/lib.sh"

CX_SEED=${CX_SEED:-1}

cx_run() {
	local limit=$1 opts=port1=eth:$CIF${2:+,$2}

	case ${2:-} in port1=*) opts=$2 ;; esac
	case ,$opts in *,seed=*) ;; *) opts=$opts,seed=$CX_SEED ;; esac
	rm -f "$WORK/trace" "$WORK/stats"
	cxt_log "model: $opts"
	CXT_NETS="--connectx $opts,trace=$WORK/trace,stats=$WORK/stats" \
		cxt_run "$limit"
}

cx_mac() {
	sed -n 's/^net0: \([0-9a-f:]\{17\}\) using .*/\1/p' "$WORK/out" | head -n 1
}

cx_stat() {
	[ -f "$WORK/stats" ] || { echo missing; return; }
	tr ' ' '\n' <"$WORK/stats" | sed -n "s/^$1=//p"
}

cx_ops() {
	[ -f "$WORK/trace" ] || return 0
	sed -n 's/^hcr op=\(0x[0-9a-f]*\) .* status=0x00\( .*\)\{0,1\}$/\1/p' \
		"$WORK/trace"
}

cx_count() {
	cx_ops | grep -cx "$1" || true
}

expect_stat() {
	expect_cmp "model counter $1" "$(cx_stat "$1")" "$2" "$3"
}

# Opcodes (CONNECTX-FACTS): INIT_HCA 0x007 / CLOSE_HCA 0x008,
# SW2HW_MPT 0x00d / HW2SW_MPT 0x00f, SW2HW_EQ 0x013 / HW2SW_EQ 0x014,
# SW2HW_CQ 0x016 / HW2SW_CQ 0x017, INIT_PORT 0x009 / CLOSE_PORT 0x00a;
# the unmapping after CLOSE_HCA: UNMAP_ICM 0xff9, UNMAP_ICM_AUX 0xffb,
# UNMAP_FA 0xffe.
expect_torn_down() {
	local pair tail

	expect_stat leaks -eq 0
	expect_stat dma_faults -eq 0
	for pair in 0x007:0x008 0x00d:0x00f 0x013:0x014 0x016:0x017 \
		0x009:0x00a; do
		expect_eq "commands ${pair#*:} after as many ${pair%:*}" \
			"$(cx_count "${pair#*:}")" "$(cx_count "${pair%:*}")"
	done
	if [ "$(cx_count 0x007)" -gt 0 ]; then
		tail=$(cx_ops | sed -n '/^0x008$/h; /^0x008$/!H; ${x;p}' |
			{ grep -vx '0x008\|0xff9\|0xffb\|0xffe' || true; } |
			tr '\n' ' ')
		expect_eq "commands after the last CLOSE_HCA but unmapping" \
			"$tail" ""
	fi
	expect_eq "last command" "$(cx_ops | tail -n 1)" 0xffe
}
