/* I/O buffer allocation. */
#include <stdlib.h>
#include <cxboot/iobuf.h>

struct io_buffer *alloc_iob(size_t len)
{
	size_t room = IOB_HEADROOM + len;
	struct io_buffer *iob;

	/* One allocation: descriptor first, then the data area aligned. */
	iob = malloc(sizeof(*iob) + IOB_ALIGN + room);
	if (!iob)
		return NULL;
	iob->head = (uint8_t *)(((uintptr_t)(iob + 1) + IOB_ALIGN - 1) &
				~(uintptr_t)(IOB_ALIGN - 1));
	iob->data = iob->tail = iob->head + IOB_HEADROOM;
	iob->end = iob->head + room;
	INIT_LIST_HEAD(&iob->list);
	return iob;
}

void free_iob(struct io_buffer *iob)
{
	free(iob);
}
