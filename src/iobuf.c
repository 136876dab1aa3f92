/* I/O buffer allocation.  Any buffer may be handed to a device, so all
 * of them are DMA memory. */
#include <cxboot/iobuf.h>
#include <cxboot/malloc.h>

/* The descriptor, then the data area at the next IOB_ALIGN boundary. */
#define DATA_OFFSET \
	((sizeof(struct io_buffer) + IOB_ALIGN - 1) & ~(size_t)(IOB_ALIGN - 1))

struct io_buffer *alloc_iob_plus(size_t len, size_t extra)
{
	size_t room;
	struct io_buffer *iob;

	if (extra > SIZE_MAX - IOB_HEADROOM - DATA_OFFSET ||
	    len > SIZE_MAX - IOB_HEADROOM - DATA_OFFSET - extra)
		return NULL;
	room = IOB_HEADROOM + len + extra;
	iob = malloc_phys(DATA_OFFSET + room, IOB_ALIGN);
	if (!iob)
		return NULL;
	iob->head = (uint8_t *)iob + DATA_OFFSET;
	iob->data = iob->tail = iob->head + IOB_HEADROOM;
	iob->end = iob->head + room;
	INIT_LIST_HEAD(&iob->list);
	return iob;
}

void free_iob(struct io_buffer *iob)
{
	if (iob)
		free_phys(iob, DATA_OFFSET + (iob->end - iob->head));
}
