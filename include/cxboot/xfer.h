/* Data-transfer interfaces.  Two objects talk through a pair of plugged
 * interfaces: each side delivers buffers to, asks the window of, and
 * closes the other.  A download, a TFTP session and (later) a TCP
 * connection and a SAN device all speak this one interface.
 *
 * Ownership: xfer_deliver() always consumes the buffer.  Closing an
 * interface unplugs both ends first, so a close never recurses back. */
#ifndef CXBOOT_XFER_H
#define CXBOOT_XFER_H
#include <cxboot/compiler.h>
#include <cxboot/iobuf.h>

struct xfer;

struct xfer_metadata {
	size_t offset;      /* absolute position of this data in the stream */
	bool has_offset;    /* false: data follows the previous delivery */
	const void *src, *dest; /* protocol addresses, if meaningful */
};

struct xfer_ops {
	int (*deliver)(struct xfer *x, struct io_buffer *iob,
		       const struct xfer_metadata *meta);
	/* Bytes the receiver can take now (0 blocks the sender). */
	size_t (*window)(struct xfer *x);
	/* The peer has closed with status rc; the interface is unplugged. */
	void (*close)(struct xfer *x, int rc);
	/* The peer announces the total size (e.g. TFTP tsize). */
	void (*size_hint)(struct xfer *x, size_t size);
};

struct xfer {
	struct xfer *peer;
	const struct xfer_ops *op;
};

static inline void xfer_init(struct xfer *x, const struct xfer_ops *op)
{
	x->peer = NULL;
	x->op = op;
}
void xfer_plug(struct xfer *a, struct xfer *b);
void xfer_unplug(struct xfer *x);
/* Send to x's peer.  Consumes iob.  Returns the receiver's status or
 * -ENOTCONN when unplugged. */
int xfer_deliver(struct xfer *x, struct io_buffer *iob,
		 const struct xfer_metadata *meta);
int xfer_deliver_raw(struct xfer *x, const void *data, size_t len,
		     const struct xfer_metadata *meta);
size_t xfer_window(struct xfer *x);
void xfer_size_hint(struct xfer *x, size_t size);
/* Unplug x and tell its former peer that the transfer ended with rc. */
void xfer_close(struct xfer *x, int rc);

#endif
