/* Data-transfer interfaces: plugging, delivery and closing. */
#include <errno.h>
#include <string.h>
#include <cxboot/xfer.h>

void xfer_plug(struct xfer *a, struct xfer *b)
{
	xfer_unplug(a);
	xfer_unplug(b);
	a->peer = b;
	b->peer = a;
}

void xfer_unplug(struct xfer *x)
{
	if (x->peer) {
		x->peer->peer = NULL;
		x->peer = NULL;
	}
}

int xfer_deliver(struct xfer *x, struct io_buffer *iob,
		 const struct xfer_metadata *meta)
{
	struct xfer *dest = x->peer;
	static const struct xfer_metadata none;

	if (!dest || !dest->op->deliver) {
		free_iob(iob);
		return -ENOTCONN;
	}
	return dest->op->deliver(dest, iob, meta ? meta : &none);
}

int xfer_deliver_raw(struct xfer *x, const void *data, size_t len,
		     const struct xfer_metadata *meta)
{
	struct io_buffer *iob = alloc_iob(len);

	if (!iob)
		return -ENOMEM;
	memcpy(iob_put(iob, len), data, len);
	return xfer_deliver(x, iob, meta);
}

size_t xfer_window(struct xfer *x)
{
	struct xfer *dest = x->peer;

	if (!dest)
		return 0;
	return dest->op->window ? dest->op->window(dest) : ~(size_t)0;
}

void xfer_size_hint(struct xfer *x, size_t size)
{
	struct xfer *dest = x->peer;

	if (dest && dest->op->size_hint)
		dest->op->size_hint(dest, size);
}

void xfer_close(struct xfer *x, int rc)
{
	struct xfer *dest = x->peer;

	xfer_unplug(x);
	if (dest && dest->op->close)
		dest->op->close(dest, rc);
}
