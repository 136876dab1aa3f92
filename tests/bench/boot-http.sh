#!/bin/bash
# tests/bench/boot.sh with the script, kernel and initrd fetched over
# HTTP from nginx (DHCP's filename an http:// URI).
BENCH_PROTO=http exec "$(dirname "$0")/boot.sh" "$@"
