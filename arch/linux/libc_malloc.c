/* The sanitizer build's heap is the host allocator, so AddressSanitizer
 * sees every allocation.  malloc, realloc and free come from the host C
 * library directly; zalloc is ours on top of it.  DMA memory is the
 * hosted DMA region as in the plain build (src/dma.c, arch/linux/dma.c). */
#include <stdlib.h>
#include <string.h>
#include <cxboot/malloc.h>

void *zalloc(size_t size)
{
	void *p = malloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}
