#!/bin/bash
# autoboot against dnsmasq: DHCP names a script (a relative filename on
# next-server, a filename with ${...} in it, a whole URI, a value the
# user set), the script selects a kernel with a command line and an
# initrd; the hosted build has no kernel loader, so booting stops with
# "Exec format error" and the shell goes on.  Also: nothing to boot, a
# root-path naming a disk (booted when there is no filename: the hosted
# build has no boot loader, so a boot sector is "not supported" and a
# disk without one "Exec format error"; hooked for the filename's
# script to read when there is one), an NFS root-path (not ours),
# `chain` from the shell, and a port without link given up after
# link-wait for the next one.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cxt_init autoboot 40 "$@"
cxt_link
cxt_mkfile vmlinuz 200000
cxt_mkfile initrd.img 30000
printf '#!ipxe\necho in-script-${net0/ip}\nkernel vmlinuz console=ttyS9 x=1\ninitrd initrd.img\nimgstat\nboot\n' \
	>"$TFTP/boot.ipxe"
cp "$TFTP/boot.ipxe" "$TFTP/boot-02-c7-00-00-00-02.ipxe"
printf '#!ipxe\necho in-other-script\n' >"$TFTP/other.ipxe"
RANGE=--dhcp-range=$SUBNET.100,$SUBNET.150,255.255.255.0,1h

# A relative filename: TFTP from next-server.
cxt_dnsmasq dnsmasq "$RANGE" "${DNSMASQ_TFTP[@]}" --dhcp-boot=boot.ipxe
DNSMASQ=$LAST_PID
cxt_run 60 <<END
autoboot
echo after-autoboot
imgstat
END
expect_contains "DHCP (net0 02:c7:00:00:00:02)... ok"
expect_contains "tftp://$SRV_IP/boot.ipxe... ok"
expect_match "^in-script-$SUBNET\.1[0-9][0-9]$"
expect_contains "tftp://$SRV_IP/vmlinuz... ok"
expect_match "^vmlinuz : 200000 bytes .* \"console=ttyS9 x=1\"$"
expect_contains "tftp://$SRV_IP/initrd.img... ok"
expect_contains "vmlinuz: Exec format error"
expect_contains "No more ports"
expect_line "after-autoboot"
# The script that failed is forgotten; what it fetched stays.
after=$(sed -n '/^after-autoboot$/,$p' "$WORK/out")
if grep -q "^boot.ipxe :" <<<"$after" ||
   ! grep -q "^initrd.img : 30000 bytes" <<<"$after"; then
	cxt_fail "images after the failed boot" "$after"
else
	cxt_pass "images after the failed boot: script gone, initrd kept"
fi
cxt_stop "$DNSMASQ"

# A filename with settings in it, expanded after DHCP.
cxt_dnsmasq dnsmasq2 "$RANGE" "${DNSMASQ_TFTP[@]}" \
	'--dhcp-boot=boot-${net0/mac:hexhyp}.ipxe'
DNSMASQ=$LAST_PID
cxt_run 60 <<END
autoboot
END
expect_contains "tftp://$SRV_IP/boot-02-c7-00-00-00-02.ipxe... ok"
expect_match "^in-script-"
expect_fail
cxt_stop "$DNSMASQ"

# A relative filename with characters a URI must escape.
mkdir -p "$TFTP/sub dir"
printf '#!ipxe\necho in-odd-name\n' >"$TFTP/sub dir/my boot#1.ipxe"
cxt_dnsmasq dnsmasq2b "$RANGE" "${DNSMASQ_TFTP[@]}" \
	'--dhcp-boot=sub dir/my boot#1.ipxe'
DNSMASQ=$LAST_PID
cxt_run 60 <<END
autoboot
END
expect_contains "tftp://$SRV_IP/sub%20dir/my%20boot%231.ipxe... ok"
expect_line "in-odd-name"
cxt_stop "$DNSMASQ"

# A whole URI, with next-server left out.
cxt_dnsmasq dnsmasq3 "$RANGE" "${DNSMASQ_TFTP[@]}" \
	"--dhcp-boot=tftp://$SRV_IP/other.ipxe,,0.0.0.0"
DNSMASQ=$LAST_PID
cxt_run 60 <<END
autoboot
END
expect_contains "tftp://$SRV_IP/other.ipxe... ok"
expect_line "in-other-script"
expect_no_contains "No more ports"
expect_rc 0
cxt_stop "$DNSMASQ"

# No filename at all; then what the user set wins over DHCP.
cxt_dnsmasq dnsmasq4 "$RANGE" "${DNSMASQ_TFTP[@]}"
DNSMASQ=$LAST_PID
cxt_run 60 <<END
autoboot
set filename other.ipxe
set next-server $SRV_IP
autoboot net0
END
expect_contains "net0: no filename or root-path to boot from"
expect_contains "No more ports"
expect_line "in-other-script"
cxt_stop "$DNSMASQ"

# A root-path alone: a disk with a boot sector, then one without.
cxt_mkfile plain.img 65536
cp "$TFTP/plain.img" "$TFTP/boot.img"
printf '\x55\xaa' | dd of="$TFTP/boot.img" bs=1 seek=510 conv=notrunc \
	status=none
dd if="$TFTP/plain.img" of="$TFTP/sector1" bs=512 skip=1 count=1 status=none
cxt_nginx
for disk in boot.img plain.img; do
	cxt_dnsmasq dnsmasq5-$disk "$RANGE" "${DNSMASQ_TFTP[@]}" \
		"--dhcp-option=17,http://$SRV_IP/\${net0/mac:hexhyp}/../$disk"
	DNSMASQ=$LAST_PID
	cxt_run 60 <<END
autoboot
sanread 0 1 left || echo NO-DRIVE-LEFT
END
	expect_line NO-DRIVE-LEFT
	cxt_stop "$DNSMASQ"
	cp "$WORK/out" "$WORK/out-$disk"
done
expect_eq "boot sector found" "$(grep -c '^Could not boot from drive 0x80: Operation not supported$' "$WORK/out-boot.img")" 1
expect_eq "no boot sector" "$(grep -c '^Could not boot from drive 0x80: Exec format error$' "$WORK/out-plain.img")" 1
# The root path's ${...} expanded, each disk read by Range.
for disk in boot.img plain.img; do
	expect_cmp "ranged reads of $disk" "$(grep -c \
		" 206 \"GET /02-c7-00-00-00-02/../$disk " "$WORK/access.log")" \
		-ge 2
done

# A root-path and a filename: the disk is hooked before the script
# runs (an installer writes to it); an NFS root-path is not a disk.
printf '#!ipxe\nsanread 1 1 s1 || echo NO-DRIVE\nsha256sum s1\n' \
	>"$TFTP/installer.ipxe"
cxt_dnsmasq dnsmasq5c "$RANGE" "${DNSMASQ_TFTP[@]}" \
	"--dhcp-option=17,http://$SRV_IP/plain.img" \
	"--dhcp-boot=installer.ipxe,,$SRV_IP"
DNSMASQ=$LAST_PID
cxt_run 60 <<END
autoboot
END
expect_hash s1 sector1
cxt_stop "$DNSMASQ"
cxt_dnsmasq dnsmasq5d "$RANGE" "${DNSMASQ_TFTP[@]}" \
	"--dhcp-option=17,$SRV_IP:/srv/nfsroot" \
	"--dhcp-boot=installer.ipxe,,$SRV_IP"
DNSMASQ=$LAST_PID
cxt_run 60 <<END
autoboot
END
expect_line NO-DRIVE
cxt_stop "$DNSMASQ"

# A port whose link never comes up (a veth whose peer is down) is net0:
# autoboot gives it link-wait seconds, then boots from net1.  With only
# that port, autoboot runs out of ports and the program fails.
ip -n "$CNS" link add nolink0 type veth peer name nolink1
ip -n "$CNS" link set nolink0 up
cxt_dnsmasq dnsmasq5b "$RANGE" "${DNSMASQ_TFTP[@]}" \
	"--dhcp-boot=tftp://$SRV_IP/other.ipxe,,0.0.0.0"
DNSMASQ=$LAST_PID
CXT_NETS="--net nolink0 --net $CIF" cxt_run 60 <<END
set link-wait 3
autoboot
END
expect_line "in-other-script"
expect_rc 0
if [ "$ELAPSED_MS" -ge 3000 ] && [ "$ELAPSED_MS" -lt 9000 ]; then
	cxt_pass "net0 given up after link-wait (${ELAPSED_MS} ms in all)"
else
	cxt_fail "link-wait 3 not honoured: ${ELAPSED_MS} ms"
fi
CXT_NETS="--net nolink0" cxt_run 60 <<END
set link-wait 1
autoboot
END
expect_contains "No more ports"
expect_fail
cxt_stop "$DNSMASQ"

# The same by hand: chain, kernel/imgargs/boot, bad names.
cxt_dnsmasq dnsmasq6 "${DNSMASQ_TFTP[@]}"
cxt_run 60 <<END
$(cxt_static)
chain tftp://$SRV_IP/other.ipxe
imgstat
chain --autofree --name other2 tftp://$SRV_IP/other.ipxe
imgstat other2 || echo other2-freed
kernel tftp://$SRV_IP/vmlinuz quiet
imgargs vmlinuz console=ttyS1
imgstat vmlinuz
boot vmlinuz || echo boot-failed
imgargs nosuch x
boot nosuch-image
echo done
END
expect_line "in-other-script"
# A chained image stays, unless --autofree (as in iPXE).
expect_contains "other.ipxe :"
expect_line "other2-freed"
expect_match "^vmlinuz : 200000 bytes .* \"console=ttyS1\"$"
expect_contains "vmlinuz: Exec format error"
expect_line "boot-failed"
expect_contains "nosuch: no such image"
# Outside a script a relative name has nothing to resolve against (the
# last download does not count, as in iPXE).
expect_contains "nosuch-image: not a URI"
expect_line "done"
cxt_finish
