/* A heap over one region of memory: first-fit blocks with a header,
 * free blocks merged with their neighbours.  malloc() runs one over the
 * platform's heap_region(); DMA memory (malloc_phys) runs over
 * dma_heap(), which a platform may keep apart from the rest.
 *
 * Under AddressSanitizer everything but the bytes handed out is
 * poisoned: block headers, alignment slack, rounding and free space. */
#ifndef CXBOOT_HEAP_H
#define CXBOOT_HEAP_H
#include <stddef.h>
#include <stdint.h>

struct heap_block;
struct heap {
	uintptr_t lo, hi;		/* 0 until heap_init() */
	struct heap_block *free_list;	/* in address order */
	size_t used;			/* blocks in use */
};

/* 0, or -1 when the region is too small to hold a block. */
int heap_init(struct heap *heap, void *start, size_t len);
void *heap_alloc(struct heap *heap, size_t size);
/* NULL ptr is ignored; caller names the function for messages. */
void heap_free(struct heap *heap, void *ptr, const char *caller);
void *heap_realloc(struct heap *heap, void *ptr, size_t size);
/* Start aligned to align (a power of two); freed by heap_free_aligned. */
void *heap_alloc_aligned(struct heap *heap, size_t size, size_t align);
void heap_free_aligned(struct heap *heap, void *ptr);
size_t heap_free_space(const struct heap *heap);
/* Give up the heap's free top beyond reserve bytes above its highest
 * block in use, for good (what the firmware keeps while an operating
 * system runs beside it).  Returns the new end of the heap. */
uintptr_t heap_shrink(struct heap *heap, size_t reserve);
/* Give up the largest free block below the heap's top, for good:
 * [*start, *end) is no longer the heap's.  -1 if there is none. */
int heap_take_hole(struct heap *heap, uintptr_t *start, uintptr_t *end);
/* Whether p points into the heap's region. */
static inline int heap_holds(const struct heap *heap, const void *p)
{
	return (uintptr_t)p >= heap->lo && (uintptr_t)p < heap->hi;
}

/* The heap malloc() uses, and the one DMA memory comes from (a
 * platform hook; it may be the same). NULL when there is none. */
struct heap *malloc_heap(void);
struct heap *dma_heap(void);

#endif
