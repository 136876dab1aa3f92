/* The sanitizer build's heap is the host allocator, so AddressSanitizer
 * sees every allocation.  malloc, realloc and free come from the host C
 * library directly; only zalloc is ours. */
#include <stdlib.h>
#include <string.h>

void *zalloc(size_t size)
{
	void *p = malloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}
