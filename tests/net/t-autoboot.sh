#!/bin/bash
# autoboot against dnsmasq: DHCP names a script (a relative filename on
# next-server, a filename with ${...} in it, a whole URI, a value the
# user set), the script selects a kernel with a command line and an
# initrd; the hosted build has no kernel loader, so booting stops with
# "Exec format error" and the shell goes on.  Also: nothing to boot, a
# root-path (SAN boot, not there yet), `chain` from the shell, and a
# port without link given up after link-wait for the next one.
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

# A root-path alone.
cxt_dnsmasq dnsmasq5 "$RANGE" "${DNSMASQ_TFTP[@]}" \
	"--dhcp-option=17,iscsi:$SRV_IP::::iqn.2010-04.org.example:disk"
DNSMASQ=$LAST_PID
cxt_run 60 <<END
autoboot
END
expect_contains "net0: SAN boot is not supported yet (root-path iscsi:$SRV_IP::::iqn.2010-04.org.example:disk)"
expect_fail
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
