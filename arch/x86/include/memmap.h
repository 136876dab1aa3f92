/* The PC's memory map (INT 15h E820) and what must stay out of the heap. */
#ifndef X86_MEMMAP_H
#define X86_MEMMAP_H
#include <stdint.h>

/* Keep [start, start + len) out of the heap.  Only effective before the
 * first allocation, which places the heap. */
void memmap_reserve(uint32_t start, uint32_t len);

/* The i-th stretch of RAM below 4 GiB in the BIOS's map, [*start, *end);
 * -1 past the last one.  Valid once the heap is placed. */
int memmap_ram(unsigned int i, uint32_t *start, uint32_t *end);

#endif
