/* Data-transfer interfaces.  Two objects talk through a pair of plugged
 * ends: each side delivers buffers to its peer, tells it that its own
 * window changed, sends it elsewhere (redirect), hints the size and
 * closes.  A download, a TFTP session, a TCP connection and a SAN device
 * all speak this one interface.
 *
 * Rules:
 * - An end names the reference count of the object that owns it (NULL
 *   for an object that is never freed).  Every call through an interface
 *   holds the owners of both ends until it returns, so either side may
 *   close and drop its last reference inside the call.
 * - Plugging takes no reference: an object closes its ends before it lets
 *   go of itself, so a plugged peer is always alive.
 * - Code entered from elsewhere (a packet handler, a timer) holds its own
 *   object while it runs, since any call out may end that object.
 * - xfer_deliver() always consumes the buffer.  xfer_close() unplugs both
 *   ends before telling the peer, so a close never recurses back, and
 *   closing an unplugged end does nothing.
 * - Flow: a sender holds back while xfer_window() is 0 and goes on when
 *   its window_changed is called; a receiver whose window opens says so
 *   with xfer_window_changed().
 * - Block devices (SAN): the device's window is 1 when it can take a
 *   command and 0 before it is ready (connected, logged in, capacity
 *   known) and while a command runs; it calls xfer_window_changed() when
 *   that changes.  block_read/block_write start one command and return
 *   0, or fail at once; the device then fills or reads the caller's
 *   buffer (which stays valid until then) and reports the end with
 *   xfer_block_done().  Closing the device fails the command in flight.
 * - A missing operation takes its default: deliver drops the buffer and
 *   fails with -ENOTSUP, the window is unlimited, window_changed,
 *   size_hint, block_done and close are ignored, redirect and the block
 *   operations fail with -ENOTSUP.  Calls on an unplugged end fail with
 *   -ENOTCONN (the window is 0). */
#ifndef CXBOOT_XFER_H
#define CXBOOT_XFER_H
#include <cxboot/compiler.h>
#include <cxboot/iobuf.h>
#include <cxboot/refcnt.h>

struct xfer;
struct uri;
struct san_description;

struct xfer_metadata {
	uint64_t offset;    /* absolute position of this data in the stream */
	bool has_offset;    /* false: data follows the previous delivery */
	const void *src, *dest; /* protocol addresses, if meaningful */
};

/* Each operation is what the end it belongs to does when its peer
 * calls the xfer_*() function of the same name. */
struct xfer_ops {
	int (*deliver)(struct xfer *x, struct io_buffer *iob,
		       const struct xfer_metadata *meta);
	/* Bytes this end can take now (0 holds the sender back). */
	size_t (*window)(struct xfer *x);
	/* The peer's window changed: look at xfer_window() again. */
	void (*window_changed)(struct xfer *x);
	/* Reopen at uri, which replaces the peer's (the caller's) place in
	 * the transfer; the caller is closed by it. */
	int (*redirect)(struct xfer *x, const struct uri *uri);
	/* The peer has closed with status rc; the ends are unplugged. */
	void (*close)(struct xfer *x, int rc);
	/* The peer announces the total size in bytes (e.g. TFTP tsize). */
	void (*size_hint)(struct xfer *x, uint64_t size);
	/* Block devices (SAN): start a command on count blocks at lba;
	 * report blocks and block size (known once the device is ready);
	 * say what the OS needs to find the disk (iBFT). */
	int (*block_read)(struct xfer *x, uint64_t lba, unsigned int count,
			  void *buf);
	int (*block_write)(struct xfer *x, uint64_t lba, unsigned int count,
			   const void *buf);
	int (*block_capacity)(struct xfer *x, uint64_t *blocks,
			      size_t *blksize);
	int (*block_describe)(struct xfer *x, struct san_description *desc);
	/* The command started through this end finished with status rc. */
	void (*block_done)(struct xfer *x, int rc);
};

struct xfer {
	struct xfer *peer;
	const struct xfer_ops *op;
	struct refcnt *owner;
};

static inline void xfer_init(struct xfer *x, const struct xfer_ops *op,
			     struct refcnt *owner)
{
	x->peer = NULL;
	x->op = op;
	x->owner = owner;
}
void xfer_plug(struct xfer *a, struct xfer *b);
void xfer_unplug(struct xfer *x);
static inline bool xfer_plugged(const struct xfer *x)
{
	return x->peer != NULL;
}

/* Each call goes to x's peer. */
int xfer_deliver(struct xfer *x, struct io_buffer *iob,
		 const struct xfer_metadata *meta);
int xfer_deliver_raw(struct xfer *x, const void *data, size_t len,
		     const struct xfer_metadata *meta);
size_t xfer_window(struct xfer *x);
/* Tell the peer that x's own window changed (typically: opened). */
void xfer_window_changed(struct xfer *x);
int xfer_redirect(struct xfer *x, const struct uri *uri);
void xfer_size_hint(struct xfer *x, uint64_t size);
/* Unplug x and tell its former peer that the transfer ended with rc. */
void xfer_close(struct xfer *x, int rc);
int xfer_block_read(struct xfer *x, uint64_t lba, unsigned int count,
		    void *buf);
int xfer_block_write(struct xfer *x, uint64_t lba, unsigned int count,
		     const void *buf);
int xfer_block_capacity(struct xfer *x, uint64_t *blocks, size_t *blksize);
int xfer_block_describe(struct xfer *x, struct san_description *desc);
void xfer_block_done(struct xfer *x, int rc);

#endif
