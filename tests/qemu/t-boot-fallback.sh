#!/bin/bash
# Autoboot goes on to the next NIC when one cannot boot: net0 (virtio)
# is told to boot a file the TFTP server does not have, net1 (e1000)
# gets a working script, and Linux comes up from net1.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netboot-lib.sh"
qt_init boot-fallback "${1:-bin/cxboot.lkrn}"
nb_init 61
nb_tap tap0
nb_tap tap1

MAC0=52:54:00:61:00:01
MAC1=52:54:00:61:00:02
marker=fallback-$RANDOM$$
nb_script boot.ipxe "#!ipxe\nkernel vmlinuz console=ttyS0 panic=-1 quiet \
cxmarker=$marker\ninitrd initrd.gz\nboot\n"
nb_dnsmasq "--dhcp-host=$MAC0,set:first" "--dhcp-boot=tag:first,nosuch.ipxe" \
	"--dhcp-boot=tag:!first,boot.ipxe"
nb_nic virtio-net-pci tap0 "$MAC0"
nb_nic e1000 tap1 "$MAC1"
qt_boot two -nographic -kernel "$IMAGE" "${NB_NICS[@]}"
expect_output "net0 configured" "DHCP (net0 $MAC0)... ok" 60
expect_output "net0's file is missing" "nosuch.ipxe..." 30
expect_output "then net1" "DHCP (net1 $MAC1)... ok" 60
expect_output "net1 boots Linux" "PAYLOAD-OK marker=$marker extra=none" 120
qt_wait_exit 60 || true
expect_true "net0 tried first" \
	'[ "$(grep -abo "DHCP (net0" "$QT_LOG" | cut -d: -f1)" -lt \
	   "$(grep -abo "DHCP (net1" "$QT_LOG" | cut -d: -f1)" ]'
qt_finish
