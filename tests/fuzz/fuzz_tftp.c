/* Fuzz the TFTP client (net/tftp.c): its packet helpers, and a whole
 * session opened by URI on the fake device, fed the fuzzer's packets as
 * if from the server.
 *
 * Input: records (see fuzz.h), one TFTP packet each, sent to the
 * session's port after a pause chosen by ctl bits 0-2.  Bits 3-4
 * choose the sender: the server from port 1069 or 2000 (two transfer
 * ids), from port 69, or another host; bit 5 sends to a port nobody
 * listens on; bit 6 makes the consumer hang up when the packet
 * announces the size or delivers data; bit 7 makes it refuse the
 * data.  The whole input is also parsed as an OACK option list and
 * used as a file name.
 *
 * The session must deliver data in order, never past the size it
 * announced, end exactly once, and leave nothing allocated once every
 * timer has run out. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/open.h>
#include <cxboot/timer.h>
#include <net/tftp.h>
#include <net/udp.h>
#include "fuzz.h"

#define CTL_SENDER(ctl) (((ctl) >> 3) & 3)
#define CTL_NOWHERE 0x20
#define CTL_HANG_UP 0x40
#define CTL_REFUSE 0x80

#define SERVER 2
#define STRANGER 3

/* The consumer of the download. */
static struct {
	struct xfer xfer;
	bool closed;
	int rc;
	bool has_size;
	uint64_t size;
	uint64_t end;               /* where the next delivery must start */
	uint8_t ctl;              /* of the packet being processed */
} sink;

static int sink_deliver(struct xfer *x, struct io_buffer *iob,
			const struct xfer_metadata *meta)
{
	size_t len = iob_len(iob);

	free_iob(iob);
	fuzz_assert(!sink.closed);
	fuzz_assert(meta->has_offset);
	if (meta->offset != sink.end)
		fuzz_fail("data at %llu after data up to %llu",
			  (unsigned long long)meta->offset,
			  (unsigned long long)sink.end);
	fuzz_assert(meta->offset + len >= meta->offset);
	sink.end = meta->offset + len;
	if (sink.has_size && sink.end > sink.size)
		fuzz_fail("data up to %llu of a file of %llu",
			  (unsigned long long)sink.end,
			  (unsigned long long)sink.size);
	if (sink.ctl & CTL_REFUSE)
		return -ENOSPC;
	if (sink.ctl & CTL_HANG_UP) {
		sink.closed = true;
		xfer_close(&sink.xfer, -ECANCELED);
	}
	return 0;
}

static void sink_close(struct xfer *x, int rc)
{
	fuzz_assert(!sink.closed);
	sink.closed = true;
	sink.rc = rc;
}

static void sink_size_hint(struct xfer *x, uint64_t size)
{
	fuzz_assert(!sink.closed);
	sink.has_size = true;
	sink.size = size;
	if (sink.ctl & CTL_HANG_UP) {
		sink.closed = true;
		xfer_close(&sink.xfer, -ECANCELED);
	}
}

static const struct xfer_ops sink_ops = {
	.deliver = sink_deliver,
	.close = sink_close,
	.size_hint = sink_size_hint,
};

/* The session's port, learnt from its request. */
static uint16_t session_port;

static void watch_tx(const uint8_t *frame, size_t len)
{
	const uint8_t *payload;
	uint16_t sport, dport;
	size_t plen;

	if (fuzz_parse_udp(frame, len, &sport, &dport, &payload, &plen) &&
	    dport == TFTP_PORT && plen >= 2 && payload[1] == TFTP_RRQ)
		session_port = sport;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct in_addr addr = fuzz_ip(10);

	if (store_setting(netdev_settings(fuzz_netdev()), &ip_setting, &addr,
			  sizeof(addr)))
		fuzz_fail("cannot configure the device");
	fuzz_tx_hook = watch_tx;
	return 0;
}

/* ---- the pure helpers ---- */

static void check_helpers(const uint8_t *data, size_t size)
{
	static const struct tftp_options want = {
		.blksize = 1468, .windowsize = 64, .has_tsize = true
	};
	struct tftp_options got;
	uint8_t *copy = fuzz_dup(data, size), *buf;
	char *path;
	size_t n;
	int rc;

	rc = tftp_parse_oack(copy, size, &got);
	fuzz_assert(rc == 0 || rc == -EBADMSG || rc == -EINVAL);
	if (rc == 0) {
		fuzz_assert(!got.blksize || (got.blksize >= TFTP_MIN_BLKSIZE &&
					     got.blksize <= TFTP_MAX_BLKSIZE));
		fuzz_assert(!got.windowsize ||
			    got.windowsize <= TFTP_MAX_WINDOWSIZE);
		tftp_check_oack(&got, &want);
	}
	free(copy);

	path = malloc(size + 1);
	fuzz_assert(path != NULL);
	memcpy(path, data, size);
	path[size] = '\0';
	n = tftp_build_rrq(NULL, 0, path, &want);
	buf = malloc(n);
	fuzz_assert(buf != NULL);
	fuzz_assert(tftp_build_rrq(buf, n, path, &want) == n);
	fuzz_assert(tftp_build_rrq(buf, n / 2, path, &want) == n);
	free(buf);
	free(path);
}

/* ---- the session ---- */

static void send_packet(const struct fuzz_record *rec)
{
	static const uint16_t ports[4] = { 1069, 2000, TFTP_PORT, 1069 };
	unsigned int who = CTL_SENDER(rec->ctl);
	size_t size = rec->len + 64, n;
	uint8_t *frame = malloc(size);

	fuzz_assert(frame != NULL);
	n = fuzz_udp_frame(frame, size, fuzz_ip(who == 3 ? STRANGER : SERVER),
			   fuzz_ip(10), ports[who],
			   rec->ctl & CTL_NOWHERE ? 7 : session_port,
			   rec->data, rec->len);
	sink.ctl = rec->ctl;
	if (n)
		fuzz_inject(frame, n);
	sink.ctl = 0;
	free(frame);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *pos = data, *end = data + size;
	uint8_t arp[64];
	struct fuzz_record rec;
	long blocks;
	int rc;

	fuzz_heap_watch(true);
	/* Let the server be a known neighbour, as after a DHCP exchange. */
	fuzz_inject(arp, fuzz_arp_request(arp, fuzz_ip(SERVER), fuzz_ip(10)));
	blocks = fuzz_live_blocks();

	check_helpers(data, size);

	memset(&sink, 0, sizeof(sink));
	xfer_init(&sink.xfer, &sink_ops, NULL);
	session_port = 0;
	rc = xfer_open_uri_string(&sink.xfer, "tftp://198.18.0.2/boot.img");
	/* The address is taken as resolved from the main loop. */
	fuzz_advance(0);
	if (rc != 0 || !session_port)
		fuzz_fail("TFTP does not start: %d", rc);

	while (fuzz_next_record(&pos, end, &rec)) {
		fuzz_advance(fuzz_delay(rec.ctl));
		send_packet(&rec);
	}
	if (!sink.closed) {
		sink.closed = true;
		xfer_close(&sink.xfer, -ECANCELED);
	}
	fuzz_settle();

	if (fuzz_live_blocks() != blocks)
		fuzz_fail("%ld heap blocks left after TFTP",
			  fuzz_live_blocks() - blocks);
	fuzz_heap_watch(false);
	return 0;
}
