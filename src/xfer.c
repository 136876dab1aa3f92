/* Data-transfer interfaces: plugging, the calls between ends and the
 * defaults of missing operations. */
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

/* A call from x into its peer holds both owners; NULL if unplugged. */
static struct xfer *call_begin(struct xfer *x)
{
	struct xfer *dest = x->peer;

	if (dest) {
		ref_get(x->owner);
		ref_get(dest->owner);
	}
	return dest;
}

static void call_end(struct xfer *x, struct xfer *dest)
{
	ref_put(dest->owner);
	ref_put(x->owner);
}

int xfer_deliver(struct xfer *x, struct io_buffer *iob,
		 const struct xfer_metadata *meta)
{
	static const struct xfer_metadata none;
	struct xfer *dest = call_begin(x);
	int rc;

	if (!dest) {
		free_iob(iob);
		return -ENOTCONN;
	}
	if (dest->op->deliver) {
		rc = dest->op->deliver(dest, iob, meta ? meta : &none);
	} else {
		free_iob(iob);
		rc = -ENOTSUP;
	}
	call_end(x, dest);
	return rc;
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
	struct xfer *dest = call_begin(x);
	size_t window = ~(size_t)0;

	if (!dest)
		return 0;
	if (dest->op->window)
		window = dest->op->window(dest);
	call_end(x, dest);
	return window;
}

void xfer_window_changed(struct xfer *x)
{
	struct xfer *dest = call_begin(x);

	if (!dest)
		return;
	if (dest->op->window_changed)
		dest->op->window_changed(dest);
	call_end(x, dest);
}

int xfer_redirect(struct xfer *x, const struct uri *uri)
{
	struct xfer *dest = call_begin(x);
	int rc = -ENOTSUP;

	if (!dest)
		return -ENOTCONN;
	if (dest->op->redirect)
		rc = dest->op->redirect(dest, uri);
	call_end(x, dest);
	return rc;
}

void xfer_size_hint(struct xfer *x, uint64_t size)
{
	struct xfer *dest = call_begin(x);

	if (!dest)
		return;
	if (dest->op->size_hint)
		dest->op->size_hint(dest, size);
	call_end(x, dest);
}

void xfer_close(struct xfer *x, int rc)
{
	struct xfer *dest = call_begin(x);

	if (!dest)
		return;
	xfer_unplug(x);
	if (dest->op->close)
		dest->op->close(dest, rc);
	call_end(x, dest);
}

int xfer_block_read(struct xfer *x, uint64_t lba, unsigned int count,
		    void *buf)
{
	struct xfer *dest = call_begin(x);
	int rc = -ENOTSUP;

	if (!dest)
		return -ENOTCONN;
	if (dest->op->block_read)
		rc = dest->op->block_read(dest, lba, count, buf);
	call_end(x, dest);
	return rc;
}

int xfer_block_write(struct xfer *x, uint64_t lba, unsigned int count,
		     const void *buf)
{
	struct xfer *dest = call_begin(x);
	int rc = -ENOTSUP;

	if (!dest)
		return -ENOTCONN;
	if (dest->op->block_write)
		rc = dest->op->block_write(dest, lba, count, buf);
	call_end(x, dest);
	return rc;
}

int xfer_block_capacity(struct xfer *x, uint64_t *blocks, size_t *blksize)
{
	struct xfer *dest = call_begin(x);
	int rc = -ENOTSUP;

	if (!dest)
		return -ENOTCONN;
	if (dest->op->block_capacity)
		rc = dest->op->block_capacity(dest, blocks, blksize);
	call_end(x, dest);
	return rc;
}

int xfer_block_describe(struct xfer *x, struct san_description *desc)
{
	struct xfer *dest = call_begin(x);
	int rc = -ENOTSUP;

	if (!dest)
		return -ENOTCONN;
	if (dest->op->block_describe)
		rc = dest->op->block_describe(dest, desc);
	call_end(x, dest);
	return rc;
}

void xfer_block_done(struct xfer *x, int rc)
{
	struct xfer *dest = call_begin(x);

	if (!dest)
		return;
	if (dest->op->block_done)
		dest->op->block_done(dest, rc);
	call_end(x, dest);
}
