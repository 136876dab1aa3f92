/* The sanitizer build's heap is the host allocator, so AddressSanitizer
 * sees every allocation.  malloc, realloc and free come from the host C
 * library directly; zalloc and the aligned DMA allocation are ours on
 * top of it. */
#include <stdlib.h>
#include <string.h>
#include <cxboot/malloc.h>

int posix_memalign(void **ptr, size_t align, size_t size);

void *zalloc(size_t size)
{
	void *p = malloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void *malloc_phys(size_t size, size_t align)
{
	void *p;

	if (align & (align - 1))
		return NULL;
	if (align < sizeof(void *))
		align = sizeof(void *);
	if (posix_memalign(&p, align, size ? size : 1) != 0)
		return NULL;
	return p;
}

void free_phys(void *ptr, size_t size)
{
	free(ptr);
}
