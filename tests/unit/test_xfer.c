/* Unit tests for data-transfer interfaces: lifetimes across calls, the
 * defaults of missing operations, 64-bit offsets, a redirect that
 * reaches the downloader, and the device a download came over. */
#include "test.h"
#include <errno.h>
#include <stdlib.h>
#include <cxboot/image.h>
#include <cxboot/open.h>
#include <cxboot/settings.h>
#include <cxboot/xfer.h>
#include <net/ethernet.h>
#include <net/ip.h>
#include <net/dns.h>
#include "testdev.h"

/* A heap object owning one end; it records what its peer told it. */
struct endpoint {
	struct refcnt refcnt;
	struct xfer xfer;
	int closes, close_rc;
	int delivered;
	uint64_t offset, size;
	bool hang_up;         /* close and let go of itself on delivery */
};

static int freed;

static void ep_free(struct refcnt *ref)
{
	struct endpoint *ep = container_of(ref, struct endpoint, refcnt);

	freed++;
	free(ep);
}

static void ep_close(struct xfer *x, int rc)
{
	struct endpoint *ep = container_of(x, struct endpoint, xfer);

	ep->closes++;
	ep->close_rc = rc;
}

static int ep_deliver(struct xfer *x, struct io_buffer *iob,
		      const struct xfer_metadata *meta)
{
	struct endpoint *ep = container_of(x, struct endpoint, xfer);
	int before = freed;

	free_iob(iob);
	ep->offset = meta->offset;
	if (ep->hang_up) {
		xfer_close(&ep->xfer, -ECANCELED);
		ref_put(&ep->refcnt);
		/* Neither end may be gone while the call lasts. */
		ok(freed == before);
	}
	ep->delivered++;
	return 0;
}

static void ep_size_hint(struct xfer *x, uint64_t size)
{
	container_of(x, struct endpoint, xfer)->size = size;
}

static const struct xfer_ops ep_ops = {
	.deliver = ep_deliver,
	.close = ep_close,
	.size_hint = ep_size_hint,
};

static struct endpoint *ep_alloc(const struct xfer_ops *ops)
{
	struct endpoint *ep = zalloc(sizeof(*ep));

	ref_init(&ep->refcnt, ep_free);
	xfer_init(&ep->xfer, ops, &ep->refcnt);
	return ep;
}

/* The sender lets go of itself when closed, as a protocol does. */
static void sender_close(struct xfer *x, int rc)
{
	struct endpoint *ep = container_of(x, struct endpoint, xfer);

	ep_close(x, rc);
	ref_put(&ep->refcnt);
}

static const struct xfer_ops sender_ops = { .close = sender_close };

UNIT_TEST(xfer_deliver_holds_both_ends)
{
	struct endpoint *tx = ep_alloc(&sender_ops), *rx = ep_alloc(&ep_ops);
	static const char byte = 'x';
	int rc;

	freed = 0;
	rx->hang_up = true;
	xfer_plug(&tx->xfer, &rx->xfer);
	/* The sender holds itself only for the call, as a packet handler
	 * does; the receiver closes it and frees itself inside. */
	ref_get(&tx->refcnt);
	rc = xfer_deliver_raw(&tx->xfer, &byte, 1, NULL);
	ok(rc == 0);
	ok(freed == 1);          /* the receiver, once the call ended */
	ok(tx->closes == 1 && tx->close_rc == -ECANCELED);
	ok(!xfer_plugged(&tx->xfer));
	ref_put(&tx->refcnt);
	ok(freed == 2);
}

UNIT_TEST(xfer_close_unplugs_first)
{
	struct endpoint *a = ep_alloc(&ep_ops), *b = ep_alloc(&ep_ops);

	freed = 0;
	xfer_plug(&a->xfer, &b->xfer);
	xfer_close(&a->xfer, -EIO);
	ok(b->closes == 1 && b->close_rc == -EIO);
	ok(a->closes == 0);
	ok(!xfer_plugged(&a->xfer) && !xfer_plugged(&b->xfer));
	xfer_close(&a->xfer, 0);          /* closing again does nothing */
	xfer_close(&b->xfer, 0);
	ok(a->closes == 0 && b->closes == 1);
	ref_put(&a->refcnt);
	ref_put(&b->refcnt);
	ok(freed == 2);
}

UNIT_TEST(xfer_defaults)
{
	static const struct xfer_ops none;
	struct endpoint *a = ep_alloc(&ep_ops), *b = ep_alloc(&none);
	struct xfer_metadata meta = { .offset = 7, .has_offset = true };
	struct uri *uri = parse_uri("tftp://198.18.0.1/x");
	uint64_t blocks = 1;
	size_t blksize = 1;
	char buf[4];

	xfer_plug(&a->xfer, &b->xfer);
	ok(xfer_deliver_raw(&a->xfer, "abc", 3, &meta) == -ENOTSUP);
	ok(xfer_window(&a->xfer) == ~(size_t)0);
	ok(xfer_redirect(&a->xfer, uri) == -ENOTSUP);
	ok(xfer_block_read(&a->xfer, 0, 1, buf) == -ENOTSUP);
	ok(xfer_block_write(&a->xfer, 0, 1, buf) == -ENOTSUP);
	ok(xfer_block_capacity(&a->xfer, &blocks, &blksize) == -ENOTSUP);
	ok(blocks == 1 && blksize == 1);
	ok(xfer_block_describe(&a->xfer, NULL) == -ENOTSUP);
	xfer_block_done(&a->xfer, 0);
	xfer_window_changed(&a->xfer);
	xfer_size_hint(&a->xfer, 10);
	ok(xfer_plugged(&a->xfer));       /* none of these closed it */
	xfer_close(&a->xfer, 0);

	/* Unplugged: nothing to talk to. */
	ok(xfer_deliver_raw(&a->xfer, "abc", 3, NULL) == -ENOTCONN);
	ok(xfer_window(&a->xfer) == 0);
	ok(xfer_redirect(&a->xfer, uri) == -ENOTCONN);
	ok(xfer_block_read(&a->xfer, 0, 1, buf) == -ENOTCONN);
	ok(xfer_block_describe(&a->xfer, NULL) == -ENOTCONN);
	free(uri);
	ref_put(&a->refcnt);
	ref_put(&b->refcnt);
}

UNIT_TEST(xfer_offsets_are_64_bit)
{
	struct endpoint *a = ep_alloc(&ep_ops), *b = ep_alloc(&ep_ops);
	struct xfer_metadata meta = { .offset = 0x100000005ULL,
				      .has_offset = true };

	xfer_plug(&a->xfer, &b->xfer);
	ok(xfer_deliver_raw(&a->xfer, "z", 1, &meta) == 0);
	ok(b->offset == 0x100000005ULL);
	xfer_size_hint(&a->xfer, 5ULL << 30);
	ok(b->size == 5ULL << 30);
	xfer_close(&a->xfer, 0);
	ref_put(&a->refcnt);
	ref_put(&b->refcnt);
}

/* ---- A redirect through the downloader ----
 * "xfertest://moved/..." redirects to xfertest://data/final once its
 * consumer's window opens; "xfertest://data/..." then delivers DATA at
 * offset 0 and closes. */

#define DATA "redirected payload"
static int senders_closed;

/* The end of a sender, whoever ends it: it lets go of itself. */
static void src_finish(struct endpoint *ep, int rc)
{
	if (ep->closes++)
		return;
	senders_closed++;
	xfer_close(&ep->xfer, rc);
	ref_put(&ep->refcnt);
}

static void src_close(struct xfer *x, int rc)
{
	src_finish(container_of(x, struct endpoint, xfer), rc);
}

static void src_start(struct xfer *x)
{
	struct endpoint *ep = container_of(x, struct endpoint, xfer);
	struct xfer_metadata meta = { .has_offset = true };
	struct uri *uri;
	int rc;

	if (!xfer_window(x) || ep->delivered++)
		return;
	if (ep->hang_up) {
		uri = parse_uri("xfertest://data/final");
		rc = xfer_redirect(x, uri);
		free(uri);
	} else {
		xfer_size_hint(x, sizeof(DATA) - 1);
		rc = xfer_deliver_raw(x, DATA, sizeof(DATA) - 1, &meta);
	}
	src_finish(ep, rc);
}

static const struct xfer_ops src_ops = {
	.window_changed = src_start,
	.close = src_close,
};

static int xfertest_open(struct xfer *xfer, const struct uri *uri)
{
	struct endpoint *ep = ep_alloc(&src_ops);

	ep->hang_up = strcmp(uri->host, "moved") == 0;
	xfer_plug(&ep->xfer, xfer);
	src_start(&ep->xfer);
	return 0;
}

URI_OPENER(xfertest_opener) = { .scheme = "xfertest", .open = xfertest_open };

UNIT_TEST(xfer_redirect_reaches_downloader)
{
	struct uri *uri = parse_uri("xfertest://moved/first");
	struct image *image = alloc_image(uri);
	char *text;

	freed = senders_closed = 0;
	ok(image_download(image, 0) == 0);
	ok(image->len == sizeof(DATA) - 1);
	ok_mem(image->data, DATA, sizeof(DATA) - 1);
	text = format_uri_alloc(image->uri);
	ok_str(text, "xfertest://data/final");
	/* Both senders were told the end, and nothing of them is left. */
	ok(senders_closed == 2);
	ok(freed == 2);
	free(text);
	free(uri);
	image_put(image);
}

/* An open test device at addr/24. */
static struct net_device *up_at(const char *addr, uint8_t mac_last)
{
	static const uint8_t mask[4] = { 255, 255, 255, 0 };
	struct net_device *nd = alloc_etherdev(0);
	struct in_addr a;

	if (!nd)
		return NULL;
	nd->op = &test_dev_ops;
	memcpy(nd->hw_addr, (uint8_t[6]){ 2, 0, 0, 0, 1, mac_last }, 6);
	if (register_netdev(nd) != 0) {
		netdev_put(nd);
		return NULL;
	}
	inet_aton(addr, &a);
	store_setting(netdev_settings(nd), &ip_setting, &a, 4);
	store_setting(netdev_settings(nd), &netmask_setting, mask, 4);
	netdev_open(nd);
	return nd;
}

static void down(struct net_device *nd)
{
	netdev_close(nd);
	unregister_netdev(nd);
	netdev_put(nd);
}

/* Which device an image came over: the one the route to its server
 * leaves by, not the one opened last, also for a host name that the
 * download resolved (the DNS cache has it); none for a name it does
 * not hold.  The image holds the device until it goes. */
UNIT_TEST(download_records_netdev)
{
	struct net_device *first = up_at("198.18.4.10", 1);
	struct net_device *second = up_at("198.18.5.10", 2);
	struct uri *by_first = parse_uri("xfertest://198.18.4.1/nbp.0");
	struct uri *by_name = parse_uri("xfertest://boot.example/nbp.0");
	uint8_t wire[DNS_MAX_NAME];
	struct in_addr server;
	struct image *image;
	int refs;

	ok(first && second && by_first && by_name);
	if (!first || !second || !by_first || !by_name)
		goto out;
	ok(last_opened_netdev() == second);
	image = alloc_image(by_first);
	refs = first->refcnt.count;
	ok(image_download(image, 0) == 0);
	ok(image->netdev == first);
	ok(first->refcnt.count == refs + 1);
	image_put(image);
	ok(first->refcnt.count == refs);

	image = alloc_image(by_name);
	ok(image_download(image, 0) == 0);
	ok(image->netdev == NULL);
	image_put(image);

	inet_aton("198.18.5.1", &server);
	ok(dns_encode_name("boot.example", wire) > 0);
	dns_cache_add(wire, server, 60);
	image = alloc_image(by_name);
	ok(image_download(image, 0) == 0);
	ok(image->netdev == second);
	image_put(image);
	dns_cache_flush();
out:
	free(by_first);
	free(by_name);
	if (first)
		down(first);
	if (second)
		down(second);
}
