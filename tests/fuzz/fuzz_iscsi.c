/* Fuzz the iSCSI initiator (net/iscsi*.c).
 *
 * The whole input is first read as a root path and as login text, and
 * its first 48 bytes as a Data-In and an R2T header.  Then a session is
 * opened for real (iscsi:198.18.0.2::::iqn.fuzz) on the fake device:
 * the harness completes TCP's handshake as the target and sends the
 * records' data, in order, as what the target says (login responses,
 * Data-In, R2T, NOP-In, async messages, rejects, responses...).
 *
 * Records (see fuzz.h): ctl bits 0-2 are a pause before the record; bit
 * 3 starts a read and bit 4 a write of (ctl >> 5) + 1 blocks at LBA 0
 * when the device is ready, into a buffer of exactly that size, before
 * the record is sent; ctl 0xff instead closes the device as the SAN
 * layer would (the buffer is freed at once, so a late write into it is
 * caught).
 *
 * The session must never touch memory outside a command's buffer,
 * complete each command once, close its consumer at most once, and
 * leave nothing allocated and no connection alive at the end. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <byteswap.h>
#include <cxboot/open.h>
#include <cxboot/timer.h>
#include <net/ethernet.h>
#include <net/iscsi.h>
#include <net/tcp.h>
#include "fuzz.h"

#define CTL_READ 0x08
#define CTL_WRITE 0x10
#define CTL_CLOSE 0xff
#define SERVER_ISS 0x20000000u

static struct {
	struct xfer xfer;
	bool closed;
	bool busy;
	uint8_t *buf;
} san;

static void san_done(struct xfer *x, int rc)
{
	fuzz_assert(san.busy && !san.closed);
	san.busy = false;
	free(san.buf);
	san.buf = NULL;
}

static void san_close(struct xfer *x, int rc)
{
	fuzz_assert(!san.closed);
	san.closed = true;
	san.busy = false;
	free(san.buf);
	san.buf = NULL;
}

static const struct xfer_ops san_ops = {
	.block_done = san_done,
	.close = san_close,
};

/* Learnt from what our side sends. */
static uint16_t our_port;
static uint32_t our_iss, our_next;
static uint32_t server_sent;

static void watch_tx(const uint8_t *frame, size_t len)
{
	const struct iphdr *ip = (const void *)(frame + ETH_HLEN);
	const struct tcphdr *th = (const void *)(ip + 1);
	size_t hlen, payload;
	uint32_t end;

	if (len < ETH_HLEN + sizeof(*ip) + sizeof(*th) ||
	    ip->protocol != IP_TCP)
		return;
	if ((th->flags & (TCP_SYN | TCP_ACK)) == TCP_SYN) {
		our_port = ntohs(th->src);
		our_iss = ntohl(th->seq);
		our_next = our_iss + 1;
		return;
	}
	hlen = (th->hlen >> 4) * 4;
	if (ETH_HLEN + sizeof(*ip) + hlen > len)
		return;
	payload = ntohs(ip->len) - sizeof(*ip) - hlen;
	end = ntohl(th->seq) + payload;
	if ((int32_t)(end - our_next) > 0)
		our_next = end;
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

/* A TCP segment from the target carrying data (flags: TCP flags). */
static void send_segment(uint8_t flags, const uint8_t *data, size_t len)
{
	struct in_addr src = fuzz_ip(2), dest = fuzz_ip(10);
	size_t tlen, size;
	uint8_t *frame;
	struct tcphdr *th;

	if (len > 60000)
		len = 60000;
	tlen = sizeof(struct tcphdr) + len;
	size = ETH_HLEN + sizeof(struct iphdr) + tlen;
	frame = malloc(size);
	fuzz_assert(frame != NULL);
	th = (struct tcphdr *)fuzz_ip_frame(frame, src, dest, IP_TCP, tlen);
	memset(th, 0, sizeof(*th));
	th->src = htons(ISCSI_PORT);
	th->dest = htons(our_port);
	th->seq = htonl(SERVER_ISS + server_sent + (flags & TCP_SYN ? 0 : 1));
	th->ack = htonl(our_next);
	th->hlen = 5 << 4;
	th->flags = flags;
	th->win = htons(0xffff);
	memcpy(th + 1, data, len);
	th->chksum = tcpip_continue_chksum(ipv4_pshdr_chksum(src, dest,
							     IP_TCP, tlen),
					   th, tlen);
	fuzz_inject(frame, size);
	free(frame);
	server_sent += len;
}

/* The pure parsers, on the raw input. */
static void check_parsers(const uint8_t *data, size_t size)
{
	struct iscsi_root_path rp;
	char *text = malloc(size + 1), value[64];
	struct iscsi_bhs h;
	struct iscsi_data_in d;
	struct iscsi_r2t r;

	fuzz_assert(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	if (iscsi_parse_root_path(text, &rp) == 0)
		fuzz_assert(rp.port && rp.server[0] && rp.target[0] &&
			    strlen(rp.target) <= ISCSI_NAME_MAX);
	if (iscsi_text_get(text, size, "CHAP_C", value, sizeof(value)))
		fuzz_assert(strlen(value) < sizeof(value));
	free(text);
	if (size >= ISCSI_BHS_LEN) {
		memcpy(&h, data, ISCSI_BHS_LEN);
		if (iscsi_parse_data_in(&h, &d) == 0)
			fuzz_assert(!d.has_status || (h.b[1] & ISCSI_FINAL));
		iscsi_parse_r2t(&h, &r);
	}
}

/* Start a block command of n blocks if the device takes one. */
static void start_command(bool write, unsigned int n)
{
	uint64_t blocks;
	size_t blksize;
	int rc;

	if (san.closed || san.busy || !xfer_window(&san.xfer) ||
	    xfer_block_capacity(&san.xfer, &blocks, &blksize) != 0 ||
	    blksize > 4096 || !blksize)
		return;
	san.buf = malloc(n * blksize);
	fuzz_assert(san.buf != NULL);
	memset(san.buf, 0x5a, n * blksize);
	san.busy = true;
	rc = write ? xfer_block_write(&san.xfer, 0, n, san.buf)
		   : xfer_block_read(&san.xfer, 0, n, san.buf);
	if (rc) {
		fuzz_assert(!san.closed);
		san.busy = false;
		free(san.buf);
		san.buf = NULL;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *pos = data, *end = data + size;
	struct fuzz_record rec;
	uint8_t arp[64];
	struct uri *uri;
	long blocks;

	check_parsers(data, size);
	fuzz_heap_watch(true);
	fuzz_inject(arp, fuzz_arp_request(arp, fuzz_ip(2), fuzz_ip(10)));
	blocks = fuzz_live_blocks();

	memset(&san, 0, sizeof(san));
	xfer_init(&san.xfer, &san_ops, NULL);
	our_port = 0;
	server_sent = 0;
	uri = parse_uri("iscsi:198.18.0.2::::iqn.2026-12.test:fuzz");
	fuzz_assert(uri != NULL);
	if (xfer_open_block_uri(&san.xfer, uri) != 0)
		fuzz_fail("the session does not open");
	free(uri);
	fuzz_advance(1);
	if (!our_port)
		fuzz_fail("no connection attempt");
	send_segment(TCP_SYN | TCP_ACK, NULL, 0);

	while (fuzz_next_record(&pos, end, &rec) && !san.closed) {
		if (rec.ctl == CTL_CLOSE) {
			san.closed = true;
			free(san.buf);
			san.buf = NULL;
			xfer_close(&san.xfer, 0);
			break;
		}
		fuzz_advance(fuzz_delay(rec.ctl));
		if (rec.ctl & (CTL_READ | CTL_WRITE))
			start_command(rec.ctl & CTL_WRITE, (rec.ctl >> 5) + 1);
		send_segment(TCP_ACK | TCP_PSH, rec.data, rec.len);
	}
	if (!san.closed) {
		san.closed = true;
		xfer_close(&san.xfer, -ECANCELED);
	}
	free(san.buf);
	san.buf = NULL;
	fuzz_settle();

	if (tcp_live() != 0)
		fuzz_fail("%u TCP connections alive after the end", tcp_live());
	if (fuzz_live_blocks() != blocks)
		fuzz_fail("%ld heap blocks left after iSCSI",
			  fuzz_live_blocks() - blocks);
	fuzz_heap_watch(false);
	return 0;
}
