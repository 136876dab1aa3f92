/* SAN devices: opening a drive's paths, synchronous commands with
 * reconnection, and the list of hooked drives. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/san.h>
#include <cxboot/open.h>
#include <cxboot/process.h>
#include <cxboot/settings.h>
#include <cxboot/timer.h>
#include <cxboot/uri.h>

/* Opening a path (connect, log in, learn the capacity) and one command
 * each get this long; a command that fails for want of a connection is
 * retried, on a new connection, until san-retry-time seconds (default
 * SAN_RETRY_SECS) have passed since it was first tried. */
#define SAN_OPEN_TIME (15 * TICKS_PER_SEC)
#define SAN_CMD_TIME (15 * TICKS_PER_SEC)
#define SAN_RETRY_SECS 60

NAMED_SETTING(san_retry_time_setting) = {
	.name = "san-retry-time",
	.description = "Seconds a SAN command is retried on new connections",
	.type = &setting_type_uint16,
};

static unsigned long san_retry_ticks(void)
{
	unsigned long secs;

	if (fetch_uint_setting(NULL, &san_retry_time_setting, &secs) < 0)
		secs = SAN_RETRY_SECS;
	return secs * TICKS_PER_SEC;
}

LIST_HEAD(san_devices);

static void san_block_done(struct xfer *x, int rc)
{
	struct san_device *s = container_of(x, struct san_device, block);

	s->busy = false;
	s->cmd_rc = rc;
}

static void san_block_close(struct xfer *x, int rc)
{
	struct san_device *s = container_of(x, struct san_device, block);

	s->close_rc = rc ? rc : -ECONNRESET;
	if (s->busy)
		san_block_done(x, rc ? rc : -ECONNRESET);
}

static const struct xfer_ops san_block_ops = {
	.block_done = san_block_done,
	.close = san_block_close,
};

/* Run the main loop until the device is ready (a window of 1), has
 * closed, or the deadline passed. */
static int san_wait_ready(struct san_device *s, unsigned long deadline)
{
	while (xfer_plugged(&s->block) && !xfer_window(&s->block)) {
		if ((long)(currticks() - deadline) >= 0)
			return -ETIMEDOUT;
		step();
	}
	return xfer_plugged(&s->block) ? 0 : s->close_rc;
}

/* Open path s->path and wait until it is ready. */
static int san_open_path(struct san_device *s)
{
	uint64_t blocks;
	size_t blksize;
	int rc;

	s->close_rc = -ECONNRESET;
	rc = xfer_open_block_uri(&s->block, s->paths[s->path]);
	if (rc == 0)
		rc = san_wait_ready(s, currticks() + SAN_OPEN_TIME);
	if (rc == 0)
		rc = xfer_block_capacity(&s->block, &blocks, &blksize);
	if (rc == 0 && (!blksize || blksize > 4096 || (blksize & 511)))
		rc = -ENOTSUP;
	if (rc == 0 && s->blksize &&
	    (blocks != s->blocks || blksize != s->blksize))
		rc = -ENODEV;   /* another disk answers on this path */
	if (rc) {
		xfer_close(&s->block, rc);
		return rc;
	}
	s->blocks = blocks;
	s->blksize = blksize;
	return 0;
}

/* Errors that a new connection may cure; anything else (a SCSI error,
 * refused credentials, a bad request) is the answer. */
static bool san_retryable(int rc)
{
	switch (rc) {
	case -ECONNRESET: case -ECONNABORTED: case -ECONNREFUSED:
	case -ETIMEDOUT: case -ENOTCONN: case -EPIPE:
	case -EHOSTUNREACH: case -ENETUNREACH:
		return true;
	}
	return false;
}

/* Make the device ready: reuse the open path, or open one, trying each
 * path once starting with the current one. */
static int san_connect(struct san_device *s)
{
	int rc = 0;

	if (xfer_plugged(&s->block))
		return san_wait_ready(s, currticks() + SAN_OPEN_TIME);
	for (unsigned int i = 0; i < s->npaths; i++) {
		rc = san_open_path(s);
		if (rc == 0 || !san_retryable(rc))
			return rc;
		s->path = (s->path + 1) % s->npaths;
	}
	return rc;
}

static int san_run(struct san_device *s, bool write, uint64_t lba,
		   unsigned int count, void *buf)
{
	unsigned long deadline;
	int rc;

	s->busy = true;
	s->cmd_rc = 0;
	rc = write ? xfer_block_write(&s->block, lba, count, buf)
		   : xfer_block_read(&s->block, lba, count, buf);
	if (rc) {
		s->busy = false;
		return rc;
	}
	deadline = currticks() + SAN_CMD_TIME;
	while (s->busy) {
		if ((long)(currticks() - deadline) >= 0) {
			s->busy = false;
			return -ETIMEDOUT;
		}
		step();
	}
	return s->cmd_rc;
}

static int san_command(struct san_device *s, bool write, uint64_t lba,
		       unsigned int count, void *buf)
{
	unsigned long start = currticks(), retry = san_retry_ticks();
	int rc;

	if (lba > s->blocks || count > s->blocks - lba)
		return -ERANGE;
	if (!count)
		return 0;
	for (;;) {
		rc = san_connect(s);
		if (rc == 0)
			rc = san_run(s, write, lba, count, buf);
		if (rc == 0 || !san_retryable(rc) ||
		    currticks() - start >= retry)
			return rc;
		/* A fresh connection, and a moment for the target to come
		 * back before trying it. */
		xfer_close(&s->block, rc);
		for (unsigned long t = currticks(); currticks() - t < 200;)
			step();
	}
}

int san_read(struct san_device *s, uint64_t lba, unsigned int count,
	     void *buf)
{
	return san_command(s, false, lba, count, buf);
}

int san_write(struct san_device *s, uint64_t lba, unsigned int count,
	      const void *buf)
{
	return san_command(s, true, lba, count, (void *)buf);
}

int san_describe(struct san_device *s, struct san_description *desc)
{
	int rc;

	memset(desc, 0, sizeof(*desc));
	if (s->flags & SAN_NO_DESCRIBE)
		return 0;
	rc = san_connect(s);
	if (rc == 0)
		rc = xfer_block_describe(&s->block, desc);
	if (rc == -ENOTSUP) {
		desc->kind = SAN_KIND_NONE;
		rc = 0;
	}
	return rc;
}

struct san_device *san_find(unsigned int drive)
{
	struct san_device *s;

	list_for_each_entry(s, &san_devices, list) {
		if (s->drive == drive)
			return s;
	}
	return NULL;
}

static void san_free(struct refcnt *ref)
{
	struct san_device *s = container_of(ref, struct san_device, refcnt);

	for (unsigned int i = 0; i < s->npaths; i++)
		free(s->paths[i]);
	free(s);
}

int san_hook(unsigned int drive, struct uri **uris, unsigned int npaths,
	     unsigned int flags, struct san_device **out)
{
	struct san_device *s;
	int rc;

	if (!npaths || npaths > SAN_MAX_PATHS)
		return -EINVAL;
	if (drive && san_find(drive))
		return -EADDRINUSE;
	s = zalloc(sizeof(*s));
	if (!s)
		return -ENOMEM;
	ref_init(&s->refcnt, san_free);
	INIT_LIST_HEAD(&s->list);
	xfer_init(&s->block, &san_block_ops, &s->refcnt);
	s->drive = drive;
	s->flags = flags;
	for (; s->npaths < npaths; s->npaths++) {
		s->paths[s->npaths] = uri_dup(uris[s->npaths]);
		if (!s->paths[s->npaths]) {
			ref_put(&s->refcnt);
			return -ENOMEM;
		}
	}
	rc = san_connect(s);
	if (rc == 0)
		rc = arch_san_hook(s);
	if (rc) {
		xfer_close(&s->block, rc);
		ref_put(&s->refcnt);
		return rc;
	}
	list_add_tail(&s->list, &san_devices);
	if (!(flags & SAN_NO_DESCRIBE))
		arch_san_describe();
	if (out)
		*out = s;
	return 0;
}

int san_unhook(unsigned int drive)
{
	struct san_device *s = san_find(drive);

	if (!s)
		return -ENODEV;
	arch_san_unhook(s);
	list_del(&s->list);
	xfer_close(&s->block, 0);
	if (!(s->flags & SAN_NO_DESCRIBE))
		arch_san_describe();
	ref_put(&s->refcnt);
	return 0;
}
