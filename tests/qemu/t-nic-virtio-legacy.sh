#!/bin/bash
# virtio-net through its legacy transport only (virtio 0.9.5, I/O BAR 0;
# QEMU disable-modern=on leaves no vendor capabilities): DHCP, ping, a
# TFTP download checked by hash, link state, reopen.
. "$(dirname "$0")/nic.sh"
nic_test virtio-legacy 2 virtio-net-pci,disable-modern=on virtio-net \
	"${1:-bin/cxboot.lkrn}"
