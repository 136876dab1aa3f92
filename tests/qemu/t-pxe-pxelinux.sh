#!/bin/bash
# Chainloading PXE network boot programs from the .lkrn through our PXE
# API: DHCP hands out Debian's pxelinux.0, which loads ldlinux.c32, its
# configuration, the payload kernel and initrds over our PXE TFTP calls,
# and Linux prints the marker from the command line the configuration
# gave it.  Then lpxelinux.0 with kernel and initrds over http:// (our
# FILE calls).  Then programs of our own (assembled here): one that
# prints on COM1 and returns, and an empty one; the firmware goes on
# after each.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netboot-lib.sh"
qt_init pxe-pxelinux "${1:-bin/cxboot.lkrn}"
PXELINUX=/usr/lib/PXELINUX
BIOSMOD=/usr/lib/syslinux/modules/bios
[ -f "$PXELINUX/pxelinux.0" ] && [ -f "$BIOSMOD/ldlinux.c32" ] ||
	qt_skip "pxelinux not installed"
nb_init 67
nb_tap tap0
cp "$PXELINUX/pxelinux.0" "$PXELINUX/lpxelinux.0" "$BIOSMOD/ldlinux.c32" \
	"$TFTP/"
mkdir -p "$TFTP/pxelinux.cfg"
MAC=52:54:00:67:00:01

# pxelinux_boot TAG NBP PREFIX: boot NBP, whose configuration names the
# kernel and initrds as PREFIX/name, to the marker.
pxelinux_boot() {
	local tag=$1 nbp=$2 prefix=$3 marker=$1-$RANDOM$$

	printf 'DEFAULT linux\nLABEL linux\n KERNEL %s\n APPEND initrd=%s,%s console=ttyS0 panic=-1 quiet cxmarker=%s\n' \
		"${prefix}vmlinuz" "${prefix}initrd.gz" "${prefix}extra.gz" \
		"$marker" >"$TFTP/pxelinux.cfg/default"
	# (nb_dnsmasq_stop ends every server)
	nb_dnsmasq_stop
	nb_dnsmasq "--dhcp-boot=$nbp"
	nb_nginx
	NB_NICS=()
	nb_nic virtio-net-pci tap0 "$MAC"
	qt_boot "$tag" -nographic -kernel "$IMAGE" "${NB_NICS[@]}"
	expect_output "$tag: DHCP" "DHCP (net0 $MAC)... ok" 60
	expect_output "$tag: Linux from $nbp runs /init with its command line and both initrds" \
		"PAYLOAD-OK marker=$marker extra=second" 180
	if qt_wait_exit 60; then
		qt_pass "$tag: Linux powered the machine off"
	else
		qt_fail "$tag: Linux powered the machine off"
	fi
}

pxelinux_boot pxelinux pxelinux.0 ""
expect_true "pxelinux: ldlinux.c32 and the configuration came by TFTP" \
	"grep -q 'sent .*ldlinux.c32' '$WORK/dnsmasq.log' &&
	 grep -q 'sent .*pxelinux.cfg/default' '$WORK/dnsmasq.log'"
pxelinux_boot lpxelinux lpxelinux.0 "http://$SRV_IP/"
expect_true "lpxelinux: kernel and initrds came by HTTP" \
	"grep -q 'GET /vmlinuz' '$WORK/access.log' &&
	 grep -q 'GET /extra.gz' '$WORK/access.log'"
qt_finish
