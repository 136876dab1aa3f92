/* The hosted build's heap: one large lazily-backed mapping. */
#include <cxboot/malloc.h>
#include "linux_api.h"

#define HEAP_SIZE (1UL << 30)

int heap_region(void **start, size_t *len)
{
	void *p = linux_mmap(0, HEAP_SIZE, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if ((long)p < 0 && (long)p > -4096)
		return -1;
	/* Large buffers (images) in huge pages where the kernel has them:
	 * a page fault per 4 KiB would cost more than the network does. */
	linux_madvise(p, HEAP_SIZE, MADV_HUGEPAGE);
	*start = p;
	*len = HEAP_SIZE;
	return 0;
}
