# Disk images for the SAN boot tests, sourced after lib.sh:
#   di_boot_sector OUT [CC_ARGS...]
#                                tests/qemu/diskboot.S assembled (with
#                                -D options for its variants)
#   di_image OUT BOOT BLOCKS     a disk of BLOCKS blocks of 512 bytes:
#                                block 0 is the file BOOT (one sector),
#                                block N (N > 0) starts with the dword N
#                                and ends with its complement
DI_BLOCKS=32768			# 16 MiB: two of the made-up cylinders
DI_CHS_BLOCK=16195		# cylinder 1, head 2, sector 5 in 255/63

di_boot_sector() {
	local src
	src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/diskboot.S
	cc -m32 -c -DDISK_BLOCKS=$DI_BLOCKS -DCHS_BLOCK=$DI_CHS_BLOCK \
		"${@:2}" -o "$1.o" "$src" &&
	ld -m elf_i386 -Ttext=0x7c00 -e _start --oformat binary \
		-o "$1" "$1.o" &&
	[ "$(stat -c %s "$1")" = 512 ] || qt_die "diskboot.S: not one sector"
}

di_image() {
	python3 - "$1" "$2" "$3" <<'PY'
import struct, sys
out, boot, blocks = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(out, "wb") as f:
    f.write(open(boot, "rb").read().ljust(512, b"\0")[:512])
    for n in range(1, blocks):
        f.write(struct.pack("<I", n) + bytes(504) +
                struct.pack("<I", n ^ 0xffffffff))
PY
}
