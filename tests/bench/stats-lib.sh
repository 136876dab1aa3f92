# Figures for the benchmarks that time runs side by side, sourced by
# them (run-all skips *-lib.sh):
#   median             of the numbers on stdin (spaces or lines), "n/a"
#                      if none
#   ratio A B          A / B, "n/a" unless both are positive numbers
#   minus A B          A - B, likewise
#   marker_rate MIB S  MiB/s of a download of MIB MiB timed between the
#                      markers FETCH-START and FETCH-DONE (due within S
#                      seconds) on the console of the QEMU that
#                      tests/qemu/lib.sh's qt_boot started, which is then
#                      stopped; "fail" if a marker did not come

median() {
	tr ' ' '\n' | { grep -v '^$' || true; } | sort -g |
		awk '{ v[NR] = $1 } END {
			if (NR == 0) print "n/a";
			else if (NR % 2) printf "%.2f\n", v[(NR + 1) / 2];
			else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b;
		else printf "n/a" }'
}

minus() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a - b;
		else printf "n/a" }'
}

marker_rate() {
	local t0 t1 rate=fail

	if qt_wait "FETCH-START" 120; then
		t0=$(qt_now)
		if qt_wait "FETCH-DONE" "$2"; then
			t1=$(qt_now)
			rate=$(awk -v a="$t0" -v b="$t1" -v m="$1" \
				'BEGIN { printf "%.2f", m / (b - a) }')
		fi
	fi
	qt_wait_exit 30 >/dev/null 2>&1 || true
	if [ -n "$QT_PID" ]; then
		kill "$QT_PID" 2>/dev/null || true
		wait "$QT_PID" 2>/dev/null || true
		QT_PID=
	fi
	echo "$rate"
}
