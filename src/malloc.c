/* The heap: malloc, realloc, free, zalloc and heap_free_bytes over the one
 * region the platform hands out with heap_region().
 *
 * Every block starts with a small header (size and a magic that says
 * whether it is in use).  Free blocks form one list in address order, so
 * freeing merges a block with both free neighbours and allocation is
 * first fit from the bottom.  That keeps big image buffers (tens of MiB,
 * grown by realloc while downloading) from fragmenting the heap. */
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <assert.h>
#include <cxboot/malloc.h>

#define ALIGN 16

#define MAGIC_USED 0x6b6c4255u
#define MAGIC_FREE 0x6b6c4246u

struct block {
	size_t size;		/* whole block, header included */
	uint32_t magic;
	uint8_t pad[ALIGN - sizeof(size_t) - sizeof(uint32_t)];
	/* Only in free blocks, where the payload would be: */
	struct block *next;	/* next free block, higher address */
};

#define HDR offsetof(struct block, next)
#define MIN_BLOCK (HDR + ALIGN)
static_assert(HDR == ALIGN, "payloads must stay aligned");
static_assert(sizeof(struct block) <= MIN_BLOCK, "free header must fit");

static uintptr_t heap_lo, heap_hi;
static struct block *free_list;

static bool heap_init(void)
{
	void *start;
	size_t len;
	uintptr_t lo, hi;

	if (heap_lo)
		return true;
	if (heap_region(&start, &len) != 0)
		return false;
	lo = ((uintptr_t)start + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1);
	hi = ((uintptr_t)start + len) & ~(uintptr_t)(ALIGN - 1);
	if (hi <= lo || hi - lo < MIN_BLOCK)
		return false;

	free_list = (struct block *)lo;
	free_list->size = hi - lo;
	free_list->magic = MAGIC_FREE;
	free_list->next = NULL;
	heap_lo = lo;
	heap_hi = hi;
	return true;
}

/* Block size for a request, or 0 if the request cannot be met at all. */
static size_t block_size(size_t size)
{
	size_t n;

	if (size > (size_t)-1 - HDR - ALIGN)
		return 0;
	n = (size + HDR + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	return n < MIN_BLOCK ? MIN_BLOCK : n;
}

static void *payload(struct block *b)
{
	return (char *)b + HDR;
}

static struct block *after(struct block *b)
{
	return (struct block *)((char *)b + b->size);
}

/* Puts a block on the free list and merges it with free neighbours. */
static void free_block(struct block *b)
{
	struct block **link = &free_list, *prev = NULL, *next;

	while (*link && *link < b) {
		prev = *link;
		link = &prev->next;
	}
	next = *link;

	b->magic = MAGIC_FREE;
	b->next = next;
	*link = b;

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
static void trim_block(struct block *b, size_t size)
{
	struct block *tail;

	if (b->size - size < MIN_BLOCK)
		return;
	tail = (struct block *)((char *)b + size);
	tail->size = b->size - size;
	b->size = size;
	free_block(tail);
}

/* Finds the header of a pointer given to free or realloc, or complains
 * and returns NULL if it is not a block in use: a bad pointer or a heap
 * that has been written over must not be made worse. */
static struct block *used_block(void *ptr, const char *caller)
{
	struct block *b = (struct block *)((char *)ptr - HDR);
	uintptr_t at = (uintptr_t)b;

	if (((uintptr_t)ptr & (ALIGN - 1)) || at < heap_lo ||
	    at + MIN_BLOCK > heap_hi) {
		printf("%s: %p is not a heap pointer\n", caller, ptr);
		return NULL;
	}
	if (b->magic == MAGIC_FREE) {
		printf("%s: %p is already free\n", caller, ptr);
		return NULL;
	}
	if (b->magic != MAGIC_USED || b->size < MIN_BLOCK ||
	    (b->size & (ALIGN - 1)) || b->size > heap_hi - at) {
		printf("%s: heap block %p is corrupted\n", caller, ptr);
		return NULL;
	}
	return b;
}

void *malloc(size_t size)
{
	size_t need = block_size(size);
	struct block **link, *b;

	if (!need || !heap_init())
		return NULL;

	for (link = &free_list; (b = *link); link = &b->next) {
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
		return payload(b);
	}
	return NULL;
}

void free(void *ptr)
{
	struct block *b;

	if (!ptr)
		return;
	b = used_block(ptr, "free");
	if (b)
		free_block(b);
}

/* Takes the free block right after b into b if together they reach
 * need bytes. */
static void absorb_next(struct block *b, size_t need)
{
	struct block *next = after(b), **link;

	if ((uintptr_t)next >= heap_hi || next->magic != MAGIC_FREE ||
	    b->size + next->size < need)
		return;
	for (link = &free_list; *link; link = &(*link)->next) {
		if (*link == next) {
			*link = next->next;
			next->magic = 0;
			b->size += next->size;
			return;
		}
	}
}

void *realloc(void *ptr, size_t size)
{
	struct block *b;
	size_t need;
	void *copy;

	if (!ptr)
		return malloc(size);
	if (!size) {
		free(ptr);
		return NULL;
	}
	b = used_block(ptr, "realloc");
	need = block_size(size);
	if (!b || !need)
		return NULL;

	/* Growing in place avoids copying and keeps the old and new copies
	 * of a large buffer from having to fit side by side. */
	if (need > b->size)
		absorb_next(b, need);
	if (need <= b->size) {
		trim_block(b, need);
		return ptr;
	}

	copy = malloc(size);
	if (!copy)
		return NULL;
	memcpy(copy, ptr, b->size - HDR);
	free_block(b);
	return copy;
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
	size_t total = 0;

	if (!heap_init())
		return 0;
	for (struct block *b = free_list; b; b = b->next)
		total += b->size;
	return total;
}

/* DMA memory: the heap is one stretch of physical memory, so any block
 * is contiguous; alignment comes from over-allocating.  The block's own
 * address is kept in the word just below the aligned start. */
void *malloc_phys(size_t size, size_t align)
{
	size_t extra;
	uintptr_t start;
	void *raw;

	if (align < sizeof(void *))
		align = sizeof(void *);
	if (align & (align - 1))
		return NULL;
	extra = align + sizeof(void *);
	if (size > (size_t)-1 - extra)
		return NULL;
	raw = malloc(size + extra);
	if (!raw)
		return NULL;
	start = ((uintptr_t)raw + sizeof(void *) + align - 1) &
		~(uintptr_t)(align - 1);
	((void **)start)[-1] = raw;
	return (void *)start;
}

void free_phys(void *ptr, size_t size)
{
	if (ptr)
		free(((void **)ptr)[-1]);
}
