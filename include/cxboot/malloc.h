/* The heap.  malloc/realloc/free/zalloc are declared in <stdlib.h>; the
 * platform supplies the memory with heap_region(). */
#ifndef CXBOOT_MALLOC_H
#define CXBOOT_MALLOC_H
#include <stddef.h>

/* Platform hook: one contiguous region for the heap.  0 on success. */
int heap_region(void **start, size_t *len);
/* Statistics for diagnostics and tests. */
size_t heap_free_bytes(void);

#endif
