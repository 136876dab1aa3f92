/* Unit tests for TCP (net/tcp.c), driven through a test device: the
 * SYN's options, window scaling in both directions, in-order delivery,
 * early segments acknowledged at once with SACK blocks and delivered
 * once the gap fills, retransmission on a timeout, graceful close,
 * resets and refusal, two connections at once, with the live count back
 * to zero each time, and the reset that answers a segment for no
 * connection. */
#include <errno.h>
#include <byteswap.h>
#include <stdlib.h>
#include <cxboot/timer.h>
#include <cxboot/settings.h>
#include <net/ethernet.h>
#include <net/ip.h>
#include <net/tcp.h>
#include "test.h"
#include "testdev.h"

static struct net_device *nd;
static const uint8_t our_mac[6] = { 0x02, 0, 0, 0, 0, 0x11 };
static const uint8_t peer_mac[6] = { 0x02, 0, 0, 0, 0, 0x12 };
static const uint8_t our_ip[4] = { 198, 18, 0, 10 };
static const uint8_t peer_ip[4] = { 198, 18, 0, 2 };

/* An ARP request from the peer, so that it is a known neighbour. */
static void announce_peer(void)
{
	uint8_t f[42];

	memset(f, 0xff, 6);
	memcpy(f + 6, peer_mac, 6);
	be16_put(f + 12, 0x0806);
	be16_put(f + 14, 1);
	be16_put(f + 16, 0x0800);
	f[18] = 6;
	f[19] = 4;
	be16_put(f + 20, 1);
	memcpy(f + 22, peer_mac, 6);
	memcpy(f + 28, peer_ip, 4);
	memset(f + 32, 0, 6);
	memcpy(f + 38, our_ip, 4);
	test_inject(nd, f, sizeof(f));
}

/* The peer's side of the connection under test. */
static uint16_t our_port;
static uint32_t peer_seq;      /* the peer's next sequence number */

/* Send a segment from the peer (port 80) with correct checksums. */
static void send_seg(uint32_t seq, uint32_t ack, uint8_t flags, uint16_t win,
		     const uint8_t *opt, size_t olen, const void *data,
		     size_t len)
{
	uint8_t f[1600], ps[1600];
	uint8_t *ip = f + 14, *tcp = ip + 20;
	size_t tlen = 20 + olen + len;
	uint16_t sum;

	memcpy(f, our_mac, 6);
	memcpy(f + 6, peer_mac, 6);
	be16_put(f + 12, 0x0800);
	memset(ip, 0, 20);
	ip[0] = 0x45;
	be16_put(ip + 2, 20 + tlen);
	ip[8] = 64;
	ip[9] = IP_TCP;
	memcpy(ip + 12, peer_ip, 4);
	memcpy(ip + 16, our_ip, 4);
	sum = tcpip_chksum(ip, 20);
	memcpy(ip + 10, &sum, 2);
	be16_put(tcp, 80);
	be16_put(tcp + 2, our_port);
	be32_put(tcp + 4, seq);
	be32_put(tcp + 8, ack);
	tcp[12] = ((20 + olen) / 4) << 4;
	tcp[13] = flags;
	be16_put(tcp + 14, win);
	be16_put(tcp + 16, 0);
	be16_put(tcp + 18, 0);
	memcpy(tcp + 20, opt, olen);
	memcpy(tcp + 20 + olen, data, len);
	memcpy(ps, peer_ip, 4);
	memcpy(ps + 4, our_ip, 4);
	ps[8] = 0;
	ps[9] = IP_TCP;
	be16_put(ps + 10, tlen);
	memcpy(ps + 12, tcp, tlen);
	sum = tcpip_chksum(ps, 12 + tlen);
	memcpy(tcp + 16, &sum, 2);
	test_inject(nd, f, 14 + 20 + tlen);
}

/* A captured segment, parsed. */
struct seg {
	uint32_t seq, ack;
	uint8_t flags;
	uint16_t win;
	const uint8_t *opt;
	size_t olen;
	const uint8_t *data;
	size_t len;
};

static bool parse_cap(unsigned int i, struct seg *s)
{
	const uint8_t *f = test_cap[i].data, *tcp = f + 34;
	size_t hlen;

	if (i >= test_ncap || test_cap[i].len < 54 || be16_get(f + 12) != 0x0800 ||
	    f[23] != IP_TCP)
		return false;
	hlen = (tcp[12] >> 4) * 4;
	s->seq = be32_get(tcp + 4);
	s->ack = be32_get(tcp + 8);
	s->flags = tcp[13];
	s->win = be16_get(tcp + 14);
	s->opt = tcp + 20;
	s->olen = hlen - 20;
	s->data = tcp + hlen;
	s->len = 14 + be16_get(f + 16) - 34 - hlen;
	our_port = be16_get(tcp);
	return true;
}

/* The last segment we sent. */
static bool last_seg(struct seg *s)
{
	return test_ncap && parse_cap(test_ncap - 1, s);
}

/* SACK blocks of a segment's options: how many, edges into e. */
static unsigned int sack_of(const struct seg *s, uint32_t *e)
{
	size_t i = 0;
	unsigned int n = 0;

	while (i < s->olen) {
		if (s->opt[i] == TCP_OPT_NOP) {
			i++;
			continue;
		}
		if (s->opt[i] == TCP_OPT_SACK) {
			for (n = 0; n < (s->opt[i + 1] - 2u) / 8; n++) {
				e[2 * n] = be32_get(s->opt + i + 2 + 8 * n);
				e[2 * n + 1] = be32_get(s->opt + i + 6 + 8 * n);
			}
			return n;
		}
		if (s->opt[i] == TCP_OPT_END || i + 1 >= s->olen)
			break;
		i += s->opt[i + 1];
	}
	return 0;
}

/* The upper layer: the connection under test, and another beside it. */
struct upper {
	struct xfer xfer;
	uint8_t data[4096];
	size_t len;
	size_t window;
	bool closed;
	int rc;
};
static struct upper up, other;

static int up_deliver(struct xfer *x, struct io_buffer *iob,
		      const struct xfer_metadata *meta)
{
	struct upper *u = container_of(x, struct upper, xfer);
	size_t n = MIN(iob_len(iob), sizeof(u->data) - u->len);

	memcpy(u->data + u->len, iob->data, n);
	u->len += n;
	free_iob(iob);
	return 0;
}

static size_t up_window(struct xfer *x)
{
	return container_of(x, struct upper, xfer)->window;
}

static void up_close(struct xfer *x, int rc)
{
	struct upper *u = container_of(x, struct upper, xfer);

	u->closed = true;
	u->rc = rc;
}

static const struct xfer_ops up_ops = {
	.deliver = up_deliver,
	.window = up_window,
	.close = up_close,
};

static struct in_addr peer_addr(void)
{
	struct in_addr a;

	memcpy(&a, peer_ip, 4);
	return a;
}

/* Open u, check the SYN, answer with a SYN-ACK carrying wscale (or none
 * if negative).  Returns our ISS. */
static uint32_t connect_upper(struct upper *u, int wscale, size_t window)
{
	uint8_t opt[12] = { TCP_OPT_MSS, 4, 0x03, 0xe8, TCP_OPT_NOP,
			    TCP_OPT_SACK_OK, 2, TCP_OPT_NOP,
			    TCP_OPT_WS, 3, 0, TCP_OPT_NOP };
	struct seg s;
	uint32_t iss;

	memset(u, 0, sizeof(*u));
	u->window = window;
	xfer_init(&u->xfer, &up_ops, NULL);
	test_ncap = 0;
	ok(tcp_open(&u->xfer, peer_addr(), 80) == 0);
	ok(last_seg(&s) && s.flags == TCP_SYN);
	iss = s.seq;
	/* MSS from the MTU, window scale 7, SACK permitted. */
	ok(s.olen == 12);
	ok(s.opt[0] == TCP_OPT_MSS && be16_get(s.opt + 2) == 1460);
	ok(s.opt[5] == TCP_OPT_WS && s.opt[7] == TCP_WSCALE);
	ok(s.opt[10] == TCP_OPT_SACK_OK);
	ok(our_port >= 49152);
	peer_seq = 0x7ffffff0;        /* wraps past 2^31 on the way */
	opt[10] = wscale;
	send_seg(peer_seq, iss + 1, TCP_SYN | TCP_ACK, 1000, opt,
		 wscale < 0 ? 8 : 12, NULL, 0);
	peer_seq++;
	ok(last_seg(&s) && s.flags == TCP_ACK && s.ack == peer_seq &&
	   s.seq == iss + 1);
	return iss;
}

static uint32_t connect(int wscale, size_t window)
{
	return connect_upper(&up, wscale, window);
}

/* Data from the peer at offset off from peer_seq. */
static void send_data(uint32_t iss, uint32_t off, const char *text)
{
	send_seg(peer_seq + off, iss + 1, TCP_ACK, 1000, NULL, 0, text,
		 strlen(text));
}

/* Three round trips bringing 2, 62 and 2 segments of 1000 bytes to a
 * new connection, each sent right after a tick begins; win[] gets the
 * window the last ACK of each offered.  False if a round's segments
 * did not all arrive within one tick (try again). */
static bool bdp_rounds(size_t *win)
{
	static char chunk[1000];
	uint32_t off = 0, iss = connect(0, 64 << 20);
	bool clean = true;
	struct seg s;

	for (int round = 0; round < 3; round++) {
		int n = round == 1 ? 62 : 2;
		unsigned long t0 = currticks();

		while (currticks() - t0 < 3)
			;
		t0 = currticks();
		for (int i = 0; i < n; i++, off += sizeof(chunk)) {
			if (i == n - 2)
				test_ncap = 0;
			send_seg(peer_seq + off, iss + 1, TCP_ACK, 1000, NULL,
				 0, chunk, sizeof(chunk));
		}
		clean = clean && currticks() == t0;
		ok(last_seg(&s) && s.ack == peer_seq + off);
		win[round] = (size_t)s.win << TCP_WSCALE;
	}
	xfer_close(&up.xfer, -ECANCELED);
	ok(tcp_live() == 0);
	return clean;
}

UNIT_TEST(tcp_segments)
{
	uint32_t e[8], iss;
	unsigned int n;
	struct seg s;

	nd = alloc_etherdev(0);
	ok(nd != NULL);
	if (!nd)
		return;
	nd->op = &test_dev_ops;
	memcpy(nd->hw_addr, our_mac, 6);
	ok(register_netdev(nd) == 0);
	store_setting(netdev_settings(nd), &ip_setting, our_ip, 4);
	ok(netdev_open(nd) == 0);
	announce_peer();

	/* The upper window, scaled by 2^7, is what we advertise, within
	 * the initial limit. */
	iss = connect(2, 1 << 20);
	ok(last_seg(&s) && s.win == TCP_WINDOW_INITIAL >> TCP_WSCALE);
	ok(tcp_live() == 1);

	/* In order: delivered at once; the ACK waits for the second
	 * segment. */
	test_ncap = 0;
	send_data(iss, 0, "hel");
	ok(up.len == 3 && test_ncap == 0);
	send_data(iss, 3, "lo ");
	ok(up.len == 6 && memcmp(up.data, "hello ", 6) == 0);
	ok(test_ncap == 1 && last_seg(&s) && s.ack == peer_seq + 6 &&
	   s.olen == 0);

	/* Early: held, and a duplicate ACK with the block it fills. */
	send_data(iss, 12, "third ");
	ok(up.len == 6);
	ok(last_seg(&s) && s.ack == peer_seq + 6);
	n = sack_of(&s, e);
	ok(n == 1 && e[0] == peer_seq + 12 && e[1] == peer_seq + 18);
	/* A second hole: the latest block comes first. */
	send_data(iss, 24, "fifth");
	ok(last_seg(&s) && s.ack == peer_seq + 6);
	n = sack_of(&s, e);
	ok(n == 2 && e[0] == peer_seq + 24 && e[1] == peer_seq + 29 &&
	   e[2] == peer_seq + 12 && e[3] == peer_seq + 18);
	/* A repeat of held data changes nothing. */
	send_data(iss, 12, "third ");
	ok(up.len == 6);
	/* The first hole fills: everything up to the second is delivered,
	 * and one block is left. */
	send_data(iss, 6, "again ");
	ok(up.len == 18 && memcmp(up.data, "hello again third ", 18) == 0);
	ok(last_seg(&s) && s.ack == peer_seq + 18);
	n = sack_of(&s, e);
	ok(n == 1 && e[0] == peer_seq + 24 && e[1] == peer_seq + 29);
	/* Overlapping the held segment on both sides. */
	send_data(iss, 17, " forth fif");
	ok(up.len == 29 &&
	   memcmp(up.data, "hello again third forth fifth", 29) == 0);
	ok(last_seg(&s) && s.ack == peer_seq + 29 && s.olen == 0);
	peer_seq += 29;

	/* A lone segment is acknowledged by the delayed-ACK timer, well
	 * within half a second; one with PSH at once. */
	test_ncap = 0;
	send_data(iss, 0, "x");
	ok(test_ncap == 0);
	for (unsigned long t0 = currticks(); !test_ncap && currticks() - t0 < 500;)
		timers_run();
	ok(test_ncap == 1 && last_seg(&s) && s.ack == peer_seq + 1);
	peer_seq++;
	test_ncap = 0;
	send_seg(peer_seq, iss + 1, TCP_ACK | TCP_PSH, 1000, NULL, 0, "y", 1);
	ok(test_ncap == 1 && last_seg(&s) && s.ack == peer_seq + 1);
	peer_seq++;

	/* Our data goes out within the peer's window (1000 << 2), and is
	 * sent again from the same place when no ACK comes. */
	test_ncap = 0;
	ok(xfer_deliver_raw(&up.xfer, "GET /", 5, NULL) == 0);
	ok(last_seg(&s) && s.seq == iss + 1 && s.len == 5 &&
	   memcmp(s.data, "GET /", 5) == 0);
	test_ncap = 0;
	for (unsigned long t0 = currticks(); !test_ncap && currticks() - t0 < 3000;)
		timers_run();
	ok(last_seg(&s) && s.seq == iss + 1 && s.len == 5 &&
	   memcmp(s.data, "GET /", 5) == 0);
	send_seg(peer_seq, iss + 6, TCP_ACK, 1000, NULL, 0, NULL, 0);

	/* The peer closes: the upper end hears of it, our FIN follows,
	 * and its ACK ends the connection. */
	test_ncap = 0;
	send_seg(peer_seq, iss + 6, TCP_FIN | TCP_ACK, 1000, NULL, 0, NULL,
		 0);
	ok(up.closed && up.rc == 0);
	ok(last_seg(&s) && (s.flags & TCP_FIN) && s.ack == peer_seq + 1);
	send_seg(peer_seq + 1, iss + 7, TCP_ACK, 1000, NULL, 0, NULL, 0);
	ok(tcp_live() == 0);

	/* Without the peer's window scale, ours is off too. */
	iss = connect(-1, 1 << 20);
	ok(last_seg(&s) && s.win == 0xffff);
	/* A reset in the window ends it. */
	send_seg(peer_seq, 0, TCP_RST, 0, NULL, 0, NULL, 0);
	ok(up.closed && up.rc == -ECONNRESET);
	ok(tcp_live() == 0);

	/* A reset outside the window is ignored; the upper end may close
	 * with an error, which resets the connection. */
	iss = connect(0, 1 << 20);
	send_seg(peer_seq + (4u << 20) + 1000, 0, TCP_RST, 0, NULL, 0, NULL, 0);
	ok(!up.closed && tcp_live() == 1);
	test_ncap = 0;
	xfer_close(&up.xfer, -ECANCELED);
	ok(last_seg(&s) && (s.flags & TCP_RST));
	ok(tcp_live() == 0);

	/* Refused. */
	memset(&up, 0, sizeof(up));
	xfer_init(&up.xfer, &up_ops, NULL);
	test_ncap = 0;
	ok(tcp_open(&up.xfer, peer_addr(), 80) == 0);
	ok(last_seg(&s) && s.flags == TCP_SYN);
	send_seg(0, s.seq + 1, TCP_RST | TCP_ACK, 0, NULL, 0, NULL, 0);
	ok(up.closed && up.rc == -ECONNREFUSED);
	ok(tcp_live() == 0);

	/* Two at once, on ports of their own: each gets its own data. */
	{
		uint32_t iss_a = connect_upper(&up, 0, 1 << 20);
		uint16_t port_a = our_port;
		uint32_t iss_b = connect_upper(&other, 0, 1 << 20);
		uint16_t port_b = our_port;

		ok(port_a != port_b && tcp_live() == 2);
		send_data(iss_b, 0, "to b");
		our_port = port_a;
		send_data(iss_a, 0, "to a");
		ok(up.len == 4 && memcmp(up.data, "to a", 4) == 0);
		ok(other.len == 4 && memcmp(other.data, "to b", 4) == 0);
		xfer_close(&up.xfer, -ECANCELED);
		ok(tcp_live() == 1 && !other.closed);
		xfer_close(&other.xfer, -ECANCELED);
		ok(tcp_live() == 0);
	}

	/* The window follows what arrives per round trip (here at least a
	 * tick): it stays at the initial limit while little comes, then
	 * grows to twice what came in one. */
	{
		size_t win[3];

		for (int tries = 0; tries < 10 && !bdp_rounds(win); tries++)
			;
		ok(win[0] == TCP_WINDOW_INITIAL && win[1] == TCP_WINDOW_INITIAL);
		ok(win[2] > 2 * 62 * 1000 - (1 << TCP_WSCALE) &&
		   win[2] <= 2 * 64 * 1000);
	}

	/* A segment for no connection is answered with a reset: at its
	 * ACK, or acknowledging it when it has none. */
	test_ncap = 0;
	our_port = 40000;
	send_seg(5, 77, TCP_ACK, 1000, NULL, 0, "x", 1);
	ok(last_seg(&s) && s.flags == TCP_RST && s.seq == 77 &&
	   our_port == 40000);
	send_seg(5, 0, TCP_SYN, 1000, NULL, 0, NULL, 0);
	ok(last_seg(&s) && s.flags == (TCP_RST | TCP_ACK) && s.seq == 0 &&
	   s.ack == 6);
	ok(tcp_live() == 0);

	netdev_close(nd);
	unregister_netdev(nd);
	netdev_put(nd);
	nd = NULL;
}
