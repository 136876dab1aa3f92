#!/bin/bash
# Bad commands fail with a message and a non-zero status, and the shell
# carries on; the exit status follows the last command or "exit N".
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init shell-errors 10 "$@"
cxt_link

bad=(
	"nosuchcommand"
	"nosuchcommand with arguments"
	"imgfetch"
	"imgfetch bogus://$SRV_IP/x"
	"imgfetch tftp://"
	"imgfetch --nosuchoption tftp://$SRV_IP/x"
	"show nosuch"
	"sha256sum nosuchimage"
	"imgfree nosuchimage"
	"ifopen net9"
	"ifstat net9"
	"dhcp net9"
	"set"
	'isset ${nosuch}'
	"iseq a b"
)
{
	for i in "${!bad[@]}"; do
		echo "echo before-$i"
		echo "${bad[$i]} || echo failed-$i"
	done
	echo "echo alive"
} >"$WORK/script"
cxt_run 60 <"$WORK/script"
expect_rc 0
expect_line "alive"
for i in "${!bad[@]}"; do
	expect_line "failed-$i"
	# What the failing command printed, between the two markers.
	msg=$(sed -n "/^before-$i\$/,/^failed-$i\$/p" "$WORK/out" | sed '1d;$d')
	case ${bad[$i]} in
	isset* | iseq*) ;; # these fail quietly, like a shell's test
	*)
		if [ -n "$msg" ]; then
			cxt_pass "'${bad[$i]}' said: $msg"
		else
			cxt_fail "'${bad[$i]}' failed without a message"
		fi
		;;
	esac
done

cxt_run 10 <<EOF
echo one
nosuchcommand
EOF
expect_rc 1
expect_line "one"

cxt_run 10 <<EOF
nosuchcommand
echo two
EOF
expect_rc 0

cxt_run 10 <<EOF
exit 7
echo not-reached
EOF
expect_rc 7
expect_no_contains "not-reached"

# A script stops at its first failing command and exits with failure.
printf '#!ipxe\necho first\nnosuchcommand\necho not-reached\n' >"$WORK/t.ipxe"
cxt_run 10 "$WORK/t.ipxe" </dev/null
expect_rc 1
expect_line "first"
expect_no_contains "not-reached"
cxt_finish
