#!/bin/bash
# Chainloading PXE network boot programs from the .lkrn through our PXE
# API: DHCP hands out Debian's pxelinux.0, which loads ldlinux.c32, its
# configuration, the payload kernel and initrds over our PXE TFTP calls,
# and Linux prints the marker from the command line the configuration
# gave it.  Then lpxelinux.0 with kernel and initrds over http:// (our
# FILE calls).  Then GRUB's PXE image (grub-mkimage -O i386-pc-pxe),
# whose network driver is our UNDI API.  Then a pxelinux menu entry
# `COM32 gpxecmd.c32` with `APPEND sanboot iscsi:...`: FILE_EXEC runs
# the command in the firmware, which boots the iSCSI disk (SYSLINUX,
# which loads Linux through INT 13h).  Then programs of our own (assembled here): one that
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
	# It unloads our stack and frees the base memory before Linux:
	# only once INT 1Ah no longer points into that memory.
	expect_true "$tag: the PXE stack unloaded, its base memory freed" \
		"! grep -aq 'Failed to free base memory' '$QT_LOG'"
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

if [ -d /usr/lib/grub/i386-pc ] && command -v grub-mkimage >/dev/null; then
	marker=grub-$RANDOM$$
	printf 'linux (pxe)/vmlinuz console=ttyS0 panic=-1 quiet cxmarker=%s\ninitrd (pxe)/initrd.gz (pxe)/extra.gz\nboot\n' \
		"$marker" >"$WORK/grub.cfg"
	grub-mkimage -O i386-pc-pxe -o "$TFTP/grub.0" -p '(pxe)/' \
		-c "$WORK/grub.cfg" pxe tftp net linux boot ||
		qt_die "grub-mkimage failed"
	nb_dnsmasq_stop
	nb_dnsmasq "--dhcp-boot=grub.0"
	NB_NICS=()
	nb_nic virtio-net-pci tap0 "$MAC"
	qt_boot grub -nographic -kernel "$IMAGE" "${NB_NICS[@]}"
	expect_output "grub: Linux from GRUB's PXE image runs /init with its command line and both initrds" \
		"PAYLOAD-OK marker=$marker extra=second" 180
	expect_true "grub: kernel and initrds came by TFTP" \
		"grep -q 'sent .*/vmlinuz' '$WORK/dnsmasq.log' &&
		 grep -q 'sent .*/extra.gz' '$WORK/dnsmasq.log'"
	qt_wait_exit 60 || true
else
	qt_log "grub: skipped (grub-pc-bin not installed)"
fi

if command -v tgtd >/dev/null && [ -f "$BIOSMOD/gpxecmd.c32" ]; then
	marker=gpxecmd-$RANDOM$$
	cp "$BIOSMOD/gpxecmd.c32" "$BIOSMOD/libcom32.c32" \
		"$BIOSMOD/libutil.c32" "$TFTP/"
	nb_disk san.img console=ttyS0 panic=-1 quiet cxmarker=$marker
	nb_tgt "$TFTP/san.img"
	printf 'DEFAULT cx\nLABEL cx\n COM32 gpxecmd.c32\n APPEND sanboot iscsi:%s:::1:%s\n' \
		"$SRV_IP" "$NB_IQN" >"$TFTP/pxelinux.cfg/default"
	nb_dnsmasq_stop
	nb_dnsmasq "--dhcp-boot=pxelinux.0"
	NB_NICS=()
	nb_nic virtio-net-pci tap0 "$MAC"
	qt_boot gpxecmd -nographic -kernel "$IMAGE" "${NB_NICS[@]}"
	expect_output "gpxecmd: FILE_EXEC sanboot boots Linux from the iSCSI disk" \
		"PAYLOAD-OK marker=$marker" 180
	qt_wait_exit 60 || true
else
	qt_log "gpxecmd: skipped (tgt or gpxecmd.c32 not installed)"
fi

# Our own NBP (tests/qemu/nbp.S) checks what it is given, calls the API
# and returns with A20 off; the firmware goes on to its shell (and
# memory above 1 MiB is what it was), where an empty program
# and one too large for base memory are refused and the shell goes on,
# and the NBP runs again.  A second NIC on the same network, opened
# last (its own DHCP in the shell), must not take the NBP's API over:
# the NBP came over net0 (the route to the server), so GET_CACHED_INFO
# still answers with net0's lease.
top=$(cd "$(dirname "$0")/../.." && pwd)
cc -m32 -c -DFSIZE_NAME='"nbp.0"' -o "$WORK/nbp.o" "$top/tests/qemu/nbp.S" &&
ld -m elf_i386 -Ttext=0x7c00 -e _start --oformat binary \
	-o "$TFTP/nbp.0" "$WORK/nbp.o" || qt_die "nbp.S does not build"
: >"$TFTP/empty.0"
head -c $((600 * 1024)) /dev/zero >"$TFTP/big.0"
IP=$NB_SUBNET.150
NBP_LINE="NBP: 1 1 1 1 $(printf '%02x' ${IP//./ }) 1 $(printf '%08x' \
	"$(stat -c %s "$TFTP/nbp.0")")"
nb_dnsmasq_stop
MAC2=52:54:00:67:00:02
nb_tap tap1
nb_dnsmasq "--dhcp-boot=nbp.0" "--dhcp-host=$MAC,$IP" \
	"--dhcp-host=$MAC2,$NB_SUBNET.151"
NB_NICS=()
nb_nic virtio-net-pci tap0 "$MAC"
nb_nic virtio-net-pci tap1 "$MAC2"
qt_boot nbp -nographic -kernel "$IMAGE" "${NB_NICS[@]}"
expect_line "nbp: entered as PXE 2.1 says, its API calls answered" \
	"$NBP_LINE" 60
expect_output "nbp: the firmware goes on to its shell after the NBP returns" \
	"cxboot>" 30
# It left A20 off: a download lands in memory above 1 MiB and its hash
# comes out right only if A20 is back on.
qt_send "imgfetch tftp://$SRV_IP/ldlinux.c32"
qt_send "sha256sum ldlinux.c32"
expect_output "nbp: with A20 back on, a download above 1 MiB hashes right" \
	"$(sha256sum "$TFTP/ldlinux.c32" | cut -d' ' -f1)" 60
qt_send "dhcp net1"
expect_output "nbp: the second NIC gets its own lease" \
	"DHCP (net1 $MAC2)... ok" 60
for f in empty.0 big.0 nbp.0; do
	qt_send "chain tftp://$SRV_IP/$f"
	qt_send "echo after-$f-$$"
	expect_line "nbp: the shell goes on after $f" "after-$f-$$" 30
done
expect_true "nbp: it ran again from the shell" \
	"[ \"\$(grep -ac '^$NBP_LINE' '$QT_LOG')\" = 2 ]"
qt_finish
