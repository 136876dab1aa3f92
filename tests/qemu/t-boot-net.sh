#!/bin/bash
# Network boot of a real operating system: the .lkrn autoboots, gets
# its address and a filename from DHCP (dnsmasq), fetches that script
# over TFTP, and the script loads Debian's kernel with a command line
# and two initrds; Linux's /init prints the marker from the command line
# and what the second initrd holds, then powers off.  Once with
# virtio-net and a filename that needs ${...} expansion, once with e1000
# and a filename that is a whole URI.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netboot-lib.sh"
qt_init boot-net "${1:-bin/cxboot.lkrn}"
nb_init 60
nb_tap tap0

MAC=52:54:00:60:00:01
HEX=52-54-00-60-00-01
for model in virtio-net-pci e1000; do
	marker=$model-$RANDOM$$
	nb_script "boot-$model.ipxe" "#!ipxe\nkernel vmlinuz console=ttyS0 \
panic=-1 quiet cxmarker=$marker\ninitrd initrd.gz\ninitrd extra.gz\nboot\n"
	if [ "$model" = e1000 ]; then
		file="tftp://$SRV_IP/boot-$model.ipxe"
	else
		# dnsmasq hands the text over as it is; we expand it.
		file='boot-${mac:hexhyp}.ipxe'
		cp "$TFTP/boot-$model.ipxe" "$TFTP/boot-$HEX.ipxe"
	fi
	nb_dnsmasq_stop
	nb_dnsmasq "--dhcp-boot=$file"
	NB_NICS=()
	nb_nic "$model" tap0 "$MAC"
	t0=$(qt_now)
	qt_boot "$model" -nographic -kernel "$IMAGE" "${NB_NICS[@]}"
	expect_output "$model: DHCP" "DHCP (net0 $MAC)... ok" 60
	expect_output "$model: script fetched" "boot-" 30
	expect_output "$model: Linux runs /init with our command line and both initrds" \
		"PAYLOAD-OK marker=$marker extra=second" 120
	t1=$(qt_now)
	if qt_wait_exit 60; then
		qt_pass "$model: Linux powered the machine off"
	else
		qt_fail "$model: Linux powered the machine off"
	fi
	qt_log "$model: marker after $(echo "$t1 - $t0" | bc) s"
done
qt_finish
