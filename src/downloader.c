/* Downloading into an image: the consumer end of a data transfer.  Data
 * lands at the offsets the protocol gives; the buffer grows by doubling
 * (or to the announced size) so large files cost few copies. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/image.h>
#include <cxboot/job.h>
#include <cxboot/open.h>
#include <cxboot/xfer.h>

struct downloader {
	struct xfer xfer;
	struct job *job;
	struct image *image;
	size_t pos;        /* where data without an offset goes */
	size_t cap;        /* bytes allocated at image->data */
};

static int dl_reserve(struct downloader *dl, size_t end)
{
	size_t cap = dl->cap ? dl->cap : 4096;
	void *data;

	if (end <= dl->cap)
		return 0;
	while (cap < end) {
		if (cap > ~(size_t)0 / 2)
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
	xfer_close(&dl->xfer, rc);
	job_finish(dl->job, rc);
}

static int dl_deliver(struct xfer *x, struct io_buffer *iob,
		      const struct xfer_metadata *meta)
{
	struct downloader *dl = container_of(x, struct downloader, xfer);
	size_t len = iob_len(iob);
	size_t at = meta->has_offset ? meta->offset : dl->pos;
	int rc;

	if (at + len < at) {
		rc = -EFBIG;
	} else if ((rc = dl_reserve(dl, at + len)) == 0) {
		memcpy(dl->image->data + at, iob->data, len);
		dl->pos = at + len;
		if (dl->pos > dl->image->len)
			dl->image->len = dl->pos;
		dl->job->pos = dl->image->len;
	}
	free_iob(iob);
	if (rc)
		dl_finish(dl, rc);
	return rc;
}

static void dl_size_hint(struct xfer *x, size_t size)
{
	struct downloader *dl = container_of(x, struct downloader, xfer);

	dl->job->total = size;
	/* A failed reservation is not fatal: the data may still fit. */
	dl_reserve(dl, size);
}

static void dl_close(struct xfer *x, int rc)
{
	struct downloader *dl = container_of(x, struct downloader, xfer);

	job_finish(dl->job, rc);
}

static void dl_cancel(struct job *job)
{
	dl_finish(job->priv, -ECANCELED);
}

static const struct xfer_ops dl_ops = {
	.deliver = dl_deliver,
	.close = dl_close,
	.size_hint = dl_size_hint,
};

int image_download(struct image *image)
{
	struct downloader dl = { .image = image, .cap = 0 };
	struct job job;
	char *text;
	int rc;

	free(image->data);
	image->data = NULL;
	image->len = 0;
	xfer_init(&dl.xfer, &dl_ops);
	job_init(&job, dl_cancel);
	job.priv = &dl;
	dl.job = &job;
	text = format_uri_alloc(image->uri);
	if (!text)
		return -ENOMEM;
	rc = xfer_open_uri(&dl.xfer, image->uri);
	if (rc == 0)
		rc = job_wait(&job, text, true);
	else
		printf("%s... %s\n", text, strerror(rc));
	xfer_close(&dl.xfer, rc);
	free(text);
	if (rc == 0)
		cwuri_set(image->uri);
	return rc;
}
