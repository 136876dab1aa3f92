/* The heap.  malloc/realloc/free/zalloc are declared in <stdlib.h>; the
 * platform supplies the memory with heap_region(). */
#ifndef CXBOOT_MALLOC_H
#define CXBOOT_MALLOC_H
#include <stddef.h>

/* Platform hook: one contiguous region for the heap.  0 on success. */
int heap_region(void **start, size_t *len);
/* Memory a device may reach by DMA: physically contiguous, its start
 * aligned to align (a power of two), not cleared.  free_phys() takes the
 * size that was asked for. */
void *malloc_phys(size_t size, size_t align);
void free_phys(void *ptr, size_t size);
/* Statistics for diagnostics and tests. */
size_t heap_free_bytes(void);

#endif
