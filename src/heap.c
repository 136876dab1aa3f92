/* The heap algorithm (see <cxboot/heap.h>).
 *
 * Every block starts with a small header (size and a magic that says
 * whether it is in use).  Free blocks form one list in address order, so
 * freeing merges a block with both free neighbours and allocation is
 * first fit from the bottom.  That keeps big image buffers (tens of MiB,
 * grown by realloc while downloading) from fragmenting the heap. */
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <stdio.h>
#include <assert.h>
#include <cxboot/heap.h>

#define ALIGN 16

#define MAGIC_USED 0x6b6c4255u
#define MAGIC_FREE 0x6b6c4246u

/* Headers live in poisoned memory: the allocator itself is exempt.
 * (gcc says __SANITIZE_ADDRESS__, clang __has_feature.) */
#if defined(__SANITIZE_ADDRESS__)
#define HEAP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HEAP_ASAN 1
#endif
#endif
#ifdef HEAP_ASAN
void __asan_poison_memory_region(void const volatile *addr, size_t size);
void __asan_unpoison_memory_region(void const volatile *addr, size_t size);
#define HEAP_CODE __attribute__((no_sanitize_address))
#define poison(p, n) __asan_poison_memory_region(p, n)
#define unpoison(p, n) __asan_unpoison_memory_region(p, n)
#else
#define HEAP_CODE
#define poison(p, n) ((void)(p), (void)(n))
#define unpoison(p, n) ((void)(p), (void)(n))
#endif

struct heap_block {
	size_t size;		/* whole block, header included */
	uint32_t magic;
	uint8_t pad[ALIGN - sizeof(size_t) - sizeof(uint32_t)];
	/* Only in free blocks, where the payload would be: */
	struct heap_block *next;	/* next free block, higher address */
};
#define block heap_block

#define HDR offsetof(struct block, next)
#define MIN_BLOCK (HDR + ALIGN)
static_assert(HDR == ALIGN, "payloads must stay aligned");
static_assert(sizeof(struct block) <= MIN_BLOCK, "free header must fit");

HEAP_CODE int heap_init(struct heap *heap, void *start, size_t len)
{
	uintptr_t lo, hi;

	lo = ((uintptr_t)start + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1);
	hi = ((uintptr_t)start + len) & ~(uintptr_t)(ALIGN - 1);
	if (hi <= lo || hi - lo < MIN_BLOCK)
		return -1;
	poison((void *)lo, hi - lo);
	heap->free_list = (struct block *)lo;
	heap->free_list->size = hi - lo;
	heap->free_list->magic = MAGIC_FREE;
	heap->free_list->next = NULL;
	heap->lo = lo;
	heap->hi = hi;
	return 0;
}

/* Block size for a request, or 0 if the request cannot be met at all. */
HEAP_CODE static inline size_t block_size(size_t size)
{
	size_t n;

	if (size > (size_t)-1 - HDR - ALIGN)
		return 0;
	n = (size + HDR + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	return n < MIN_BLOCK ? MIN_BLOCK : n;
}

HEAP_CODE static inline void *payload(struct block *b)
{
	return (char *)b + HDR;
}

HEAP_CODE static inline struct block *after(struct block *b)
{
	return (struct block *)((char *)b + b->size);
}

/* Puts a block on the free list and merges it with free neighbours. */
HEAP_CODE static void free_block(struct heap *heap, struct block *b)
{
	struct block **link = &heap->free_list, *prev = NULL, *next;

	poison(payload(b), b->size - HDR);
	while (*link && *link < b) {
		prev = *link;
		link = &prev->next;
	}
	next = *link;

	b->magic = MAGIC_FREE;
	b->next = next;
	*link = b;
	heap->used--;

	if (next && after(b) == next) {
		b->size += next->size;
		b->next = next->next;
		next->magic = 0;
	}
	if (prev && after(prev) == b) {
		prev->size += b->size;
		prev->next = b->next;
		b->magic = 0;
	}
}

/* Cuts a used block down to size, returning the tail to the free list. */
HEAP_CODE static void trim_block(struct heap *heap, struct block *b,
				 size_t size)
{
	struct block *tail;

	if (b->size - size < MIN_BLOCK)
		return;
	tail = (struct block *)((char *)b + size);
	tail->size = b->size - size;
	b->size = size;
	heap->used++;		/* the tail was part of a used block */
	free_block(heap, tail);
}

/* Finds the header of a pointer given to free or realloc, or complains
 * and returns NULL if it is not a block in use: a bad pointer or a heap
 * that has been written over must not be made worse. */
HEAP_CODE static struct block *used_block(struct heap *heap, void *ptr,
					  const char *caller)
{
	struct block *b = (struct block *)((char *)ptr - HDR);
	uintptr_t at = (uintptr_t)b;

	if (((uintptr_t)ptr & (ALIGN - 1)) || at < heap->lo ||
	    at + MIN_BLOCK > heap->hi) {
		printf("%s: %p is not a heap pointer\n", caller, ptr);
		return NULL;
	}
	if (b->magic == MAGIC_FREE) {
		printf("%s: %p is already free\n", caller, ptr);
		return NULL;
	}
	if (b->magic != MAGIC_USED || b->size < MIN_BLOCK ||
	    (b->size & (ALIGN - 1)) || b->size > heap->hi - at) {
		printf("%s: heap block %p is corrupted\n", caller, ptr);
		return NULL;
	}
	return b;
}

/* A used block of at least need bytes (need from block_size()). */
HEAP_CODE static struct block *alloc_block(struct heap *heap, size_t need)
{
	struct block **link, *b;

	for (link = &heap->free_list; (b = *link); link = &b->next) {
		if (b->size < need)
			continue;
		if (b->size - need >= MIN_BLOCK) {
			/* The remainder takes b's place in the list. */
			struct block *rest = (struct block *)((char *)b + need);

			rest->size = b->size - need;
			rest->magic = MAGIC_FREE;
			rest->next = b->next;
			*link = rest;
			b->size = need;
		} else {
			*link = b->next;
		}
		b->magic = MAGIC_USED;
		heap->used++;
		return b;
	}
	return NULL;
}

void *heap_alloc(struct heap *heap, size_t size)
{
	size_t need = block_size(size);
	struct block *b;

	if (!need || !heap->lo || !(b = alloc_block(heap, need)))
		return NULL;
	unpoison(payload(b), size);
	return payload(b);
}

void heap_free(struct heap *heap, void *ptr, const char *caller)
{
	struct block *b;

	if (!ptr)
		return;
	b = used_block(heap, ptr, caller);
	if (b)
		free_block(heap, b);
}

/* Takes the free block right after b into b if together they reach
 * need bytes. */
HEAP_CODE static void absorb_next(struct heap *heap, struct block *b,
				  size_t need)
{
	struct block *next = after(b), **link;

	if ((uintptr_t)next >= heap->hi || next->magic != MAGIC_FREE ||
	    b->size + next->size < need)
		return;
	for (link = &heap->free_list; *link; link = &(*link)->next) {
		if (*link == next) {
			*link = next->next;
			next->magic = 0;
			b->size += next->size;
			return;
		}
	}
}

HEAP_CODE static size_t block_payload(struct block *b)
{
	return b->size - HDR;
}

void *heap_realloc(struct heap *heap, void *ptr, size_t size)
{
	struct block *b;
	size_t need, old;
	void *copy;

	if (!ptr)
		return heap_alloc(heap, size);
	if (!size) {
		heap_free(heap, ptr, "realloc");
		return NULL;
	}
	b = used_block(heap, ptr, "realloc");
	need = block_size(size);
	if (!b || !need)
		return NULL;
	old = block_payload(b);

	/* Growing in place avoids copying and keeps the old and new copies
	 * of a large buffer from having to fit side by side. */
	if (need > b->size)
		absorb_next(heap, b, need);
	if (need <= b->size) {
		trim_block(heap, b, need);
		unpoison(ptr, size);
		return ptr;
	}

	copy = heap_alloc(heap, size);
	if (!copy)
		return NULL;
	memcpy(copy, ptr, old < size ? old : size);
	free_block(heap, b);
	return copy;
}

/* Alignment comes from over-allocating; the block's own payload address
 * is kept in the word just below the aligned start. */
HEAP_CODE void *heap_alloc_aligned(struct heap *heap, size_t size,
				   size_t align)
{
	size_t extra, need;
	uintptr_t start;
	struct block *b;

	if (align < sizeof(void *))
		align = sizeof(void *);
	if (align & (align - 1))
		return NULL;
	extra = align + sizeof(void *);
	if (size > (size_t)-1 - extra)
		return NULL;
	need = block_size(size + extra);
	if (!need || !heap->lo || !(b = alloc_block(heap, need)))
		return NULL;
	start = ((uintptr_t)payload(b) + sizeof(void *) + align - 1) &
		~(uintptr_t)(align - 1);
	((void **)start)[-1] = payload(b);
	unpoison((void *)start, size);
	return (void *)start;
}

HEAP_CODE void heap_free_aligned(struct heap *heap, void *ptr)
{
	if (ptr && heap_holds(heap, ptr))
		heap_free(heap, ((void **)ptr)[-1], "free_phys");
	else if (ptr)
		printf("free_phys: %p is not DMA memory\n", ptr);
}

HEAP_CODE size_t heap_free_space(const struct heap *heap)
{
	size_t total = 0;

	for (struct block *b = heap->free_list; b; b = b->next)
		total += b->size;
	return total;
}

HEAP_CODE uintptr_t heap_shrink(struct heap *heap, size_t reserve)
{
	struct block **link = &heap->free_list, *top;
	uintptr_t end;

	if (!heap->lo || !*link)
		return heap->hi;
	while ((*link)->next)
		link = &(*link)->next;
	top = *link;
	if ((uintptr_t)after(top) != heap->hi)
		return heap->hi;	/* the top is in use */
	reserve = (reserve + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (top->size - MIN_BLOCK < reserve)
		return heap->hi;
	end = (uintptr_t)top + reserve;
	if (reserve) {
		top->size = reserve;
	} else {
		*link = NULL;
		top->magic = 0;
	}
	heap->hi = end;
	return end;
}

HEAP_CODE int heap_take_hole(struct heap *heap, uintptr_t *start,
			     uintptr_t *end)
{
	struct block **link, **best = NULL;

	for (link = &heap->free_list; *link; link = &(*link)->next)
		if ((uintptr_t)after(*link) != heap->hi &&
		    (!best || (*link)->size > (*best)->size))
			best = link;
	if (!best)
		return -1;
	*start = (uintptr_t)*best;
	*end = (uintptr_t)after(*best);
	(*best)->magic = 0;
	*best = (*best)->next;
	return 0;
}
