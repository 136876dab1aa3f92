/* The PC's memory map (INT 15h E820) and what must stay out of the heap. */
#ifndef X86_MEMMAP_H
#define X86_MEMMAP_H
#include <stdint.h>

/* Keep [start, start + len) out of the heap.  Only effective before the
 * first allocation, which places the heap. */
void memmap_reserve(uint32_t start, uint32_t len);

#endif
