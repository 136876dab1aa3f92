#!/bin/bash
# tests/bench/boot.sh with pxelinux chained: DHCP names Debian's
# pxelinux.0, which loads the kernel and initrd through the firmware's
# PXE API.
BENCH_PROTO=pxelinux exec "$(dirname "$0")/boot.sh" "$@"
