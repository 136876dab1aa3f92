# Figures for the benchmarks that time runs side by side, sourced by
# them (run-all skips *-lib.sh):
#   median             of the numbers on stdin (spaces or lines), "n/a"
#                      if none
#   ratio A B          A / B, "n/a" unless both are positive numbers
#   minus A B          A - B, likewise

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
