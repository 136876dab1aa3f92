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
	/* No MADV_HUGEPAGE: a huge page must be zeroed whole at its fault
	 * and comes from the free 2 MiB blocks, which a hypervisor may have
	 * taken back; then a 256 MiB image cost 0.1-0.7 s in faults, where
	 * recycled 4 KiB pages cost a steady 0.15 s. */
	*start = p;
	*len = HEAP_SIZE;
	return 0;
}
