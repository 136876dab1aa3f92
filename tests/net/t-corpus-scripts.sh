#!/bin/bash
# Real projects' iPXE scripts (the shared corpus, scripts/) run the way
# each project serves them: DHCP from dnsmasq (host name, domain, next
# server), the script and the files it names served by nginx from a
# stand-in tree (dnsmasq's TFTP serves the same tree), menu keys on
# stdin.  Each run asserts the requests nginx saw (URIs with their ${}
# expansions) and what the script reached: the images it loaded with their command lines (imgstat after
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
	"listen $SRV_IP:8081;" "listen $SRV_IP:1234;" "listen $SRV_IP:6180;" \
	"listen $SRV_IP:9873;" "listen $SRV_IP:8000;" "listen $SRV_IP:8448;" \
	"location /fog/ { proxy_pass http://$SRV_IP:8088/echo/fog/; }"
# FOG's boot.php gets a form post: tests/net/httpd.py behind nginx
# echoes it and logs the body.
cxt_bg httpd python3 "$CXT_DIR/httpd.py" "$SRV_IP" 8088 "$TFTP"
cxt_wait_grep "$WORK/httpd.log" "^listening"
cxt_dnsmasq dnsmasq --port=53 --no-resolv --no-hosts \
	--address="/#/$SRV_IP" --domain=corpus.test \
	--dhcp-range="$SUBNET.50,$SUBNET.60,255.255.255.0" \
	--dhcp-host="$MAC,$SUBNET.51,node1" \
	--dhcp-boot=undionly.kpxe,,"$SRV_IP" "${DNSMASQ_TFTP[@]}"
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
# URI, then say on a line of its own whether it failed and list the
# images.  Key presses come from $KEYS (none by default).
# $WORK/LABEL.req: "STATUS PATH" of each request of the run.
run() {
	local label=$1 uri=$2 before
	shift 2
	{
		echo '#!ipxe'
		echo 'dhcp net0'
		printf '%s\n' "$@"
		echo "chain $uri || goto returned"
		echo 'goto list'
		echo ':returned'
		echo 'echo'
		echo 'echo script-returned'
		echo ':list'
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

# --- sidero-talos: the embedded script waits 2 s for Ctrl-B (none
# comes), walks the interfaces, takes DHCP on net0 and chains Sidero's
# /ipxe endpoint, which answers with the agent's environment script.
serve sidero-talos/embedded-boot.ipxe talos/embedded.ipxe
serve sidero-talos/env-agent.rendered-example.ipxe ipxe
standin /env/agent-amd64/vmlinuz /env/agent-amd64/initramfs.xz
run talos-embedded "$H/talos/embedded.ipxe"
q="uuid=$UUID&mac=$HEXHYP&domain=corpus.test&hostname=node1&serial=0&arch=x86_64"
expect_reqs talos-embedded "200 /talos/embedded.ipxe" "200 /ipxe?$q" \
	"200 /env/agent-amd64/vmlinuz" "200 /env/agent-amd64/initramfs.xz"
expect_image vmlinuz "$H:8081/env/agent-amd64/vmlinuz" \
	"console=tty0 console=ttyS0 initrd=initramfs.xz ip=dhcp panic=30 sidero.endpoint=10.5.0.2:8081"
expect_image initramfs.xz "$H:8081/env/agent-amd64/initramfs.xz"
expect_contains "vmlinuz: Exec format error"

# Booting from disk: exit gives the firmware back (a success); the
# hosted build has no local disk to sanboot, so the script fails.
serve sidero-talos/boot-from-disk-exit.ipxe talos/exit.ipxe
run talos-exit "$H/talos/exit.ipxe"
expect_reqs talos-exit "200 /talos/exit.ipxe"
expect_no_contains script-returned
serve sidero-talos/boot-from-disk-sanboot.ipxe talos/sanboot.ipxe
run talos-sanboot "$H/talos/sanboot.ipxe"
expect_reqs talos-sanboot "200 /talos/sanboot.ipxe"
expect_line script-returned

# --- foreman's local boot: exit 1 hands over to the next boot device.
serve foreman/local_boot.host4dhcp.ipxe foreman/local.ipxe
run foreman-local "$H/foreman/local.ipxe"
expect_reqs foreman-local "200 /foreman/local.ipxe"
expect_line script-returned

# --- tinkerbell-smee: a custom URL chained by name (DNS).
serve tinkerbell-smee/custom-url.ipxe tink/custom.ipxe
printf '#!ipxe\necho netboot-standin ${net0/ip}\n' >"$TFTP/index.html"
run tink-custom "$H/tink/custom.ipxe"
expect_reqs tink-custom "200 /tink/custom.ipxe" "200 /"
expect_line "netboot-standin $CLI"

# The Hook scripts retry kernel, initrd and boot; the harness sets
# hook-default's retry delay from 3 s to 0 and lists the images
# where the scripts free them after their last try.
tinkargs="vlan_id=1234 facility=onprem syslog_host= grpc_authority= tinkerbell_tls=false tinkerbell_insecure_tls=false worker_id=00:01:02:03:04:05 hw_addr=00:01:02:03:04:05 modules=loop,squashfs,sd-mod,usb-storage intel_iommu=on iommu=pt initrd=initramfs-x86_64 console=tty0 console=ttyS1,115200"
SED='s/^set retry_delay:int32 3$/set retry_delay:int32 0/;s/^imgfree$/imgstat\nimgfree/' \
	serve tinkerbell-smee/hook-default.ipxe tink/hook.ipxe
standin vmlinuz-x86_64 initramfs-x86_64
run tink-hook "$H/tink/hook.ipxe"
expect_reqs tink-hook "200 /tink/hook.ipxe" "200 /vmlinuz-x86_64" \
	"200 /initramfs-x86_64"
expect_eq "tink-hook: boot tried 11 times" \
	"$(grep -c 'vmlinuz-x86_64: Exec format error' "$WORK/out")" 11
expect_image vmlinuz-x86_64 "$H/vmlinuz-x86_64" "$tinkargs"
expect_image initramfs-x86_64 "$H/initramfs-x86_64"
expect_line "Failed to boot"

SED='s/^imgfree$/imgstat\nimgfree/' \
	serve tinkerbell-smee/hook-static.ipxe tink/static.ipxe
run tink-static "$H/tink/static.ipxe"
expect_reqs tink-static "200 /tink/static.ipxe" "200 /vmlinuz-x86_64" \
	"200 /initramfs-x86_64"
expect_image vmlinuz-x86_64 "$H/vmlinuz-x86_64" \
	"syslog_host=127.1.1.1 grpc_authority=127.0.0.1:42113 tinkerbell_tls=false worker_id=$MAC hw_addr=$MAC console=tty1 console=tty2 console=ttyAMA0,115200 console=ttyAMA1,115200 console=ttyS0,115200 console=ttyS1,115200 k=v k2=v2 intel_iommu=on iommu=pt k=v k2=v2 initrd=initramfs-x86_64"
expect_line "Failed to boot"

# --- maas: ipxe.cfg chains the per-MAC config from next-server:5248
# (the ephemeral boot); without one, the amd64 default (local disks).
# The ephemeral kernel cannot boot here, so ipxe.cfg's "||" goes on to
# the default too.
serve maas/ipxe.cfg ipxe.cfg
serve maas/config.ephemeral.rendered-example.ipxe "ipxe.cfg-$MAC"
serve maas/config.local.ipxe ipxe.cfg-default-amd64
mi=/images/ubuntu/amd64/ga-22.04/jammy/stable
standin $mi/boot-kernel $mi/boot-initrd
run maas-mac "$H:5248/ipxe.cfg"
expect_reqs maas-mac "200 /ipxe.cfg" "200 /ipxe.cfg-$MAC" \
	"200 $mi/boot-kernel" "200 $mi/boot-initrd" \
	"200 /ipxe.cfg-default-amd64"
expect_image boot-kernel "$H:5248$mi/boot-kernel" \
	"nomodeset ro root=squash:$H:5248$mi/squashfs ip=::::maas-node:BOOTIF ip6=off cc:{'datasource_list': ['MAAS']}end_cc cloud-config-url=$H:5248/MAAS/metadata/latest/by-id/abc123/?op=get_preseed apparmor=0 log_host=10.0.0.2 log_port=5247 maas_url=$H:5248/MAAS/metadata/latest/by-id/abc123/?op=get_preseed BOOTIF=01-$MAC"
expect_image boot-initrd "$H:5248$mi/boot-initrd"
rm "$TFTP/ipxe.cfg-$MAC"
run maas-default "$H:5248/ipxe.cfg"
expect_reqs maas-default "200 /ipxe.cfg" "404 /ipxe.cfg-$MAC" \
	"200 /ipxe.cfg-default-amd64"
expect_eq "maas-default: four disks tried" \
	"$(grep -c '^Could not boot from drive 0x8[0-3]: No such device' \
		"$WORK/out")" 4

# --- harvester (double quotes are plain characters in iPXE's syntax:
# they reach the kernel's command line, which gives them meaning)
hv=/harvester/harvester/releases/download/v1.1.2
standin $hv/harvester-v1.1.2-vmlinuz-amd64 $hv/harvester-v1.1.2-initrd-amd64
serve harvester/equinix-ipxe-install.ipxe harvester/equinix.ipxe
run harvester-equinix "$H/harvester/equinix.ipxe"
expect_reqs harvester-equinix "200 /harvester/equinix.ipxe" \
	"200 $hv/harvester-v1.1.2-vmlinuz-amd64" \
	"200 $hv/harvester-v1.1.2-initrd-amd64"
expect_line "Detected link on net0"
expect_image harvester-v1.1.2-vmlinuz-amd64 \
	"http://github.com$hv/harvester-v1.1.2-vmlinuz-amd64" \
	"ip=dhcp net.ifnames=1 rd.cos.disable rd.noverifyssl root=live:http://releases.rancher.com/harvester/v1.1.2/harvester-v1.1.2-rootfs-amd64.squashfs harvester.install.management_interface.interfaces=\"hwAddr:$MAC\" harvester.install.management_interface.method=dhcp harvester.install.management_interface.bond_options.mode=balance-tlb harvester.install.management_interface.bond_options.miimon=100 console=ttyS1,115200 harvester.install.automatic=true harvester.install.skipchecks=true boot_cmd=\"echo include_ping_test=yes >> /etc/conf.d/net-online\" harvester.install.config_url=http://metadata.platformequinix.com/userdata"

hm=/harvester/master
standin $hm/harvester-master-vmlinuz-amd64 $hm/harvester-master-initrd-amd64
for kind in create join; do
	serve harvester/general-ipxe-$kind.ipxe harvester/general-$kind.ipxe
	run harvester-$kind "$H/harvester/general-$kind.ipxe"
	expect_reqs harvester-$kind "200 /harvester/general-$kind.ipxe" \
		"200 $hm/harvester-master-vmlinuz-amd64" \
		"200 $hm/harvester-master-initrd-amd64"
	expect_match "^harvester-master-vmlinuz-amd64 : 1000 bytes \[unknown\] http://releases.rancher.com$hm/harvester-master-vmlinuz-amd64 \"ip=dhcp .* root=live:http://releases.rancher.com$hm/harvester-master-rootfs-amd64.squashfs .* harvester.install.config_url=http://raw.githubusercontent.com/harvester/ipxe-examples/main/general/config-$kind.yaml\"$"
done

# Vagrant: the init script chains ipxe-create.ipxe beside it (a
# stand-in that ends well) after a pause the harness cuts from 5 s to
# 0; the create script sets the arguments.
SED='s/^sleep 5 /sleep 0 /' serve harvester/vagrant-init.ipxe harvester/init.ipxe
printf '#!ipxe\necho create-standin\n' >"$TFTP/harvester/ipxe-create.ipxe"
run harvester-init "$H/harvester/init.ipxe"
expect_reqs harvester-init "200 /harvester/init.ipxe" \
	"200 /harvester/ipxe-create.ipxe"
expect_line create-standin
serve harvester/vagrant-ipxe-create.rendered.ipxe harvester/create.ipxe
standin harvester/harvester-vmlinuz-amd64 harvester/harvester-initrd-amd64
run harvester-vcreate "$H/harvester/create.ipxe"
expect_reqs harvester-vcreate "200 /harvester/create.ipxe" \
	"200 /harvester/harvester-vmlinuz-amd64" \
	"200 /harvester/harvester-initrd-amd64"
expect_image harvester-vmlinuz-amd64 "$H/harvester/harvester-vmlinuz-amd64" \
	"initrd=harvester-initrd-amd64 ip=ens5:dhcp net.ifnames=1 rd.cos.disable rd.live.debug=1 rd.noverifyssl root=live:$H/harvester/harvester-rootfs-amd64.squashfs console=tty1 harvester.install.automatic=true harvester.install.skipchecks=true harvester.install.config_url=$H/harvester/config-create.yaml"

# --- vpenso-flexboot-ipoib: the lease read through net0.dhcp; boot
# fails here and the missing label "shell" ends the script.
cb=/centos/7/os/x86_64
standin $cb/images/pxeboot/vmlinuz $cb/images/pxeboot/initrd.img
serve vpenso-flexboot-ipoib/centos7-kickstart-over-ib0.ipxe vpenso.ipxe
run vpenso "$H/vpenso.ipxe"
expect_reqs vpenso "200 /vpenso.ipxe" "200 $cb/images/pxeboot/vmlinuz" \
	"200 $cb/images/pxeboot/initrd.img"
expect_image vmlinuz "http://mirror.centos.org$cb/images/pxeboot/vmlinuz" \
	"initrd=initrd.img inst.repo=http://mirror.centos.org$cb inst.text rd.shell rd.driver.post=mlx4_ib,ib_ipoib,ib_umad,rdma_ucm rd.neednet=1 rd.timeout=20 rd.retry=80 ip=$CLI::10.20.0.1:255.255.0.0:node1.gsi.de:ib0:off nameserver=10.10.20.3 rd.route=10.20.0.0/16:10.20.0.1:ib0 ks.device=ib0 ks=http://server/path/to/kickstart/default.cfg"
expect_line script-returned

# --- openstack-ironic: boot.ipxe (DHCP's script) chains
# pxelinux.cfg/<MAC> beside it for each NIC; every rendered config
# starts with the deploy ramdisk.  Its boot fails here, the chain
# returns, no net1 exists, and at "Press any key to reboot" a key
# (given) reboots the machine (status 64).
serve openstack-ironic/tests__boot.ipxe ironic/boot.ipxe
standin deploy_kernel deploy_ramdisk
deploy="selinux=0 troubleshoot=0 text test_param BOOTIF=$MAC initrd=deploy_ramdisk"
for t in tests__ipxe_config.template \
	tests__ipxe_config_boot_from_anaconda.template \
	tests__ipxe_config_boot_from_iso.template \
	tests__ipxe_config_boot_from_ramdisk.template \
	tests__ipxe_config_boot_from_volume_extra_volume.template \
	tests__ipxe_config_boot_from_volume_multipath.template \
	tests__ipxe_config_boot_from_volume_no_extra_volumes.template \
	tests__ipxe_config_timeout.template; do
	l=ironic-${t#tests__ipxe_config}
	l=${l%.template}
	serve openstack-ironic/$t "ironic/pxelinux.cfg/$HEXHYP"
	KEYS=' ' run "$l" "$H/ironic/boot.ipxe"
	expect_rc 64
	expect_reqs "$l" "200 /ironic/boot.ipxe" \
		"200 /ironic/pxelinux.cfg/$HEXHYP" "200 /deploy_kernel" \
		"200 /deploy_ramdisk"
	expect_line "Attempting to boot from MAC $HEXHYP"
	expect_contains "deploy_kernel: Exec format error"
	expect_line "PXE boot failed! No configuration found for any of the present NICs."
done
# The config's images, seen by listing them after it returns.
run ironic-config "$H/ironic/pxelinux.cfg/$HEXHYP"
expect_image deploy_kernel "$H:1234/deploy_kernel" "$deploy"
expect_image deploy_ramdisk "$H:1234/deploy_ramdisk"

# The fallback: no config for the NIC, so the inspector (the
# documentation's inspection script, {IP} filled with the server);
# "|" is a plain word there, handed to inspector.ipxe as arguments
# (the inspector frees itself, so imgstat cannot show them).
rm "$TFTP/ironic/pxelinux.cfg/$HEXHYP"
serve openstack-ironic/tests__boot-fallback.ipxe ironic/fallback.ipxe
SED="s/{IP}/$SRV_IP/g" serve openstack-ironic/doc__inspection.ipxe \
	ironic/inspector.ipxe
standin ironic-python-agent.kernel ironic-python-agent.initramfs
run ironic-fallback "$H/ironic/fallback.ipxe"
expect_reqs ironic-fallback "200 /ironic/fallback.ipxe" \
	"404 /ironic/pxelinux.cfg/$HEXHYP" "200 /ironic/inspector.ipxe" \
	"200 /ironic-python-agent.kernel" "200 /ironic-python-agent.initramfs"
expect_image ironic-python-agent.kernel "$H:8080/ironic-python-agent.kernel" \
	"ipa-inspection-callback-url=$H:6385/v1/continue_inspection systemd.journald.forward_to_console=yes BOOTIF=$MAC initrd=ironic-python-agent.initramfs"
expect_image ironic-python-agent.initramfs "$H:8080/ironic-python-agent.initramfs"
expect_line script-returned

# --- metal3: the rendered inspector scripts (single and per build
# architecture: x86_64 here) load the agent and its CA bundle.
standin images/ironic-python-agent.kernel images/ironic-python-agent.initramfs \
	ipa-cacert-bundle
ipa="ipa-insecure=1 ipa-inspection-collectors=default,extra-hardware,logs systemd.journald.forward_to_console=yes BOOTIF=$MAC ipa-debug=1 ipa-enable-vlan-interfaces=all ipa-inspection-dhcp-all-interfaces=1 ipa-collect-lldp=1 initrd=ironic-python-agent.initramfs"
serve metal3/inspector.single.rendered.ipxe metal3/single.ipxe
run metal3-single "$H/metal3/single.ipxe"
expect_reqs metal3-single "200 /metal3/single.ipxe" \
	"200 /images/ironic-python-agent.kernel" \
	"200 /images/ironic-python-agent.initramfs"
expect_image ironic-python-agent.kernel \
	"$H:6180/images/ironic-python-agent.kernel" "$ipa console=ttyS0"
expect_image ironic-python-agent.initramfs \
	"$H:6180/images/ironic-python-agent.initramfs"
serve metal3/inspector.multiarch.rendered.ipxe metal3/multi.ipxe
run metal3-multi "$H/metal3/multi.ipxe"
expect_reqs metal3-multi "200 /metal3/multi.ipxe" \
	"200 /images/ironic-python-agent.kernel" \
	"200 /images/ironic-python-agent.initramfs" "200 /ipa-cacert-bundle"
expect_line "In inspector.ipxe# Architecture-specific boot selection"
expect_line "Booting x86_64 IPA"
expect_image ironic-python-agent.kernel \
	"$H:6180/images/ironic-python-agent.kernel" \
	"$ipa initrd=ipa-cacert-bundle console=ttyS0"
expect_image ipa-cacert-bundle "$H:6180/ipa-cacert-bundle"

# --- warewulf: a kernel and four initrds by name, then `boot kernel
# ARGS` with the command line; the harness lists the images in place
# of the 15 s pause before the script's reboot (status 64).
ww=e6:92:39:49:7b:03
standin kernel/$ww container/$ww kmods/$ww overlay-system/$ww \
	overlay-runtime/$ww
SED='s/^sleep 15$/imgstat/' serve warewulf/default.rendered.ipxe warewulf.ipxe
run warewulf "$H/warewulf.ipxe"
expect_rc 64
expect_reqs warewulf "200 /warewulf.ipxe" "200 /kernel/$ww" \
	"200 /container/$ww" "200 /kmods/$ww" "200 /overlay-system/$ww" \
	"200 /overlay-runtime/$ww"
expect_image kernel "$H:9873/kernel/$ww" \
	"initrd=container initrd=kmods initrd=system initrd=runtime quiet crashkernel=no vga=791 net.naming-scheme=v238"
for i in container kmods; do
	expect_image $i "$H:9873/$i/$ww"
done
for i in system runtime; do
	expect_image $i "$H:9873/overlay-$i/$ww"
done

# --- fogproject: autoexec.ipxe takes DHCP on net0 and chains
# default.ipxe from next-server over TFTP; that tries custom.ipxe (none)
# and posts the machine's identity to boot.php.
serve fogproject/autoexec.ipxe autoexec.ipxe
serve fogproject/default.ipxe default.ipxe
run fog "$H/autoexec.ipxe" 'echo firmware ${version}'
ver=$(sed -n 's/^firmware //p' "$WORK/out")
expect_reqs fog "200 /autoexec.ipxe" "200 /fog/service/ipxe/boot.php"
expect_eq "fog: TFTP files sent" \
	"$(grep -o "sent $TFTP/[a-z.]*" "$WORK/dnsmasq.log" | sed 's|.*/||' |
	   tr '\n' ' ')" "default.ipxe "
expect_contains "tftp://$SRV_IP/custom.ipxe"
m=${MAC//:/%3A}
expect_eq "fog: the form posted" \
	"$(grep '^echo body' "$WORK/httpd.log" | tail -n 1)" \
	"echo body mac0=$m&arch=x86_64&platform=linux&product=hosted&manufacturer=hosted&ipxever=$ver&filename=undionly.kpxe&sysuuid=$UUID"

# --- cobbler: the menu's second item (centos8), then Tools ->
# memtest, then the default (local: sanboot, no local disk here).
cob=/cobbler/images
standin $cob/centos8-x86_64/vmlinuz $cob/centos8-x86_64/initrd.img \
	$cob/memtest/memtest86+.bin
serve cobbler/menu.rendered-example.ipxe cobbler.ipxe
down=$'\033[B'
KEYS="$down"$'\n' run cobbler-centos "$H/cobbler.ipxe"
expect_reqs cobbler-centos "200 /cobbler.ipxe" \
	"200 $cob/centos8-x86_64/vmlinuz" "200 $cob/centos8-x86_64/initrd.img"
expect_image vmlinuz "$H:80$cob/centos8-x86_64/vmlinuz" \
	"initrd=initrd.img inst.ks=$H/cblr/svc/op/autoinstall/profile/centos8-x86_64 inst.repo=$H/cblr/links/centos8-x86_64"
KEYS="$down$down"$'\n\n' run cobbler-memtest "$H/cobbler.ipxe"
expect_reqs cobbler-memtest "200 /cobbler.ipxe" \
	"200 $cob/memtest/memtest86+.bin"
expect_image memtest86+.bin "$H:80$cob/memtest/memtest86+.bin"
KEYS=$'\n' run cobbler-local "$H/cobbler.ipxe"
expect_reqs cobbler-local "200 /cobbler.ipxe"
expect_contains "Could not boot from drive 0x80: No such device"
expect_line script-returned

# --- ltsp: no section for this MAC (goto ${mac} fails), so the menu:
# "m" loads memtest.efi beside the script (platform is not pcbios),
# whose boot fails back to the menu, where "x" exits (exit 1).
serve ltsp/ltsp.ipxe ltsp.ipxe
standin memtest.efi
KEYS=mx run ltsp-menu "$H/ltsp.ipxe"
expect_reqs ltsp-menu "200 /ltsp.ipxe" "200 /memtest.efi"
expect_contains "memtest.efi: Exec format error"
expect_line script-returned
# ltsp.conf's MENU_TIMEOUT=-1 would hide the menu, but `isset -1`
# takes "-1" for an option and fails, so the menu (5 s) comes anyway:
# "d" boots the first disk (sanboot, not supported), the failure drops
# to the shell, where the harness types poweroff (status 65).
KEYS=$'dpoweroff\n' run ltsp-disk "$H/ltsp.ipxe" 'set menu-timeout -1'
expect_rc 65
expect_reqs ltsp-disk "200 /ltsp.ipxe"
expect_contains "Could not boot from drive 0x80: No such device"
expect_line "Booting failed, dropping to shell"

# --- foreman.  The harness sets every pause (sleep N) to 0.
# The intermediate script reports net0's MAC; Foreman answers with
# the host's script (the static kickstart one: pings, then its kernel
# with the lease's addresses through netX).  Its boot fails, no net1
# exists, and the script gives up (exit 1).
SED='s/sleep [0-9]*/sleep 0/'
SED=$SED serve foreman/intermediate_script.host4dhcp.ipxe foreman/inter.ipxe
SED=$SED serve foreman/kickstart.host4static.ipxe unattended/iPXE
cp=/centos/7/os/x86_64/images/pxeboot
cxt_watch icmp icmp
run foreman-inter "$H/foreman/inter.ipxe"
# Two pings, to the gateway and to the DNS server (both the server).
cxt_wait_grep "$WORK/icmp.log" "$CLI > $SRV_IP: ICMP echo request"
cxt_wait_grep "$WORK/icmp.log" "$SRV_IP > $CLI: ICMP echo reply"
expect_reqs foreman-inter "200 /foreman/inter.ipxe" \
	"200 /unattended/iPXE?mac=$MAC" "200 $cp/vmlinuz" \
	"200 $cp/initrd.img"
expect_line "Trying to ping Gateway: $SRV_IP"
expect_line "Trying to ping DNS: $SRV_IP"
expect_no_contains "Ping to Gateway failed"
expect_image vmlinuz "http://mirror.centos.org$cp/vmlinuz" \
	"initrd=initrd.img network ksdevice=bootif ks.device=bootif BOOTIF=01-00-f0-54-1a-7e-e0 ks=http://foreman.example.com/unattended/provision?static=1 ip=$CLI::$SRV_IP:255.255.255.0:snapshot-ipv4-static-el7:eth0:none nameserver=$SRV_IP fips=1"
expect_line "Failed to chainload from any network interface"
expect_line script-returned

# Ubuntu autoinstall: ";" inside a word does not split the command.
SED=$SED serve foreman/preseed_autoinstall.ubuntu4dhcp.ipxe foreman/preseed.ipxe
standin ubuntu/casper/vmlinuz ubuntu/casper/initrd
run foreman-preseed "$H/foreman/preseed.ipxe"
expect_reqs foreman-preseed "200 /foreman/preseed.ipxe" \
	"200 /ubuntu/casper/vmlinuz" "200 /ubuntu/casper/initrd"
expect_image vmlinuz "http://archive.ubuntu.com/ubuntu/casper/vmlinuz" \
	"initrd=initrd root=/dev/rd/0 rw auto ip=dhcp ramdisk_size=1500000 fsck.mode=skip autoinstall url=http://archive.ubuntu.com:80/ubuntu.iso cloud-config-url=/dev/null ds=nocloud-net;s=http://foreman.example.com/userdata/00-f0-54-1a-7e-e0/ console-setup/ask_detect=false locale=en_US localechooser/translation/warn-light=true localechooser/translation/warn-severe=true hostname=snapshot-ipv4-dhcp-ubuntu20 domain=snap.example.com"

# The global default menu: "d" is discovery from next-server:8000;
# its boot fails to the shell, where the harness types poweroff.
# "l" is the local boot (exit 1).
fdi=/httpboot/boot/fdi-image
standin $fdi/vmlinuz0 $fdi/initrd0.img
SED=$SED serve foreman/global_default.host4dhcp.ipxe foreman/default.ipxe
KEYS=$'dpoweroff\n' run foreman-discovery "$H/foreman/default.ipxe"
expect_rc 65
expect_reqs foreman-discovery "200 /foreman/default.ipxe" \
	"200 $fdi/vmlinuz0" "200 $fdi/initrd0.img"
expect_image vmlinuz0 "$H:8000$fdi/vmlinuz0" \
	"initrd=initrd0.img rootflags=loop root=live:/fdi.iso rootfstype=auto ro rd.live.image acpi=force rd.luks=0 rd.md=0 rd.dm=0 rd.lvm=0 rd.bootif=0 rd.neednet=0 nomodeset nokaslr proxy.url=http://foreman.example.com proxy.type=foreman BOOTIF=01-$MAC fdi.initnet=bootif"
expect_line "Boot failed, dropping to shell"
KEYS=l run foreman-localmenu "$H/foreman/default.ipxe"
expect_reqs foreman-localmenu "200 /foreman/default.ipxe"
expect_line script-returned

# --- The template sources, filled by the harness.  Warewulf's Go
# template by sed, with this node's values (served by MAC, like
# Warewulf's own server).
SED="s/{{.Fqdn}}/node1.corpus.test/;s/{{.ContainerName}}/rocky-9/
s/{{.KernelVersion}}/5.14.0/;s/{{.KernelArgs}}/quiet console=ttyS0/g
s/{{.Ipaddr}}/$SRV_IP/;s/{{.Port}}/9873/;s/{{.Hwaddr}}/$MAC/g
s/^sleep 15$/imgstat/" serve warewulf/default.ipxe.gotmpl warewulf-tmpl.ipxe
standin kernel/$MAC container/$MAC kmods/$MAC overlay-system/$MAC \
	overlay-runtime/$MAC
run warewulf-tmpl "$H/warewulf-tmpl.ipxe"
expect_rc 64
expect_reqs warewulf-tmpl "200 /warewulf-tmpl.ipxe" "200 /kernel/$MAC" \
	"200 /container/$MAC" "200 /kmods/$MAC" "200 /overlay-system/$MAC" \
	"200 /overlay-runtime/$MAC"
expect_line "Warewulf v4 now booting: node1.corpus.test"
expect_image kernel "$H:9873/kernel/$MAC" \
	"initrd=container initrd=kmods initrd=system initrd=runtime quiet console=ttyS0"

# Ironic's boot template by sed: configs under pxelinux.cfg/, the
# inspector as fallback script.  No config exists, so the inspector.
SED='s|{{ ipxe_for_mac_uri }}|pxelinux.cfg/|g
s|{{ ipxe_fallback_script }}|inspector.ipxe|
/^{% \(if\|endif\) .*%}$/d' \
	serve openstack-ironic/prod__boot.ipxe.jinja ironic/prod-boot.ipxe
run ironic-prod-boot "$H/ironic/prod-boot.ipxe"
expect_reqs ironic-prod-boot "200 /ironic/prod-boot.ipxe" \
	"404 /ironic/pxelinux.cfg/$HEXHYP" "200 /ironic/inspector.ipxe" \
	"200 /ironic-python-agent.kernel" "200 /ironic-python-agent.initramfs"
expect_contains "ironic-python-agent.kernel: Exec format error"

# The Jinja templates with loops and macros by python3's jinja2 (when
# it is installed), with the values given as JSON.
render_j2() {
	python3 - "$S/$1" "$TFTP/$2" "$3" <<'PY'
import json, sys, jinja2
src, dest, values = sys.argv[1:]
with open(src) as f:
    text = jinja2.Template(f.read()).render(enumerate=enumerate,
                                            **json.loads(values))
with open(dest, "w") as f:
    f.write(text + "\n")
PY
}
if python3 -c 'import jinja2' 2>/dev/null; then
	# Ironic's config for the deploy ramdisk, served for this MAC.
	render_j2 openstack-ironic/prod__ipxe_config.template.jinja \
		"ironic/pxelinux.cfg/$HEXHYP" "{\"pxe_options\": {
		\"ipxe_timeout\": 0, \"pxe_append_params\": \"test_param\",
		\"deployment_aki_path\": \"$H:1234/deploy_kernel\",
		\"deployment_ari_path\": \"$H:1234/deploy_ramdisk\",
		\"iscsi_volumes\": []}}"
	# Its boot fails, then net1 is missing: the inspector again.
	run ironic-prod-config "$H/ironic/prod-boot.ipxe"
	expect_reqs ironic-prod-config "200 /ironic/prod-boot.ipxe" \
		"200 /ironic/pxelinux.cfg/$HEXHYP" "200 /deploy_kernel" \
		"200 /deploy_ramdisk" "200 /ironic/inspector.ipxe" \
		"200 /ironic-python-agent.kernel" \
		"200 /ironic-python-agent.initramfs"
	expect_contains "deploy_kernel: Exec format error"
	# metal3's inspector without per-architecture images, with the
	# CA bundle.
	render_j2 metal3/inspector.ipxe.j2 metal3/j2.ipxe "{\"env\": {
		\"IRONIC_IPA_BASE_URL\": \"$H:6180\",
		\"IRONIC_IPA_COLLECTORS\": \"default,extra-hardware,logs\",
		\"IRONIC_ENABLE_VLAN_INTERFACES\": \"all\",
		\"IRONIC_INJECT_IPA\": \"true\",
		\"IRONIC_KERNEL_PARAMS\": \"console=ttyS0\"}}"
	run metal3-j2 "$H/metal3/j2.ipxe"
	expect_reqs metal3-j2 "200 /metal3/j2.ipxe" \
		"200 /images/ironic-python-agent.kernel" \
		"200 /images/ironic-python-agent.initramfs" \
		"200 /ipa-cacert-bundle"
	expect_image ironic-python-agent.kernel \
		"$H:6180/images/ironic-python-agent.kernel" \
		"$ipa initrd=ipa-cacert-bundle console=ttyS0"
else
	cxt_log "no python3 jinja2: the Jinja template sources not run"
fi

cxt_finish
