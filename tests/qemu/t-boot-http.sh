#!/bin/bash
# Network boot over HTTP: the .lkrn autoboots, DHCP (dnsmasq) names an
# http:// script on nginx, and the script's kernel and two initrds, given
# as relative names, come from nginx over the script's own connection;
# Linux's /init prints the marker from the command line, then powers
# off.  With virtio-net and e1000.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netboot-lib.sh"
qt_init boot-http "${1:-bin/cxboot.lkrn}"
command -v nginx >/dev/null || qt_skip "nginx not installed"
nb_init 61
nb_tap tap0

MAC=52:54:00:61:00:01
for model in virtio-net-pci e1000; do
	marker=$model-$RANDOM$$
	nb_script "boot-$model.ipxe" "#!ipxe\nkernel vmlinuz console=ttyS0 \
panic=-1 quiet cxmarker=$marker\ninitrd initrd.gz\ninitrd extra.gz\nboot\n"
	# (Stopping dnsmasq stops every server started here.)
	nb_dnsmasq_stop
	nb_dnsmasq "--dhcp-boot=http://$SRV_IP/boot-$model.ipxe"
	: >"$WORK/access.log"
	nb_nginx
	NB_NICS=()
	nb_nic "$model" tap0 "$MAC"
	qt_boot "$model" -nographic -kernel "$IMAGE" "${NB_NICS[@]}"
	expect_output "$model: DHCP" "DHCP (net0 $MAC)... ok" 60
	expect_output "$model: script fetched over HTTP" \
		"http://$SRV_IP/boot-$model.ipxe... ok" 30
	expect_output "$model: Linux runs /init with our command line and both initrds" \
		"PAYLOAD-OK marker=$marker extra=second" 120
	if qt_wait_exit 60; then
		qt_pass "$model: Linux powered the machine off"
	else
		qt_fail "$model: Linux powered the machine off"
	fi
	# Script, kernel and both initrds: four requests on one connection.
	if [ "$(awk '{print $1, $2, $3}' "$WORK/access.log" | tr '\n' ' ')" = \
	     "$(awk 'NR == 1 {c = $1} END {for (i = 1; i <= 4; i++) printf "%s %d 200 ", c, i}' "$WORK/access.log")" ]; then
		qt_pass "$model: four requests over one connection"
	else
		qt_fail "$model: four requests over one connection: $(cat "$WORK/access.log")"
	fi
done
qt_finish
