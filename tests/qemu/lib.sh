# Helpers for the QEMU tests, sourced by each tests/qemu/t-*.sh.
#
# A test boots a BIOS image in QEMU (TCG) and talks to the firmware's
# console over the emulated COM1: QEMU's serial port is its stdin and
# stdout, the test writes to a fifo and reads a log with deadlines.
#
#   qt_init NAME IMAGE        work dir and exit trap (kills QEMU)
#   qt_boot TAG ARGS...       start QEMU (-kernel etc. in ARGS); the
#                             console output goes to $WORK/TAG.log
#   qt_send TEXT              type TEXT and Enter
#   qt_type TEXT              type TEXT (printf %b escapes: \033[D ...)
#   qt_wait TEXT [SECS]       wait until TEXT appears in the output after
#                             the last match; 1 if it does not in time
#   qt_wait_exit [SECS]       wait for QEMU to end by itself
#   qt_now                    wall time in seconds (fractional)
#   expect_*                  assertions: print expected vs got, count
#   qt_finish                 exit status from the assertions

set -euo pipefail
# Writing to a QEMU that has gone must fail the write, not kill the test.
trap '' PIPE

QT_FAILS=0
QT_PID=
QT_TIMEOUT=${QT_TIMEOUT:-120}
QEMU=${QEMU:-qemu-system-x86_64}

qt_log() { echo "# $*"; }

qt_skip() {
	echo "SKIP: $*"
	exit 77
}

qt_die() {
	echo "ERROR: $*"
	exit 1
}

qt_cleanup() {
	exec 3>&- 2>/dev/null || true
	if [ -n "$QT_PID" ] && kill -0 "$QT_PID" 2>/dev/null; then
		kill "$QT_PID" 2>/dev/null || true
		wait "$QT_PID" 2>/dev/null || true
	fi
	if [ "$QT_FAILS" = 0 ] && [ -z "${QT_KEEP:-}" ]; then
		rm -rf "$WORK"
	else
		echo "# logs kept in $WORK"
	fi
}

qt_init() {
	local name=$1 image=${2:-}

	command -v "$QEMU" >/dev/null || qt_skip "$QEMU not installed"
	[ -n "$image" ] || qt_die "usage: $0 IMAGE"
	[ -f "$image" ] || qt_die "$image: no such file"
	IMAGE=$(cd "$(dirname "$image")" && pwd)/$(basename "$image")
	QT_NAME=$name
	WORK=$(mktemp -d "/tmp/qt-$name.XXXXXX")
	trap qt_cleanup EXIT
}

# Start QEMU with the serial port on stdio.  -no-reboot turns the
# firmware's reset (after "exit") into QEMU ending.
qt_boot() {
	local tag=$1

	shift
	QT_LOG=$WORK/$tag.log
	QT_MARK=0
	rm -f "$WORK/in"
	mkfifo "$WORK/in"
	: >"$QT_LOG"
	timeout "$QT_TIMEOUT" "$QEMU" -accel tcg -no-reboot -nic none \
		-m 256 "$@" <"$WORK/in" >"$QT_LOG" 2>&1 &
	QT_PID=$!
	exec 3>"$WORK/in"
	qt_log "booted $tag: $QEMU $*"
}

# Type like a person, one key at a time, each once the console has
# answered the one before: a BIOS that reads the serial port for us
# (SeaBIOS under -nographic) polls it about 18 times a second and drops
# what does not fit its 16-byte buffer or the 15-key keyboard buffer, so
# a typist who runs ahead while the guest CPU is held up loses keys.
# Keys that the console does not echo (Ctrl-B at a banner) wait up to
# two seconds.  An escape sequence is one key and goes out in one piece.
qt_type() {
	local s i=0 key size

	s=$(printf '%b' "$1")
	while [ "$i" -lt "${#s}" ]; do
		key=${s:i:1}
		if [ "$key" = $'\033' ]; then
			key=$(expr "x${s:i}" : 'x\(.[[O][0-9;]*[A-Za-z~]\)') ||
				key=${s:i:1}
		fi
		i=$((i + ${#key}))
		size=$(stat -c %s "$QT_LOG")
		printf '%s' "$key" >&3 2>/dev/null || return 0
		qt_answered "$size"
	done
}

# Wait until the console has written past byte $1 of the log (at most
# two seconds).
qt_answered() {
	local deadline=$((SECONDS + 2))

	while [ "$(stat -c %s "$QT_LOG")" -le "$1" ] &&
		[ "$SECONDS" -lt "$deadline" ]; do
		sleep 0.01
	done
}

qt_send() {
	qt_type "$1\r"
}

# Look for TEXT after byte QT_MARK of the log; on a hit move QT_MARK past
# it, so that each wait consumes the output it matched.
qt_seek() {
	local at

	at=$(tail -c +"$((QT_MARK + 1))" "$QT_LOG" |
		grep -aboF -- "$1" | head -n 1 | cut -d: -f1) || true
	[ -n "$at" ] || return 1
	QT_MARK=$((QT_MARK + at + ${#1}))
}

qt_wait() {
	local text=$1 deadline=$((SECONDS + ${2:-30}))

	while ! qt_seek "$text"; do
		if [ "$SECONDS" -ge "$deadline" ] ||
		   ! kill -0 "$QT_PID" 2>/dev/null; then
			qt_seek "$text" && return 0
			return 1
		fi
		sleep 0.05
	done
}

qt_wait_exit() {
	local deadline=$((SECONDS + ${1:-30}))

	while kill -0 "$QT_PID" 2>/dev/null; do
		[ "$SECONDS" -lt "$deadline" ] || return 1
		sleep 0.1
	done
	wait "$QT_PID" 2>/dev/null || true
	QT_PID=
}

qt_now() {
	date +%s.%N
}

qt_pass() { echo "ok   - $1"; }

qt_fail() {
	echo "FAIL - $1"
	[ -z "${2:-}" ] || echo "       $2"
	QT_FAILS=$((QT_FAILS + 1))
}

# expect_output WHAT TEXT [SECS]: TEXT shows up on the console.
expect_output() {
	if qt_wait "$2" "${3:-30}"; then
		qt_pass "$1"
	else
		qt_fail "$1" "expected \"$2\" on the console; tail of output:"
		tail -c 400 "$QT_LOG" | tr -d '\033' | sed 's/^/       | /'
	fi
}

# expect_line WHAT LINE [SECS]: a whole output line is LINE, so typed
# input echoed back does not count.
expect_line() {
	local deadline=$((SECONDS + ${3:-30}))

	while ! grep -aqx -e "$2" -e "$2"$'\r' "$QT_LOG"; do
		if [ "$SECONDS" -ge "$deadline" ] ||
		   ! kill -0 "$QT_PID" 2>/dev/null; then
			if ! grep -aqx -e "$2" -e "$2"$'\r' "$QT_LOG"; then
				qt_fail "$1" "expected the line \"$2\""
				return
			fi
			break
		fi
		sleep 0.05
	done
	qt_pass "$1"
}

# expect_between WHAT VALUE LOW HIGH: LOW <= VALUE <= HIGH (decimals).
expect_between() {
	if awk -v v="$2" -v lo="$3" -v hi="$4" \
		'BEGIN { exit !(v >= lo && v <= hi) }'; then
		qt_pass "$1 ($2)"
	else
		qt_fail "$1" "expected between $3 and $4, got $2"
	fi
}

expect_true() {
	if eval "$2"; then
		qt_pass "$1"
	else
		qt_fail "$1" "false: $2"
	fi
}

qt_finish() {
	[ "$QT_FAILS" = 0 ]
}
