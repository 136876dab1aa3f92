/* The move of the 32-bit part from where it is unpacked (its link
 * address, 1 MiB) to the top of memory below 4 GiB, so that the low
 * megabytes stay free for what it loads: a kernel that is not
 * relocatable must go to 1 MiB, for one.
 *
 * Runs once, from pm_call's function 0 (realmode.S), at the link address
 * and before anything else in C.  The part is copied whole (code, data,
 * the cleared .bss, the stack) and the copy's absolute addresses are
 * corrected from the relocation table that the unpacker left at _end
 * (reloc.h).  What C wrote before the copy (the memory map, the loader's
 * reservations) goes along with it, and holds no pointers. */
#include <stdint.h>
#include <string.h>
#include <memmap.h>
#include <prefix.h>
#include <reloc.h>

uint32_t relocate(void);

extern char _text[], _payload_end[], _end[];

static uint32_t get_leb(const uint8_t **p)
{
	uint32_t v = 0;
	unsigned int shift = 0;
	uint8_t b;

	do {
		b = *(*p)++;
		if (shift < 32)
			v |= (uint32_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	return v;
}

/* The end of the table, or NULL if a site lies outside the part (the
 * table does not belong to this image). */
static const uint8_t *check_table(const uint8_t *table, uint32_t count)
{
	const uint8_t *p = table + 4;
	uint32_t offset = 0, last = _payload_end - _text - 4;

	for (uint32_t i = 0; i < count; i++) {
		uint32_t gap = get_leb(&p);

		if (gap > last - offset || (i && gap < 4))
			return NULL;
		offset += gap;
	}
	return p;
}

/* Returns how far the part moved (0 if it stays). */
uint32_t relocate(void)
{
	const uint8_t *table = (const uint8_t *)_end, *p, *table_end;
	uint32_t size = _end - _text, count, dest, delta, offset = 0;

	memcpy(&count, table, sizeof(count));
	table_end = check_table(table, count);
	prefix_reserve();
	if (!table_end || memmap_init() != 0)
		return 0;
	dest = memmap_top(size, RELOC_ALIGN, (uintptr_t)_text,
			  (uintptr_t)table_end);
	if (dest <= (uintptr_t)_text)
		return 0;

	memcpy((void *)dest, _text, size);
	delta = dest - (uintptr_t)_text;
	for (p = table + 4; count--; ) {
		uint32_t word;

		offset += get_leb(&p);
		memcpy(&word, (void *)(dest + offset), sizeof(word));
		word += delta;
		memcpy((void *)(dest + offset), &word, sizeof(word));
	}
	return delta;
}
