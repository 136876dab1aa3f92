#!/bin/bash
# SAN boot from an iSCSI disk (tgt, LUN 1) on the .lkrn: the disk's boot
# sector (tests/qemu/diskboot.S) reads it through INT 13h, every call
# an iSCSI command, and finds every block's contents; INT 13h 48h
# describes the disk as SCSI LUN 1 behind the NIC's PCI slot, and 43h
# writes blocks 1-8 to 20000-20007 of the target's file.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netboot-lib.sh"
. "$(dirname "$0")/diskimg.sh"
qt_init sanboot-iscsi "${1:-bin/cxboot.lkrn}"
nb_init 65
nb_tap tap0
# The NIC is QEMU's first PCI device after the host bridge and VGA
# (slot 3); the LUN is 1.
di_boot_sector "$WORK/boot.bin" -DEDD_SCSI_LUN=1 -DEDD_PCI_SLOT=3 \
	-DWRITE_BLOCK=20000
di_image "$WORK/disk.img" "$WORK/boot.bin" "$DI_BLOCKS"
nb_tgt "$WORK/disk.img"
nb_dnsmasq
nb_nic virtio-net-pci tap0 52:54:00:65:00:01

printf '#!ipxe\ndhcp net0\nsanboot iscsi:%s:::1:%s\n' "$SRV_IP" "$NB_IQN" \
	>"$WORK/boot.ipxe"
qt_boot iscsi -nographic -kernel "$IMAGE" -initrd "$WORK/boot.ipxe" \
	"${NB_NICS[@]}"
expect_output "the iSCSI disk's boot sector reads it through INT 13h" \
	"DISKBOOT-OK drive 80 disks 01" 120
written=$(python3 - "$WORK/disk.img" <<'PY'
import struct, sys
with open(sys.argv[1], "rb") as f:
    f.seek(20000 * 512)
    data = f.read(8 * 512)
print(" ".join(str(struct.unpack_from("<I", data, i * 512)[0])
               for i in range(8)))
PY
)
expect_true "INT 13h 43h wrote the blocks to the target ($written)" \
	"[ '$written' = '1 2 3 4 5 6 7 8' ]"
qt_finish
