# Timed fetches for the download benchmarks, sourced after
# tests/net/lib.sh and cxt_init.  The client is configured statically
# beforehand, so only the transfer is timed.
#
#   fetch_once PROG ARGS...   one fetch of $TFTP/big by PROG (the hosted
#                             program) with ARGS, from $FETCH_URI
#                             (tftp://$SRV_IP/big if unset): microseconds,
#                             or "fail" when it failed or hashed wrong
#                             ($WANT)
#   measure FETCH ARGS...     median MiB/s of $RUNS runs of FETCH ARGS
#                             (fetch_once, or a reference client's
#                             function that prints the same); "-" if any
#                             failed; $SIZE_MIB is the file's size
#   ratio A B                 A / B, or "-"

# Read the client's output until a line matches RE (or 300 s pass).
read_until() {
	local line
	while IFS= read -r -t 300 line <&"$FROM"; do
		[[ $line =~ $1 ]] && { LINE=$line; return 0; }
	done
	LINE=
	return 1
}

fetch_once() {
	local t0 t1 ok=

	coproc CX {
		ip netns exec "$CNS" timeout 600 "$@" 2>>"$WORK/err"
	}
	# Own copies: bash drops CX's descriptors when the client exits.
	exec {FROM}<&"${CX[0]}" {TO}>&"${CX[1]}"
	{ cxt_static; echo "echo ready"; } >&"$TO"
	if read_until '^ready$'; then
		t0=$(date +%s%N)
		echo "imgfetch ${FETCH_URI:-tftp://$SRV_IP/big}" \
			"&& echo DONE || echo FAILED" >&"$TO"
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

measure() {
	local i us all=()
	for i in $(seq "$RUNS"); do
		us=$("$@")
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
