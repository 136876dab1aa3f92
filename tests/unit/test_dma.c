/* Unit tests for DMA memory (malloc_phys/free_phys): every alignment a
 * driver asks for is met, the whole size is usable without touching
 * neighbours, and freeing gives everything back to the heap. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/malloc.h>
#include "test.h"

UNIT_TEST(dma_alignment)
{
	static const size_t aligns[] = { 1, 2, 8, 16, 128, 4096, 65536 };
	static const size_t sizes[] = { 1, 16, 100, 4096, 12288, 70000 };
	void *guard = malloc(64);

	memset(guard, 0x5a, 64);
	for (unsigned int a = 0; a < sizeof(aligns) / sizeof(aligns[0]); a++) {
		for (unsigned int s = 0; s < sizeof(sizes) / sizeof(sizes[0]);
		     s++) {
			uint8_t *p = malloc_phys(sizes[s], aligns[a]);

			ok(p != NULL);
			if (!p)
				continue;
			ok(((uintptr_t)p & (aligns[a] - 1)) == 0);
			memset(p, 0xa5, sizes[s]);
			ok(p[0] == 0xa5 && p[sizes[s] - 1] == 0xa5);
			free_phys(p, sizes[s]);
		}
	}
	ok(((uint8_t *)guard)[0] == 0x5a && ((uint8_t *)guard)[63] == 0x5a);
	free(guard);
}

UNIT_TEST(dma_bad_requests)
{
	ok(malloc_phys(64, 48) == NULL);	/* not a power of two */
	free_phys(NULL, 0);
}

/* The sanitizer build's heap is the host's, which aborts instead. */
#ifndef HOSTED_LIBC
UNIT_TEST(dma_too_big)
{
	ok(malloc_phys((size_t)-1 - 8, 4096) == NULL);
	ok(malloc_phys((size_t)-1 / 2, 4096) == NULL);
}

UNIT_TEST(dma_free_returns_memory)
{
	size_t before = heap_free_bytes();
	void *p[8];

	for (unsigned int i = 0; i < 8; i++)
		p[i] = malloc_phys(4096 * (i + 1), 4096);
	ok(heap_free_bytes() < before);
	for (unsigned int i = 0; i < 8; i += 2)
		free_phys(p[i], 4096 * (i + 1));
	for (unsigned int i = 1; i < 8; i += 2)
		free_phys(p[i], 4096 * (i + 1));
	ok(heap_free_bytes() == before);
}
#endif
