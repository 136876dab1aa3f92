#!/bin/bash
# Booting over HTTP: DHCP (dnsmasq) names an http:// script on nginx;
# the script's kernel and initrd, given as relative names, resolve
# against the script's URI and come over the script's own connection
# (nginx logs one connection serving three requests).  The hosted build
# has no kernel loader, so booting stops with "Exec format error".
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init httpboot 14 "$@"
cxt_link
mkdir "$TFTP/boot"
head -c 300000 /dev/urandom >"$TFTP/boot/vmlinuz"
head -c 70000 /dev/urandom >"$TFTP/boot/initrd.img"
printf '#!ipxe\necho in-http-script\nkernel vmlinuz console=ttyS9\ninitrd initrd.img\nsha256sum vmlinuz initrd.img\nboot\n' \
	>"$TFTP/boot/boot.ipxe"
cxt_nginx
cxt_dnsmasq dnsmasq "--dhcp-range=$SUBNET.100,$SUBNET.150,255.255.255.0,1h" \
	"--dhcp-boot=http://$SRV_IP/boot/boot.ipxe"

cxt_run 60 <<END
autoboot
END
expect_contains "http://$SRV_IP/boot/boot.ipxe... ok"
expect_line "in-http-script"
expect_contains "http://$SRV_IP/boot/vmlinuz... ok"
expect_contains "http://$SRV_IP/boot/initrd.img... ok"
expect_line "$(sha256sum <"$TFTP/boot/vmlinuz" | cut -d' ' -f1)  vmlinuz"
expect_line "$(sha256sum <"$TFTP/boot/initrd.img" | cut -d' ' -f1)  initrd.img"
expect_contains "vmlinuz: Exec format error"
conn=$(awk 'NR == 1 {print $1}' "$WORK/access.log")
expect_eq "connection and request count of each request in nginx's log" \
	"$(awk '{print $1, $2}' "$WORK/access.log" | tr '\n' ' ')" \
	"$conn 1 $conn 2 $conn 3 "
cxt_finish
