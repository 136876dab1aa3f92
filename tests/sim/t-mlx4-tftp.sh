#!/bin/bash
# TFTP from atftpd with RFC 7440 windows over the model, on port 1 (net0)
# and on port 2 (net1, port 1 on a link nobody serves): 0 B, 1 B and
# 64 MiB (also with the sanitizer build) hash right, the
# window asked is the driver's receive ring capped by TFTP's 64, and no
# error completion, DMA fault or leak is left.
set -euo pipefail
. "$(dirname "$0")/mlx4-lib.sh"

cxt_init mlx4-tftp 46 "$@"
cxt_link
ip -n "$CNS" link add c1 type veth peer name s1
ip -n "$CNS" link set c1 up
ip -n "$CNS" link set s1 up
cxt_mkfile empty 0
cxt_mkfile one 1
cxt_mkfile big $((64 << 20))
cxt_atftpd

# fetch_all DEV: the script fetching and hashing the three files on DEV.
fetch_all() {
	printf 'set %s/ip %s\nset %s/netmask 255.255.255.0\nifopen %s\n' \
		"$1" "$CLI_IP" "$1" "$1"
	for f in empty one big; do
		echo "imgfetch tftp://$SRV_IP/$f"
		echo "sha256sum $f"
		echo "imgfree $f"
	done
	echo "ifstat $1"
	echo "ifclose $1"
}

for port in 1 2; do
	dev=net$((port - 1))
	opts=port1=eth:$CIF
	[ "$port" = 1 ] || opts=port1=eth:c1,port2=eth:$CIF
	logged=$(wc -l <"$WORK/atftpd.log")
	fetch_all "$dev" >"$WORK/script"
	cx_run 600 "$opts" <"$WORK/script"
	expect_rc 0
	expect_hash empty
	expect_hash one
	expect_hash big
	expect_match "RXE:0\]"
	windows=$(tail -n +$((logged + 1)) "$WORK/atftpd.log" |
		sed -n 's/.*windowsize option -> \([0-9]*\).*/\1/p' |
		sort -u | tr '\n' ' ')
	expect_eq "windows asked on port $port" "$windows" "64 "
	expect_stat error_cqes -eq 0
	expect_torn_down
done
cxt_finish
