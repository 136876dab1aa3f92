/* I/O buffers: one flat buffer with headroom, so each layer pushes or
 * pulls its header in place.  head <= data <= tail <= end. */
#ifndef CXBOOT_IOBUF_H
#define CXBOOT_IOBUF_H
#include <cxboot/compiler.h>
#include <cxboot/list.h>

#define IOB_HEADROOM 128   /* room for every header we push */
#define IOB_ALIGN 16

struct io_buffer {
	struct list_head list;  /* owner's queue */
	uint8_t *head, *data, *tail, *end;
};

/* Allocate a buffer with len + extra bytes of room after IOB_HEADROOM
 * reserve.  Lengths may come from the network: NULL when the sizes
 * overflow, never a smaller buffer.  extra is the room a layer adds
 * (headers, padding) to a length it was given. */
struct io_buffer *alloc_iob_plus(size_t len, size_t extra);
static inline struct io_buffer *alloc_iob(size_t len)
{
	return alloc_iob_plus(len, 0);
}
void free_iob(struct io_buffer *iob);

static inline void *iob_reserve(struct io_buffer *iob, size_t len)
{
	iob->data += len;
	iob->tail += len;
	return iob->data;
}
static inline void *iob_push(struct io_buffer *iob, size_t len)
{
	iob->data -= len;
	return iob->data;
}
static inline void *iob_pull(struct io_buffer *iob, size_t len)
{
	iob->data += len;
	return iob->data;
}
static inline void *iob_put(struct io_buffer *iob, size_t len)
{
	void *old = iob->tail;
	iob->tail += len;
	return old;
}
static inline void iob_unput(struct io_buffer *iob, size_t len)
{
	iob->tail -= len;
}
static inline size_t iob_len(const struct io_buffer *iob)
{
	return iob->tail - iob->data;
}
static inline size_t iob_headroom(const struct io_buffer *iob)
{
	return iob->data - iob->head;
}
static inline size_t iob_tailroom(const struct io_buffer *iob)
{
	return iob->end - iob->tail;
}
/* Drop everything after the first len bytes of payload. */
static inline void iob_trim(struct io_buffer *iob, size_t len)
{
	if (len < iob_len(iob))
		iob->tail = iob->data + len;
}

#endif
