/* malloc, realloc, free, zalloc and heap_free_bytes over the one region
 * the platform hands out with heap_region(), and DMA memory over the
 * platform's dma_heap(). */
#include <stdlib.h>
#include <string.h>
#include <cxboot/heap.h>
#include <cxboot/malloc.h>

static struct heap heap;

struct heap *malloc_heap(void)
{
	void *start;
	size_t len;

	if (!heap.lo && (heap_region(&start, &len) != 0 ||
			 heap_init(&heap, start, len) != 0))
		return NULL;
	return &heap;
}

void *malloc(size_t size)
{
	return malloc_heap() ? heap_alloc(&heap, size) : NULL;
}

void free(void *ptr)
{
	heap_free(&heap, ptr, "free");
}

void *realloc(void *ptr, size_t size)
{
	return malloc_heap() ? heap_realloc(&heap, ptr, size) : NULL;
}

void *zalloc(size_t size)
{
	void *p = malloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

size_t heap_free_bytes(void)
{
	return malloc_heap() ? heap_free_space(&heap) : 0;
}
