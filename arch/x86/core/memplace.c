/* Free places in a memory map: the arithmetic shared by the image's
 * move to high memory, the bzImage loader and the hiding of the
 * firmware's memory, apart from the hardware so that unit tests can
 * check it. */
#include <cxboot/compiler.h>
#include "../include/memplace.h"

/* The first of busy[] that overlaps [start, start + size), or NULL. */
static const struct mem_range *conflict(const struct mem_range *busy,
					unsigned int nbusy, uint64_t start,
					uint64_t size)
{
	for (unsigned int i = 0; i < nbusy; i++)
		if (busy[i].start < start + size && busy[i].end > start &&
		    busy[i].end > busy[i].start)
			return &busy[i];
	return NULL;
}

uint32_t place_high(const struct mem_range *ram, unsigned int nram,
		    const struct mem_range *busy, unsigned int nbusy,
		    uint32_t size, uint32_t align, uint64_t limit)
{
	uint64_t best = 0;

	for (unsigned int i = 0; i < nram; i++) {
		uint64_t lo = ram[i].start;
		uint64_t end = MIN((uint64_t)ram[i].end, limit);

		/* Each conflict moves the end down below the busy range:
		 * no place that ends higher can avoid it. */
		while (end >= lo + size) {
			uint64_t start = (end - size) & ~(uint64_t)(align - 1);
			const struct mem_range *b;

			if (start < lo)
				break;
			b = conflict(busy, nbusy, start, size);
			if (!b) {
				if (start > best)
					best = start;
				break;
			}
			end = b->start;
		}
	}
	return best;
}

uint32_t place_low(const struct mem_range *ram, unsigned int nram,
		   const struct mem_range *busy, unsigned int nbusy,
		   uint32_t size, uint32_t align, uint32_t floor)
{
	uint64_t best = UINT64_MAX;

	for (unsigned int i = 0; i < nram; i++) {
		uint64_t start = MAX(ram[i].start, floor);

		for (;;) {
			const struct mem_range *b;

			start = (start + align - 1) & ~(uint64_t)(align - 1);
			if (start + size > ram[i].end || start >= best)
				break;
			b = conflict(busy, nbusy, start, size);
			if (!b) {
				best = start;
				break;
			}
			start = b->end;
		}
	}
	return best == UINT64_MAX ? 0 : best;
}

unsigned int range_subtract(uint64_t start, uint64_t end,
			    const struct mem_range *hide, unsigned int nhide,
			    uint64_t out[][2])
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < nhide && start < end; i++) {
		if (hide[i].end <= start || hide[i].end <= hide[i].start)
			continue;
		if (hide[i].start >= end)
			break;
		if (hide[i].start > start) {
			out[n][0] = start;
			out[n][1] = hide[i].start;
			n++;
		}
		start = hide[i].end;
	}
	if (start < end) {
		out[n][0] = start;
		out[n][1] = end;
		n++;
	}
	return n;
}
