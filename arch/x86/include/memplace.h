/* Free places in a memory map (arch/x86/core/memplace.c). */
#ifndef X86_MEMPLACE_H
#define X86_MEMPLACE_H
#include <stdint.h>

struct mem_range {
	uint32_t start, end;		/* [start, end) */
};

/* The highest (place_high) or lowest at or above floor (place_low)
 * start, a multiple of align (a power of two), of size bytes that lie
 * inside one of ram[], end at or below limit, and touch none of busy[].
 * 0 when there is no such place. */
uint32_t place_high(const struct mem_range *ram, unsigned int nram,
		    const struct mem_range *busy, unsigned int nbusy,
		    uint32_t size, uint32_t align, uint64_t limit);
uint32_t place_low(const struct mem_range *ram, unsigned int nram,
		   const struct mem_range *busy, unsigned int nbusy,
		   uint32_t size, uint32_t align, uint32_t floor);

/* The parts of [start, end) outside every one of hide[] (sorted by
 * start), in order, into out[] as start and end pairs; returns how many
 * (at most nhide + 1). */
unsigned int range_subtract(uint64_t start, uint64_t end,
			    const struct mem_range *hide, unsigned int nhide,
			    uint64_t out[][2]);

#endif
