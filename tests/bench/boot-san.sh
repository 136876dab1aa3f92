#!/bin/bash
# tests/bench/boot.sh booting from an iSCSI disk (SYSLINUX reading the
# kernel and initrd through INT 13h) over virtio-net.
BENCH_PROTO=iscsi BENCH_NIC=${BENCH_NIC:-virtio-net-pci} \
	exec "$(dirname "$0")/boot.sh" "$@"
