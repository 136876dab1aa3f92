#!/bin/bash
# Intel 82540EM (QEMU e1000, 8086:100e): DHCP, ping, a TFTP download
# checked by hash, link state, reopen.
. "$(dirname "$0")/nic.sh"
nic_test e1000 3 e1000 e1000 "${1:-bin/cxboot.lkrn}"
