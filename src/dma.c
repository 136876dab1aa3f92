/* DMA memory: malloc_phys/free_phys over the platform's dma_heap(),
 * which on a PC is the heap itself (one stretch of physical memory, so
 * any block is contiguous) and in the hosted build a region of its own
 * that simulated devices can check addresses against. */
#include <cxboot/heap.h>
#include <cxboot/malloc.h>

void *malloc_phys(size_t size, size_t align)
{
	struct heap *heap = dma_heap();

	return heap ? heap_alloc_aligned(heap, size, align) : NULL;
}

void free_phys(void *ptr, size_t size)
{
	struct heap *heap = dma_heap();

	if (heap)
		heap_free_aligned(heap, ptr);
}
