/* The bzImage loader's arithmetic, apart from the hardware so that unit
 * tests can check it: reading a Linux kernel's setup header (Linux/x86
 * boot protocol, Documentation/arch/x86/boot.rst) and its "vga=" option.
 * Places in memory come from memplace.h. */
#ifndef X86_IMAGE_BZIMAGE_H
#define X86_IMAGE_BZIMAGE_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "../include/memplace.h"

/* Offsets of setup header fields in the image (and in the loaded
 * real-mode part). */
#define BZ_SETUP_SECTS 0x1f1
#define BZ_SYSSIZE 0x1f4
#define BZ_VID_MODE 0x1fa
#define BZ_BOOT_FLAG 0x1fe
#define BZ_HEADER 0x202
#define BZ_VERSION 0x206
#define BZ_TYPE_OF_LOADER 0x210
#define BZ_LOADFLAGS 0x211
#define BZ_CODE32_START 0x214
#define BZ_RAMDISK_IMAGE 0x218
#define BZ_RAMDISK_SIZE 0x21c
#define BZ_HEAP_END_PTR 0x224
#define BZ_CMD_LINE_PTR 0x228
#define BZ_INITRD_ADDR_MAX 0x22c
#define BZ_KERNEL_ALIGNMENT 0x230
#define BZ_RELOCATABLE 0x234
#define BZ_CMDLINE_SIZE 0x238
#define BZ_PREF_ADDRESS 0x258
#define BZ_INIT_SIZE 0x260
#define BZ_HEADER_END 0x264	/* last field we read, for protocol 2.10 */

#define BZ_LOADED_HIGH 0x01
#define BZ_KEEP_SEGMENTS 0x40
#define BZ_CAN_USE_HEAP 0x80

#define BZ_MIN_VERSION 0x020a	/* pref_address and init_size */

/* Layout of the real-mode part once loaded: setup code, then its heap
 * and stack up to BZ_HEAP_END, then the command line. */
#define BZ_HEAP_END 0xe000
#define BZ_CMDLINE_MAX 0x2000	/* room after BZ_HEAP_END, NUL included */

struct bz_header {
	uint16_t version;
	uint32_t setup_len;		/* boot sector and setup code */
	uint32_t pm_len;		/* the protected-mode part in the file */
	uint32_t init_size;		/* what it needs where it is loaded */
	uint32_t pref_address;
	uint32_t kernel_alignment;
	bool relocatable;
	uint64_t initrd_end_max;	/* initrd_addr_max + 1 */
	uint32_t cmdline_max;		/* longest command line, NUL excluded */
};

/* Read the header of a kernel image of len bytes.  Returns 0, -ENOEXEC
 * (not a Linux kernel), -ENOTSUP (a kind or protocol version we do not
 * load) or -EINVAL (truncated), with a one-line reason in why. */
int bz_parse(const void *data, size_t len, struct bz_header *hdr,
	     char *why, size_t why_len);

/* A vid_mode from a command line's "vga=" option: "normal", "ext",
 * "ask" or a number; dflt when there is none or it makes no sense. */
uint16_t bz_vid_mode(const char *cmdline, uint16_t dflt);

#endif
