/* The consumer end of a download made for the PXE API (TFTP and FILE
 * handles).  The NBP reads at its own pace, so every buffer that
 * arrives is queued as it came until read. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/open.h>
#include <cxboot/process.h>
#include <cxboot/xfer.h>
#include "pxe_call.h"

struct pxe_download {
	struct refcnt refcnt;
	struct xfer xfer;
	struct list_head queue;   /* io_buffers not yet read */
	size_t queued;            /* bytes in them */
	uint64_t received;        /* bytes that ever arrived */
	uint64_t size;            /* announced size, if has_size */
	bool has_size;
	bool done;
	int rc;
};

static void pd_free(struct refcnt *ref)
{
	struct pxe_download *d = container_of(ref, struct pxe_download,
					      refcnt);
	struct io_buffer *iob, *tmp;

	list_for_each_entry_safe(iob, tmp, &d->queue, list) {
		list_del(&iob->list);
		free_iob(iob);
	}
	free(d);
}

static int pd_deliver(struct xfer *x, struct io_buffer *iob,
		      const struct xfer_metadata *meta __unused)
{
	struct pxe_download *d = container_of(x, struct pxe_download, xfer);

	d->queued += iob_len(iob);
	d->received += iob_len(iob);
	list_add_tail(&iob->list, &d->queue);
	return 0;
}

static void pd_size_hint(struct xfer *x, uint64_t size)
{
	struct pxe_download *d = container_of(x, struct pxe_download, xfer);

	d->size = size;
	d->has_size = true;
}

/* The download moves (an HTTP redirect): follow it from the start. */
static int pd_redirect(struct xfer *x, const struct uri *uri)
{
	struct pxe_download *d = container_of(x, struct pxe_download, xfer);
	int rc;

	xfer_close(&d->xfer, 0);
	rc = xfer_open_uri(&d->xfer, uri);
	if (rc) {
		d->done = true;
		d->rc = rc;
	}
	return rc;
}

static void pd_close(struct xfer *x, int rc)
{
	struct pxe_download *d = container_of(x, struct pxe_download, xfer);

	d->done = true;
	d->rc = rc;
}

static const struct xfer_ops pd_ops = {
	.deliver = pd_deliver,
	.size_hint = pd_size_hint,
	.redirect = pd_redirect,
	.close = pd_close,
};

int pxe_download_open(struct pxe_download **out, const struct uri *uri)
{
	struct pxe_download *d = zalloc(sizeof(*d));
	int rc;

	if (!d)
		return -ENOMEM;
	ref_init(&d->refcnt, pd_free);
	xfer_init(&d->xfer, &pd_ops, &d->refcnt);
	INIT_LIST_HEAD(&d->queue);
	rc = xfer_open_uri(&d->xfer, uri);
	if (rc) {
		ref_put(&d->refcnt);
		return rc;
	}
	/* Our window is unlimited from the start. */
	xfer_window_changed(&d->xfer);
	*out = d;
	return 0;
}

size_t pxe_download_read(struct pxe_download *d, void *buf, size_t len)
{
	struct io_buffer *iob;
	size_t done = 0, n;

	while (done < len &&
	       (iob = list_first_entry(&d->queue, struct io_buffer, list))) {
		n = MIN(len - done, iob_len(iob));
		memcpy((uint8_t *)buf + done, iob->data, n);
		iob_pull(iob, n);
		done += n;
		if (!iob_len(iob)) {
			list_del(&iob->list);
			free_iob(iob);
		}
	}
	d->queued -= done;
	return done;
}

size_t pxe_download_avail(const struct pxe_download *d)
{
	return d->queued;
}

bool pxe_download_done(const struct pxe_download *d, int *rc)
{
	*rc = d->rc;
	return d->done;
}

uint64_t pxe_download_size(const struct pxe_download *d)
{
	return d->has_size ? d->size : d->received;
}

bool pxe_download_has_size(const struct pxe_download *d)
{
	return d->has_size;
}

void pxe_download_wait(struct pxe_download *d, size_t want, bool size)
{
	while (!d->done && d->queued < want && !(size && d->has_size))
		step();
}

void pxe_download_close(struct pxe_download *d)
{
	xfer_close(&d->xfer, -ECANCELED);
	ref_put(&d->refcnt);
}
