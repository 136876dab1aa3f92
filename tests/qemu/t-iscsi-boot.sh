#!/bin/bash
# SAN boot from iSCSI (seed 001 §9.1): a disk holding SYSLINUX, the
# payload kernel and its initrds, exported by istgt as LUN 0 (the
# seed's root path form, empty LUN field) and by tgt as LUN 1 (on port
# 3261).
#
# - ISC dhcpd as the seed configures it (filename "", root-path
#   "iscsi:SERVER::::IQN"): bin/cxboot.lkrn autoboots the disk, Linux
#   prints the marker, and Linux's iscsi_ibft finds our iBFT naming the
#   target, its address, port and LUN, the initiator and the NIC's
#   address and MAC.
# - The same root path through the expansion ROM's boot entry (.rom).
# - An ISOLINUX CD image (El Torito) as tgt's LUN 2, booted by sanboot
#   from a script: Linux prints the marker.
# - Ctrl-B at POST, then `dhcp net0` and `sanboot iscsi:...` typed at
#   the shell (seed 001 §7.3.5), with a first path to a port where
#   nothing listens: the second path (tgt, LUN 1) is used; and
#   --no-describe leaves the iBFT out.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netboot-lib.sh"

bin=$(dirname "${1:-bin/cxboot.lkrn}")
qt_init iscsi-boot "$bin/cxboot.lkrn"
command -v dhcpd >/dev/null || qt_skip "ISC dhcpd not installed"
command -v syslinux >/dev/null && command -v mformat >/dev/null &&
	command -v xorriso >/dev/null && [ -r /usr/lib/ISOLINUX/isolinux.bin ] ||
	qt_skip "syslinux, isolinux, mtools or xorriso not installed"
nb_init 66
nb_tap tap0
MAC=52:54:00:66:00:01
marker=iscsi-$RANDOM$$
NB_DISK_INITRDS="$PAYLOAD/initrd.gz,$PAYLOAD/ibft.gz" \
	nb_disk san.img console=ttyS0 panic=-1 quiet cxmarker="$marker"
cp "$TFTP/san.img" "$TFTP/san1.img"
nb_tgt "$TFTP/san1.img" 3261
nb_iso linux.iso console=ttyS0 panic=-1 quiet cxmarker="$marker-iso"
nb_tgt_lun 2 "$TFTP/linux.iso"
tgt_iqn=$NB_IQN
nb_istgt "$TFTP/san.img"
iqn=$NB_IQN:disk1

cat >"$WORK/dhcpd.conf" <<EOF
ddns-update-style none;
authoritative;
default-lease-time 600;
max-lease-time 7200;
subnet $NB_SUBNET.0 netmask 255.255.255.0 {
	option routers $SRV_IP;
}
host host1 {
	filename "";
	hardware ethernet $MAC;
	fixed-address $NB_SUBNET.20;
	option root-path "iscsi:$SRV_IP::::$iqn";
}
EOF
nb_dhcpd "$WORK/dhcpd.conf"
nb_nic virtio-net-pci tap0 "$MAC"

# linux_runs TAG: the marker, then the power-off that ends QEMU.
linux_runs() {
	expect_output "$1: Linux boots from the iSCSI disk" \
		"PAYLOAD-OK marker=$marker extra" 240
	if ! qt_wait_exit 60; then
		qt_fail "$1: QEMU ends after Linux's power-off"
		kill "$QT_PID" 2>/dev/null || true
		wait "$QT_PID" 2>/dev/null || true
	fi
}

# ibft_has TAG LINE: Linux printed LINE among its iBFT attributes.
ibft_has() {
	expect_true "$1: Linux's iBFT has '$2'" \
		"tr -d '\\r' <\"\$QT_LOG\" | grep -Fxq -- 'IBFT $2'"
}

qt_boot lkrn -nographic -m 512 -kernel "$IMAGE" "${NB_NICS[@]}"
linux_runs lkrn
ibft_has lkrn "target0/target-name=$iqn"
ibft_has lkrn "target0/ip-addr=$SRV_IP"
ibft_has lkrn "target0/port=3260"
ibft_has lkrn "target0/lun=00000000"
ibft_has lkrn "ethernet0/ip-addr=$NB_SUBNET.20"
ibft_has lkrn "ethernet0/mac=$MAC"
expect_true "lkrn: the initiator has a name" \
	"grep -aq '^IBFT initiator/initiator-name=iqn\\.' \"\$QT_LOG\""

qt_boot rom -nographic -m 512 -boot n \
	-netdev tap,id=n0,ifname=tap0,script=no,downscript=no \
	-device "virtio-net-pci,netdev=n0,mac=$MAC,romfile=$(realpath "$bin/1af41000.rom")"
linux_runs rom
ibft_has rom "target0/target-name=$iqn"

printf '#!ipxe\ndhcp net0\nsanboot iscsi:%s::3261:2:%s\n' "$SRV_IP" \
	"$tgt_iqn" >"$WORK/iso.ipxe"
qt_boot iso -nographic -m 512 -kernel "$IMAGE" -initrd "$WORK/iso.ipxe" \
	"${NB_NICS[@]}"
expect_output "iso: ISOLINUX from the iSCSI CD image boots Linux" \
	"PAYLOAD-OK marker=$marker-iso extra" 240
qt_wait_exit 60 || true

qt_boot shell -nographic -m 512 -boot n \
	-netdev tap,id=n0,ifname=tap0,script=no,downscript=no \
	-device "virtio-net-pci,netdev=n0,mac=$MAC,romfile=$(realpath "$bin/1af41000.rom")"
if qt_wait "Press Ctrl-B to configure" 60; then
	qt_type '\002'
fi
expect_output "Ctrl-B at POST opens the shell" "cxboot>" 60
qt_send "dhcp net0"
qt_wait "cxboot>" 60 || true
qt_send "sanboot --no-describe iscsi:$SRV_IP::3299::$iqn iscsi:$SRV_IP::3261:1:$tgt_iqn"
linux_runs shell
expect_true "shell: --no-describe leaves no iBFT" \
	"grep -aq '^IBFT none' \"\$QT_LOG\""
qt_finish
