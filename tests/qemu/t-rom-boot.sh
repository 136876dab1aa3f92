#!/bin/bash
# The expansion ROM as SeaBIOS runs it, for virtio-net and e1000: at POST
# the banner and "Press Ctrl-B to configure ..." (for about
# BANNER_TIMEOUT_SEC) with the product name and PCI address; then, booting
# from the network, the boot entry starts the firmware, which runs
# autoboot; when that fails (QEMU's user network offers no boot file)
# control goes back to SeaBIOS, which tries its next boot device.  A ROM
# whose compressed payload is damaged says so and goes back to SeaBIOS
# the same way.
. "$(dirname "$0")/lib.sh"

bin=$(dirname "${1:-bin/cxboot.lkrn}")
version=$(sed -n 's/^VERSION *:= *//p' Makefile)
timeout=$(sed -n 's/^#define BANNER_TIMEOUT_SEC //p' config/general.h)
qt_init rom-boot "$bin/1af41000.rom"

for nic in virtio-net-pci:1af41000 e1000:8086100e; do
	dev=${nic%%:*}
	rom=$bin/${nic#*:}.rom
	qt_boot "$dev" -nographic -boot n \
		-device "$dev,netdev=n0,romfile=$(realpath "$rom")" \
		-netdev user,id=n0
	expect_output "$dev: banner at POST" \
		"cxboot $version (PCI 00:03.0) -- network boot firmware" 60
	expect_output "$dev: Ctrl-B prompt at POST" \
		"Press Ctrl-B to configure cxboot $version (PCI 00:03.0)..." 10
	start=$(qt_now)
	if qt_wait "Booting from ROM" 30; then
		elapsed=$(awk -v a="$start" -v b="$(qt_now)" \
			'BEGIN { printf "%.2f", b - a }')
		expect_between "$dev: POST prompt waits about ${timeout} s" \
			"$elapsed" "$(awk -v t="$timeout" 'BEGIN { print t * 0.75 }')" \
			$((timeout + 6))
	else
		qt_fail "$dev: SeaBIOS boots from the ROM"
	fi
	expect_output "$dev: the boot entry starts the firmware" \
		"cxboot $version (PCI 00:03.0) starting" 30
	expect_output "$dev: autoboot runs on the ROM's NIC" "DHCP (net0" 30
	expect_output "$dev: a failed boot returns to the BIOS" \
		"Returning to the BIOS" 60
	expect_output "$dev: SeaBIOS tries its next boot device" \
		"Booting from Floppy" 30
	kill "$QT_PID" 2>/dev/null || true
	wait "$QT_PID" 2>/dev/null || true
done

# One byte of the payload changed, the ROM's byte sum fixed again.
at=$((0x$(nm "$bin/cxboot.rom.elf" | sed -n 's/ A _payload_offset$//p') + 5000))
cp "$IMAGE" "$WORK/damaged.rom"
if [ "$(od -An -tu1 -j "$at" -N1 "$WORK/damaged.rom")" -eq 0 ]; then
	new='\001'
else
	new='\000'
fi
printf "$new" | dd of="$WORK/damaged.rom" bs=1 seek="$at" conv=notrunc \
	2>/dev/null
"$bin/util/romfix" rom "$WORK/damaged.rom" >/dev/null
qt_boot damaged -nographic -boot n \
	-device "virtio-net-pci,netdev=n0,romfile=$WORK/damaged.rom" \
	-netdev user,id=n0
expect_output "damaged payload: SeaBIOS boots from the ROM" \
	"Booting from ROM" 60
expect_output "damaged payload: refused with a clear message" \
	"The firmware image is damaged" 30
expect_output "damaged payload: SeaBIOS tries its next boot device" \
	"Booting from Floppy" 30

qt_finish
