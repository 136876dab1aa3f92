/* Describing SAN drives to the OS: the iBFT in base memory.
 *
 * On a BIOS machine the OS finds the table by its "iBFT" signature on a
 * 16-byte boundary between 512 KiB and 1 MiB (Linux scans 0x80000 to
 * 0xFFFFF in steps of 16, skipping the VGA area 0xA0000-0xBFFFF, and
 * wants the whole table below 1 MiB).  The table goes at the top of
 * base memory, in a block taken off the size at 40:13h so that the OS
 * leaves it alone.  The block is taken when the first drive is
 * described and given back when none is left, unless someone took
 * base memory below it since; then it stays, zeroed, for next time. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bios.h>
#include <cxboot/ibft.h>
#include <cxboot/san.h>

#define IBFT_BLOCK_KB (IBFT_MAX_SIZE / 1024)
#define IBFT_SCAN_START 0x80000
/* Our real-mode area: one segment from prefix_area() (as bzimage.c). */
#define RM_AREA_SIZE 0x10000

static uint8_t *block;        /* NULL until taken */
static uint16_t block_fbms;   /* 40:13h as we left it */
static uint16_t taken_kb;     /* what we took off it */

static uint16_t *fbms(void)
{
	return real_to_flat(0x40, 0x13);
}

/* The block goes below the base-memory size and below our own
 * real-mode area if that lies in the way: a .lkrn's loader may have put
 * it near the top without taking it off 40:13h. */
static int take_block(void)
{
	uint32_t top = *fbms() * 1024u;
	uint32_t ours = (uintptr_t)prefix_area();

	if (ours < top && ours + RM_AREA_SIZE > top - IBFT_MAX_SIZE)
		top = ours & ~1023u;
	if (top < IBFT_SCAN_START + IBFT_MAX_SIZE)
		return -ENOMEM;
	block_fbms = top / 1024 - IBFT_BLOCK_KB;
	taken_kb = *fbms() - block_fbms;
	*fbms() = block_fbms;
	block = real_to_flat(block_fbms << 6, 0);
	return 0;
}

static void clear_block(void)
{
	memset(block, 0, IBFT_MAX_SIZE);
	if (*fbms() == block_fbms) {
		*fbms() += taken_kb;
		block = NULL;
	}
}

void arch_san_describe(void)
{
	uint8_t *table = malloc(IBFT_MAX_SIZE);
	int len = table ? ibft_build_san(table, IBFT_MAX_SIZE) : -ENOMEM;

	if (len > 0 && !block) {
		int rc = take_block();

		if (rc)
			len = rc;
	}
	if (len > 0) {
		memset(block, 0, IBFT_MAX_SIZE);
		memcpy(block, table, len);
	} else if (block) {
		clear_block();
	}
	if (len < 0)
		printf("SAN drives not described to the OS (iBFT): %s\n",
		       strerror(len));
	free(table);
}
