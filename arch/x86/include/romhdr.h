/* Layout of the expansion ROM image (arch/x86/prefix/romprefix.S),
 * shared with the tool that stamps it (util/romfix.c) and with the C
 * side that reads what the initialisation code left behind
 * (arch/x86/core/rom.c, through prefix_area()).
 *
 * Facts from the PCI Firmware Specification 3.0 ("PCI Expansion ROM
 * Header", "PCI Data Structure") and the Plug and Play BIOS
 * Specification 1.0A ("Option ROM Header", "Expansion Header"). */
#ifndef X86_ROMHDR_H
#define X86_ROMHDR_H

/* Expansion ROM header */
#define ROM_SIGNATURE 0xaa55		/* bytes 55h AAh */
#define ROM_SIZE 0x02			/* byte: image size in 512-byte units */
#define ROM_INIT 0x03			/* initialisation entry (far call) */
#define ROM_CHECKSUM 0x06		/* ours: makes the byte sum zero */
#define ROM_PCIR_PTR 0x18		/* word: offset of the PCIR structure */
#define ROM_PNP_PTR 0x1a		/* word: offset of the $PnP header */

/* PCI Data Structure, revision 3 */
#define ROM_PCIR 0x1c
#define PCIR_SIGNATURE 0x52494350	/* "PCIR" */
#define PCIR_VENDOR 0x04
#define PCIR_DEVICE 0x06
#define PCIR_DEVLIST 0x08
#define PCIR_LENGTH 0x0a
#define PCIR_REVISION 0x0c
#define PCIR_CLASS 0x0d			/* 3 bytes: prog-if, sub, base */
#define PCIR_IMAGE_LEN 0x10		/* word, 512-byte units */
#define PCIR_CODE_REV 0x12
#define PCIR_CODE_TYPE 0x14		/* 0: x86 PC-AT */
#define PCIR_INDICATOR 0x15		/* bit 7: last image */
#define PCIR_RUNTIME_LEN 0x16		/* word, 512-byte units */
#define PCIR_CONFIG_PTR 0x18
#define PCIR_CLP_PTR 0x1a
#define PCIR_SIZE 0x1c
#define PCIR_LAST_IMAGE 0x80

/* A .mrom: the BIOS copies only the first image (this prefix, the
 * "stub"); the compressed payload follows in the ROM under a dummy
 * header (code type PCIR_CODE_NONE, which the BIOS skips), and the
 * initialisation code reads it from the ROM BAR.  Zero in a .rom. */
#define ROM_MROM_OFFSET 0x10		/* dword: the stream's offset in
					 * the ROM */
#define ROM_MROM_LENGTH 0x14		/* dword: its length */
#define PCIR_CODE_NONE 0xff
#define MROM_DUMMY_SIZE 0x40		/* dummy header + PCIR, padded */
#define MROM_MAX_UNITS 0xffff		/* PCIR image length, 32 MiB */

/* What the initialisation code leaves for the boot entry and for C */
#define ROM_PAYLOAD_ADDR 0x38		/* dword: flat address of the
					 * compressed payload when it was
					 * moved out of the ROM, else 0 */
#define ROM_BUSDEVFN 0x3c		/* word: our PCI function */
#define ROM_FLAGS 0x3e			/* byte: ROM_FLAG_* */
#define ROM_FLAG_CTRL_B 0x01		/* Ctrl-B pressed during POST */
#define ROM_FLAG_PMM 0x02		/* payload moved with PMM */

/* Plug and Play expansion header */
#define ROM_PNP 0x40
#define PNP_SIGNATURE 0x506e5024	/* "$PnP" */
#define PNP_REVISION 0x04
#define PNP_LENGTH 0x05			/* in 16-byte units */
#define PNP_NEXT 0x06
#define PNP_CHECKSUM 0x09
#define PNP_DEVICE_ID 0x0a
#define PNP_MANUFACTURER 0x0e		/* word: offset of a string */
#define PNP_PRODUCT 0x10		/* word: offset of a string */
#define PNP_TYPE 0x12			/* 3 bytes: base, sub, interface */
#define PNP_INDICATORS 0x15
#define PNP_BCV 0x16
#define PNP_DV 0x18
#define PNP_BEV 0x1a
#define PNP_SIZE 0x20
#define PNP_IND_SHADOW 0x40		/* may be shadowed in RAM */
#define PNP_IND_IPL 0x04		/* an initial program load device */

/* The product name (boot menu entry): a NUL-padded field.  The build
 * stamps "<name> <version>"; the initialisation code appends the PCI
 * address (" (PCI bb:dd.f)", ROM_PCI_SUFFIX_LEN characters). */
#define ROM_PRODUCT 0x60
#define ROM_PRODUCT_SIZE 0x40
#define ROM_PCI_SUFFIX_LEN 14

/* The Mellanox ROM-info block that flint/mstflint read ("qrom"): the
 * tag "mlxsign:" then three little-endian dwords.  The build stamps it
 * into ConnectX ROMs only (elsewhere it stays zeros), so that the tag
 * occurs once in the file: mstflint takes every occurrence as a ROM. */
#define ROM_MLX_INFO 0xa0
#define MLX_INFO_TAG "mlxsign:"
#define MLX_INFO_TAG_LEN 8
#define MLX_INFO_SIZE (MLX_INFO_TAG_LEN + 12)
#define MLX_PRODUCT_PXE 0x10		/* dword 0 [31:16]; major [7:0] */
					/* dword 1: minor [23:16],
					 * subminor [15:0] */
					/* dword 2: device ID [31:16], port
					 * [15:12] (0: all), CPU [11:8],
					 * protocol [7:0] */
#define MLX_PROTO_ETH 1

/* The image is at most 255 units of 512 bytes (the size byte). */
#define ROM_MAX_SIZE (255 * 512)

#endif
