/* Fuzz TCP input (net/tcp.c): a connection opened on the fake device to
 * 198.18.0.2:80, fed the fuzzer's segments as if from the server.
 *
 * Input: records (see fuzz.h), one segment each, sent after a pause
 * chosen by ctl bits 0-2.  A record's data is: sequence number relative
 * to the server's first (4 bytes), acknowledgement relative to ours (4),
 * flags (1), data offset byte (1), window (2), then options and payload;
 * the ports and checksums are filled in.  ctl bit 3 makes the consumer
 * hang up on its next delivery, bit 4 closes its window, bit 5 makes it
 * send a request before the segment, bit 6 makes it close gracefully
 * before the segment.
 *
 * The connection must deliver only before it closes, close its consumer
 * at most once, and leave nothing allocated and no connection alive once
 * every timer has run out. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <byteswap.h>
#include <cxboot/timer.h>
#include <net/ethernet.h>
#include <net/tcp.h>
#include "fuzz.h"

#define CTL_HANG_UP 0x08
#define CTL_SHUT 0x10
#define CTL_SEND 0x20
#define CTL_CLOSE 0x40

#define SERVER_ISS 0x10000000u

static struct {
	struct xfer xfer;
	bool closed;
	bool hang_up;
	bool shut;
} sink;

static int sink_deliver(struct xfer *x, struct io_buffer *iob,
			const struct xfer_metadata *meta)
{
	free_iob(iob);
	fuzz_assert(!sink.closed);
	if (sink.hang_up) {
		sink.closed = true;
		xfer_close(&sink.xfer, -ECANCELED);
	}
	return 0;
}

static size_t sink_window(struct xfer *x)
{
	return sink.shut ? 0 : ~(size_t)0;
}

static void sink_close(struct xfer *x, int rc)
{
	fuzz_assert(!sink.closed);
	sink.closed = true;
}

static const struct xfer_ops sink_ops = {
	.deliver = sink_deliver,
	.window = sink_window,
	.close = sink_close,
};

/* Learnt from the SYN. */
static uint16_t our_port;
static uint32_t our_iss;

static void watch_tx(const uint8_t *frame, size_t len)
{
	const struct iphdr *ip = (const void *)(frame + ETH_HLEN);
	const struct tcphdr *th = (const void *)(ip + 1);

	if (len < ETH_HLEN + sizeof(*ip) + sizeof(*th) ||
	    ip->protocol != IP_TCP)
		return;
	if ((th->flags & (TCP_SYN | TCP_ACK)) == TCP_SYN) {
		our_port = ntohs(th->src);
		our_iss = ntohl(th->seq);
	}
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

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static void send_segment(const struct fuzz_record *rec)
{
	size_t tlen = rec->len >= 12 ? rec->len + 8 : 0;
	size_t size = ETH_HLEN + sizeof(struct iphdr) + tlen;
	uint8_t *frame, *t;
	struct in_addr src = fuzz_ip(2), dest = fuzz_ip(10);

	if (!tlen || tlen + sizeof(struct iphdr) > 0xffff)
		return;
	frame = malloc(size);
	fuzz_assert(frame != NULL);
	t = fuzz_ip_frame(frame, src, dest, IP_TCP, tlen);

	t[0] = 0;
	t[1] = 80;
	t[2] = our_port >> 8;
	t[3] = our_port;
	{
		uint32_t seq = htonl(SERVER_ISS + get32(rec->data));
		uint32_t ack = htonl(our_iss + get32(rec->data + 4));
		uint16_t sum;

		memcpy(t + 4, &seq, 4);
		memcpy(t + 8, &ack, 4);
		t[12] = rec->data[9];
		t[13] = rec->data[8];
		t[14] = rec->data[10];
		t[15] = rec->data[11];
		t[16] = t[17] = t[18] = t[19] = 0;
		memcpy(t + 20, rec->data + 12, rec->len - 12);
		sum = tcpip_continue_chksum(ipv4_pshdr_chksum(src, dest,
							      IP_TCP, tlen),
					    t, tlen);
		memcpy(t + 16, &sum, 2);
	}
	fuzz_inject(frame, size);
	free(frame);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *pos = data, *end = data + size;
	struct fuzz_record rec;
	uint8_t arp[64];
	long blocks;

	fuzz_heap_watch(true);
	fuzz_inject(arp, fuzz_arp_request(arp, fuzz_ip(2), fuzz_ip(10)));
	blocks = fuzz_live_blocks();

	memset(&sink, 0, sizeof(sink));
	xfer_init(&sink.xfer, &sink_ops, NULL);
	our_port = 0;
	if (tcp_open(&sink.xfer, fuzz_ip(2), 80) != 0 || !our_port)
		fuzz_fail("TCP does not start");

	while (fuzz_next_record(&pos, end, &rec)) {
		fuzz_advance(fuzz_delay(rec.ctl));
		sink.hang_up = rec.ctl & CTL_HANG_UP;
		sink.shut = rec.ctl & CTL_SHUT;
		if (!sink.shut)
			xfer_window_changed(&sink.xfer);
		if ((rec.ctl & CTL_SEND) && !sink.closed)
			xfer_deliver_raw(&sink.xfer, "GET / HTTP/1.1\r\n\r\n",
					 18, NULL);
		if ((rec.ctl & CTL_CLOSE) && !sink.closed) {
			sink.closed = true;
			xfer_close(&sink.xfer, 0);
		}
		send_segment(&rec);
	}
	if (!sink.closed) {
		sink.closed = true;
		xfer_close(&sink.xfer, -ECANCELED);
	}
	fuzz_settle();

	if (tcp_live() != 0)
		fuzz_fail("%u TCP connections alive after the end", tcp_live());
	if (fuzz_live_blocks() != blocks)
		fuzz_fail("%ld heap blocks left after TCP",
			  fuzz_live_blocks() - blocks);
	fuzz_heap_watch(false);
	return 0;
}
