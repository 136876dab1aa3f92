/* Downloading into an image: the consumer end of a data transfer.  Data
 * lands at the offsets the protocol gives; the buffer grows by doubling
 * (or to the announced size) so large files cost few copies.  A redirect
 * reopens the download at the new URI, which the image then keeps. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/errdetail.h>
#include <cxboot/image.h>
#include <cxboot/job.h>
#include <cxboot/open.h>
#include <cxboot/timer.h>
#include <cxboot/xfer.h>
#include <net/ip.h>

struct downloader {
	struct refcnt refcnt;
	struct xfer xfer;
	struct job job;
	struct image *image;  /* held */
	bool waiting;         /* the job is waited on: the window is open */
	/* --timeout: fires when no data came for that long */
	struct retry_timer stall;
	unsigned long timeout;  /* ms, 0: none */
	uint64_t pos;         /* where data without an offset goes */
	size_t cap;           /* bytes allocated at image->data */
};

static void dl_free(struct refcnt *ref)
{
	struct downloader *dl = container_of(ref, struct downloader, refcnt);

	image_put(dl->image);
	free(dl);
}

static int dl_reserve(struct downloader *dl, uint64_t end)
{
	size_t cap = dl->cap ? dl->cap : 4096;
	void *data;

	if (end <= dl->cap)
		return 0;
	if (end > SIZE_MAX)
		return -EFBIG;
	while (cap < end) {
		if (cap > SIZE_MAX / 2)
			return -ENOMEM;
		cap *= 2;
	}
	data = realloc(dl->image->data, cap);
	if (!data)
		return -ENOMEM;
	dl->image->data = data;
	dl->cap = cap;
	return 0;
}

static void dl_finish(struct downloader *dl, int rc)
{
	stop_timer(&dl->stall);
	xfer_close(&dl->xfer, rc);
	job_finish(&dl->job, rc);
}

static int dl_deliver(struct xfer *x, struct io_buffer *iob,
		      const struct xfer_metadata *meta)
{
	struct downloader *dl = container_of(x, struct downloader, xfer);
	size_t len = iob_len(iob);
	uint64_t at = meta->has_offset ? meta->offset : dl->pos;
	int rc;

	if (at + len < at) {
		rc = -EFBIG;
	} else if ((rc = dl_reserve(dl, at + len)) == 0) {
		memcpy(dl->image->data + (size_t)at, iob->data, len);
		dl->pos = at + len;
		if (dl->pos > dl->image->len)
			dl->image->len = dl->pos;
		dl->job.pos = dl->image->len;
		if (dl->timeout)
			start_timer_fixed(&dl->stall, dl->timeout);
	}
	free_iob(iob);
	if (rc)
		dl_finish(dl, rc);
	return rc;
}

/* Nothing arrives before the wait that accounts for it has begun. */
static size_t dl_window(struct xfer *x)
{
	struct downloader *dl = container_of(x, struct downloader, xfer);

	return dl->waiting ? ~(size_t)0 : 0;
}

static void dl_size_hint(struct xfer *x, uint64_t size)
{
	struct downloader *dl = container_of(x, struct downloader, xfer);

	dl->job.total = size;
	/* A failed reservation is not fatal: the data may still fit. */
	dl_reserve(dl, size);
}

static int dl_redirect(struct xfer *x, const struct uri *uri)
{
	struct downloader *dl = container_of(x, struct downloader, xfer);
	struct uri *copy = uri_dup(uri);
	int rc;

	if (!copy)
		return -ENOMEM;
	xfer_close(&dl->xfer, 0);
	free(dl->image->uri);
	dl->image->uri = copy;
	dl->image->len = 0;
	dl->pos = 0;
	dl->job.pos = dl->job.total = 0;
	rc = xfer_open_uri(&dl->xfer, copy);
	if (rc)
		dl_finish(dl, rc);
	return rc;
}

static void dl_close(struct xfer *x, int rc)
{
	struct downloader *dl = container_of(x, struct downloader, xfer);

	job_finish(&dl->job, rc);
}

static void dl_stalled(struct retry_timer *timer, int fail __unused)
{
	struct downloader *dl = container_of(timer, struct downloader, stall);

	dl_finish(dl, -ETIMEDOUT);
}

static void dl_cancel(struct job *job)
{
	dl_finish(job->priv, -ECANCELED);
}

static const struct xfer_ops dl_ops = {
	.deliver = dl_deliver,
	.window = dl_window,
	.redirect = dl_redirect,
	.close = dl_close,
	.size_hint = dl_size_hint,
};

/* The URI as the console shows it: a password in it is not shown. */
static char *shown_uri(const struct uri *uri)
{
	struct uri shown = *uri;

	if (shown.password)
		shown.password = "***";
	return format_uri_alloc(&shown);
}

int image_download(struct image *image, unsigned long timeout_ms)
{
	struct downloader *dl = zalloc(sizeof(*dl));
	char *text = shown_uri(image->uri);
	int rc;

	if (!dl || !text) {
		free(dl);
		free(text);
		return -ENOMEM;
	}
	ref_init(&dl->refcnt, dl_free);
	xfer_init(&dl->xfer, &dl_ops, &dl->refcnt);
	timer_init(&dl->stall, dl_stalled, &dl->refcnt);
	dl->timeout = timeout_ms;
	job_init(&dl->job, dl_cancel);
	dl->job.priv = dl;
	dl->image = image;
	ref_get(&image->refcnt);
	free(image->data);
	image->data = NULL;
	image->len = 0;

	error_detail_forget();
	rc = xfer_open_uri(&dl->xfer, image->uri);
	if (rc == 0) {
		dl->waiting = true;
		if (dl->timeout)
			start_timer_fixed(&dl->stall, dl->timeout);
		xfer_window_changed(&dl->xfer);
		rc = job_wait(&dl->job, text, true);
	} else {
		printf("%s... %s\n", text, strerror(rc));
	}
	/* What the protocol learnt about the failure (a server's words). */
	error_detail_print(rc);
	dl_finish(dl, rc);
	image_set_netdev(image, rc == 0 ? ipv4_host_netdev(image->uri->host) :
			 NULL);
	ref_put(&dl->refcnt);
	free(text);
	return rc;
}
