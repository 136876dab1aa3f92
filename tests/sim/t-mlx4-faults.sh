#!/bin/bash
# Failures end in an error, never a hang: a failing INIT_PORT makes
# ifopen fail and leaves the device usable for a later open; error
# completions are counted in ifstat; a link that never comes up makes
# DHCP time out.
set -euo pipefail
. "$(dirname "$0")/mlx4-lib.sh"

cxt_init mlx4-faults 42 "$@"
cxt_link
cxt_mkfile mib $((1 << 20))
cxt_dnsmasq dnsmasq "${DNSMASQ_TFTP[@]}"

cx_run 60 fault=cmd:0x009:4 <<EOF
ifopen net0
ifstat net0
