#!/bin/bash
# A BIOS-bootable disk image for the SAN boot tests: an MBR (SYSLINUX's
# own boot code) with one active FAT partition at 1 MiB holding
# SYSLINUX, a kernel, its initrds and a syslinux.cfg that boots them.
#
#   tests/qemu/mkdisk.sh OUT SIZE_MIB KERNEL INITRD[,INITRD...] APPEND...
#
# Needs syslinux, syslinux-common and mtools (no root, no mounts).
set -euo pipefail

out=$1 size=$2 kernel=$3 initrd=$4
shift 4
start=2048                               # first sector of the partition
sectors=$((size * 2048 - start))
mbr=/usr/lib/syslinux/mbr/mbr.bin
[ -r "$mbr" ] || { echo "mkdisk: $mbr missing (syslinux-common)" >&2; exit 1; }

rm -f "$out"
truncate -s "${size}M" "$out"
# The boot code, then one partition entry: active, type 0x0e (FAT16,
# addressed by LBA), CHS fields at their "use LBA" maximum, start, size.
dd if="$mbr" of="$out" bs=440 count=1 conv=notrunc status=none
python3 - "$out" "$start" "$sectors" <<'PY'
import struct, sys
path, start, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
entry = struct.pack("<B3sB3sII", 0x80, b"\xfe\xff\xff", 0x0e,
                    b"\xfe\xff\xff", start, count)
with open(path, "r+b") as f:
    f.seek(446)
    f.write(entry + bytes(48) + b"\x55\xaa")
PY
img="$out@@$((start * 512))"
mformat -i "$img" -T "$sectors" -h 255 -s 63 -H "$start" -v SANBOOT ::
cat >"$out.cfg" <<CFG
DEFAULT linux
PROMPT 0
LABEL linux
  KERNEL vmlinuz
  INITRD $(IFS=,; n=0; for f in $initrd; do
	[ $n = 0 ] || printf ,; printf 'initrd%d.gz' $n; n=$((n + 1)); done)
  APPEND $*
CFG
mcopy -i "$img" "$kernel" ::vmlinuz
n=0
IFS=, read -ra initrds <<<"$initrd"
for f in "${initrds[@]}"; do
	mcopy -i "$img" "$f" ::initrd$n.gz
	n=$((n + 1))
done
mcopy -i "$img" "$out.cfg" ::syslinux.cfg
rm -f "$out.cfg"
syslinux --install --offset $((start * 512)) "$out"
