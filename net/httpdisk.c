/* HTTP disks: an http:// URI opened as a read-only block device of
 * 512-byte blocks, each command one Range request (over the kept-alive
 * connection).  The first request, for block 0, learns the size from
 * Content-Range; a redirect moves the disk for good. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/open.h>
#include <cxboot/xfer.h>
#include <net/http.h>

#define HTTP_DISK_BLKSIZE 512
/* The most one request asks for (32 MiB). */
#define HTTP_DISK_MAX_BLOCKS 65536

struct http_disk {
	struct refcnt refcnt;
	struct xfer block;          /* to the SAN layer */
	struct xfer req;            /* to the request in flight */
	struct uri *uri;
	uint64_t size;              /* bytes; 0 until the first answer */
	bool ready;                 /* the size is known */
	bool ended;
	bool busy;                  /* a request is in flight */
	/* The request's range and where its bytes go. */
	uint64_t start;
	size_t len, got;
	uint8_t *buf;
	uint8_t probe[HTTP_DISK_BLKSIZE];
};

static void disk_free(struct refcnt *ref)
{
	struct http_disk *d = container_of(ref, struct http_disk, refcnt);

	free(d->uri);
	free(d);
}

/* The disk holds itself until it ends. */
static void disk_end(struct http_disk *d, int rc)
{
	if (d->ended)
		return;
	d->ended = true;
	xfer_close(&d->req, rc);
	xfer_close(&d->block, rc);
	ref_put(&d->refcnt);
}

static int disk_request(struct http_disk *d, uint64_t start, size_t len,
			void *buf)
{
	int rc = http_open_range(&d->req, d->uri, start, len);

	if (rc == 0) {
		d->busy = true;
		d->start = start;
		d->len = len;
		d->got = 0;
		d->buf = buf;
	}
	return rc;
}

static int disk_req_deliver(struct xfer *x, struct io_buffer *iob,
			    const struct xfer_metadata *meta)
{
	struct http_disk *d = container_of(x, struct http_disk, req);
	size_t len = iob_len(iob);
	int rc = 0;

	/* The client delivers the range in order and no more of it. */
	if (!meta->has_offset || meta->offset != d->start + d->got ||
	    len > d->len - d->got)
		rc = -EPROTO;
	else
		memcpy(d->buf + d->got, iob->data, len);
	if (rc == 0)
		d->got += len;
	free_iob(iob);
	return rc;
}

static void disk_req_size(struct xfer *x, uint64_t size)
{
	struct http_disk *d = container_of(x, struct http_disk, req);

	if (!d->ready)
		d->size = size;
}

static void disk_req_close(struct xfer *x, int rc)
{
	struct http_disk *d = container_of(x, struct http_disk, req);

	d->busy = false;
	if (rc == 0 && d->got != d->len)
		rc = -EPROTO;
	if (!d->ready) {
		/* The first answer: ready, or the disk is no good. */
		if (rc == 0 && d->size < HTTP_DISK_BLKSIZE)
			rc = -ENOTSUP;
		if (rc) {
			disk_end(d, rc);
			return;
		}
		d->ready = true;
		xfer_window_changed(&d->block);
		return;
	}
	xfer_block_done(&d->block, rc);
	xfer_window_changed(&d->block);
}

/* A 3xx: the disk lives at uri from now on; ask there again. */
static int disk_req_redirect(struct xfer *x, const struct uri *uri)
{
	struct http_disk *d = container_of(x, struct http_disk, req);
	struct uri *moved = uri_dup(uri);

	if (!moved)
		return -ENOMEM;
	free(d->uri);
	d->uri = moved;
	xfer_unplug(&d->req);
	return disk_request(d, d->start, d->len, d->buf);
}

static const struct xfer_ops disk_req_ops = {
	.deliver = disk_req_deliver,
	.size_hint = disk_req_size,
	.redirect = disk_req_redirect,
	.close = disk_req_close,
};

static size_t disk_window(struct xfer *x)
{
	struct http_disk *d = container_of(x, struct http_disk, block);

	return d->ready && !d->busy;
}

static int disk_read(struct xfer *x, uint64_t lba, unsigned int count,
		     void *buf)
{
	struct http_disk *d = container_of(x, struct http_disk, block);
	uint64_t blocks = d->size / HTTP_DISK_BLKSIZE;

	if (!disk_window(x))
		return -EBUSY;
	if (!count || lba >= blocks || count > blocks - lba ||
	    count > HTTP_DISK_MAX_BLOCKS)
		return -ERANGE;
	return disk_request(d, lba * HTTP_DISK_BLKSIZE,
			    (size_t)count * HTTP_DISK_BLKSIZE, buf);
}

static int disk_write(struct xfer *x, uint64_t lba, unsigned int count,
		      const void *buf)
{
	return -EROFS;
}

static int disk_capacity(struct xfer *x, uint64_t *blocks, size_t *blksize)
{
	struct http_disk *d = container_of(x, struct http_disk, block);

	if (!d->ready)
		return -EAGAIN;
	*blocks = d->size / HTTP_DISK_BLKSIZE;
	*blksize = HTTP_DISK_BLKSIZE;
	return 0;
}

static void disk_block_close(struct xfer *x, int rc)
{
	disk_end(container_of(x, struct http_disk, block), rc);
}

static const struct xfer_ops disk_block_ops = {
	.window = disk_window,
	.block_read = disk_read,
	.block_write = disk_write,
	.block_capacity = disk_capacity,
	.close = disk_block_close,
};

int http_open_disk(struct xfer *xfer, const struct uri *uri)
{
	struct http_disk *d = zalloc(sizeof(*d));
	int rc;

	if (!d)
		return -ENOMEM;
	ref_init(&d->refcnt, disk_free);
	xfer_init(&d->block, &disk_block_ops, &d->refcnt);
	xfer_init(&d->req, &disk_req_ops, &d->refcnt);
	d->uri = uri_dup(uri);
	rc = d->uri ? disk_request(d, 0, HTTP_DISK_BLKSIZE, d->probe)
		    : -ENOMEM;
	if (rc) {
		ref_put(&d->refcnt);
		return rc;
	}
	xfer_plug(&d->block, xfer);
	return 0;
}
