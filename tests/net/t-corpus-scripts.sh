#!/bin/bash
# Real projects' iPXE scripts (the shared corpus, scripts/) run the way
# each project serves them: DHCP from dnsmasq (host name, domain, next
# server), the script and the files it names served by nginx from a
# stand-in tree, menu keys on stdin.  Each run asserts the requests
# nginx saw (URIs with their ${} expansions) and what the script
# reached: the images it loaded with their command lines (imgstat after
# the script returns; the hosted build cannot boot a kernel, so `boot`
# stops with "Exec format error" and the script's failure path runs),
# a chained URI, or its way out.
#
# Rewrites, made with sed before serving: https:// becomes http:// (no
# TLS yet) and every IPv4 literal after :// becomes the test's server;
# host names reach the same server through dnsmasq's DNS, which answers
# every name with it.  nginx listens on each port the scripts name.
# Template placeholders are filled where noted.  Skipped without the
# corpus.  Nothing leaves the test's link.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

corpus=${CORPUS:-$(dirname "$0")/../../../shared/corpora}
S=$corpus/scripts
[ -d "$S" ] || cxt_skip "no corpus at $corpus"
S=$(cd "$S" && pwd)
cxt_init corpus-scripts 36 "$@"
MAC=52:54:00:aa:bb:21
HEXHYP=52-54-00-aa-bb-21
UUID=00112233-4455-6677-8899-aabbccddeeff
cxt_link $MAC
: >"$WORK/access.log"
cxt_nginx "listen $SRV_IP:5248;" "listen $SRV_IP:8080;" \
	"listen $SRV_IP:8081;" "listen $SRV_IP:9090;"
cxt_dnsmasq dnsmasq --port=53 --no-resolv --no-hosts \
	--address="/#/$SRV_IP" --domain=corpus.test \
	--dhcp-range="$SUBNET.50,$SUBNET.60,255.255.255.0" \
	--dhcp-host="$MAC,$SUBNET.51,node1" \
	--dhcp-boot=undionly.kpxe,,"$SRV_IP"
CLI=$SUBNET.51

# serve SRC DEST: the corpus script SRC (under scripts/) at /DEST, with
# the rewrites above; extra sed expressions in SED.
serve() {
	mkdir -p "$(dirname "$TFTP/$2")"
	sed -e 's|https://|http://|g' \
		-e "s|://[0-9]\{1,3\}\(\.[0-9]\{1,3\}\)\{3\}|://$SRV_IP|g" \
		${SED:+-e "$SED"} "$S/$1" >"$TFTP/$2"
}

# standin PATH...: a file of 1000 random bytes at each /PATH.
standin() {
	local p
	for p in "$@"; do
		mkdir -p "$(dirname "$TFTP/$p")"
		head -c 1000 /dev/urandom >"$TFTP/$p"
	done
}

# run LABEL URI [COMMAND...]: after DHCP on net0 and COMMANDs, chain
# URI, then list the images.  Key presses come from $KEYS (none by
# default).  $WORK/LABEL.req: "STATUS PATH" of each request of the run.
run() {
	local label=$1 uri=$2 before
	shift 2
	{
		echo '#!ipxe'
		echo 'dhcp net0'
		printf '%s\n' "$@"
		echo "chain $uri || echo script-returned"
		echo 'echo images:'
		echo 'imgstat'
	} >"$WORK/$label.ipxe"
	before=$(wc -l <"$WORK/access.log")
	echo "# --- $label"
	cxt_run 30 "$WORK/$label.ipxe" < <(printf '%s' "${KEYS:-}")
	tail -n +"$((before + 1))" "$WORK/access.log" |
		awk '{print $3, $5}' >"$WORK/$label.req"
}

# expect_reqs LABEL 'STATUS PATH' ...: exactly these requests, in order.
expect_reqs() {
	local label=$1
	shift
	expect_eq "$label: requests" "$(tr '\n' '|' <"$WORK/$label.req")" \
		"$(printf '%s|' "$@")"
}

# expect_image NAME URI ARGS: imgstat's line for a loaded stand-in.
expect_image() {
	expect_line "$1 : 1000 bytes [unknown] $2${3:+ \"$3\"}"
}

H=http://$SRV_IP

# --- matchbox: boot.ipxe chains the relative ipxe?... with the host's
# identity; the profile it gets loads kernel and initrd (named main).
serve matchbox/boot.ipxe boot.ipxe
serve matchbox/profile-fedora-coreos-install.ipxe ipxe
fcos=/assets/fedora-coreos/fedora-coreos-36.20220906.3.2-live
standin "$fcos-kernel-x86_64" "$fcos-initramfs.x86_64.img"
run matchbox-fcos "$H:8080/boot.ipxe"
q="uuid=$UUID&mac=$HEXHYP&domain=corpus.test&hostname=node1&serial=0&arch=x86_64"
expect_reqs matchbox-fcos "200 /boot.ipxe" "200 /ipxe?$q" \
	"200 $fcos-kernel-x86_64" "200 $fcos-initramfs.x86_64.img"
expect_image "fedora-coreos-36.20220906.3.2-live-kernel-x86_64" \
	"$H:8080$fcos-kernel-x86_64" \
	"initrd=main coreos.live.rootfs_url=http://matchbox.example.com:8080$fcos-rootfs.x86_64.img coreos.inst.install_dev=/dev/vda coreos.inst.ignition_url=http://matchbox.example.com:8080/ignition?uuid=$UUID&mac=$HEXHYP"
expect_image main "$H:8080$fcos-initramfs.x86_64.img"
expect_contains "fedora-coreos-36.20220906.3.2-live-kernel-x86_64: Exec format error"

serve matchbox/profile-flatcar-install.ipxe flatcar.ipxe
fl=/assets/flatcar/3227.2.0/flatcar_production_pxe
standin "$fl.vmlinuz" "${fl}_image.cpio.gz"
run matchbox-flatcar "$H:8080/flatcar.ipxe" "set uuid $UUID"
expect_reqs matchbox-flatcar "200 /flatcar.ipxe" "200 $fl.vmlinuz" \
	"200 ${fl}_image.cpio.gz"
expect_image flatcar_production_pxe.vmlinuz "$H:8080$fl.vmlinuz" \
	"initrd=flatcar_production_pxe_image.cpio.gz flatcar.config.url=http://matchbox.example.com:8080/ignition?uuid=$UUID&mac=$HEXHYP flatcar.first_boot=yes flatcar.autologin"
expect_image flatcar_production_pxe_image.cpio.gz "$H:8080${fl}_image.cpio.gz"

cxt_finish
