/* The PC's memory map (INT 15h E820) and what must stay out of the heap. */
#ifndef X86_MEMMAP_H
#define X86_MEMMAP_H
#include <stdint.h>
#include <cxboot/compiler.h>

#define SMAP 0x534d4150			/* "SMAP", E820's signature */
#define E820_RAM 1
#define E820_ATTR_ENABLED 0x1		/* ACPI 3.0 extended attributes */

/* An entry of the map as INT 15h E820 gives it (24 bytes with the
 * extended attributes; 20 without). */
struct e820_entry {
	uint64_t base, len;
	uint32_t type, attr;
} __packed;

/* One INT 15h E820 call: the entry after continuation *cont (0 for
 * the first), and the next continuation (0 after the last).  -1 when
 * the BIOS gives none. */
int e820_next(uint32_t *cont, struct e820_entry *entry);

/* Keep [start, start + len) out of the heap.  Only effective before the
 * first allocation, which places the heap. */
void memmap_reserve(uint32_t start, uint32_t len);

/* Read the BIOS's map (once; later calls return the first result).
 * 0 or -1 if the BIOS gives none. */
int memmap_init(void);

/* The highest start, a multiple of align, of size bytes of RAM below
 * 4 GiB clear of the reservations and of [avoid_start, avoid_end); 0 if
 * there is none. */
uint32_t memmap_top(uint32_t size, uint32_t align, uint32_t avoid_start,
		    uint32_t avoid_end);

/* The BIOS's E820 map as read (no entries if it has none). */
const struct e820_entry *memmap_e820(unsigned int *n);

/* The firmware stays in memory beside the operating system it starts
 * (a SAN boot): the heap keeps what it uses and a few MiB of room, and
 * the rest of it (its free top and its largest free hole, where a
 * download was) is the system's, no longer hidden. */
void memmap_resident(void);

/* The i-th stretch of RAM below 4 GiB in the BIOS's map, [*start, *end);
 * -1 past the last one.  Valid after memmap_init(). */
int memmap_ram(unsigned int i, uint32_t *start, uint32_t *end);

#endif
