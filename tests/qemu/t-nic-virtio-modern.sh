#!/bin/bash
# virtio-net through its modern transport only (virtio 1.0, PCI vendor
# capabilities; QEMU disable-legacy=on makes it device 1af4:1041):
# DHCP, ping, a TFTP download checked by hash, link state, reopen.
. "$(dirname "$0")/nic.sh"
nic_test virtio-modern 1 virtio-net-pci,disable-legacy=on virtio-net \
	"${1:-bin/cxboot.lkrn}"
