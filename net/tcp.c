/* TCP client (RFC 9293), built for downloads.
 *
 * Active open only, with MSS, window scale and SACK-permitted options.
 * The receive side is what matters: segments that arrive in order go
 * straight to the upper layer in the buffer they came in; those that
 * arrive early wait in a queue ordered by sequence number, and every
 * such arrival is acknowledged at once with SACK blocks, so that the
 * sender retransmits just the missing segment (three duplicate ACKs
 * start its fast retransmit).  Data in order is acknowledged once per
 * batch of frames the network devices hand in (after the poll that
 * brought it), and after every TCP_ACK_SEGS segments within a batch:
 * stretch ACKs, as a host whose NIC coalesces received segments sends;
 * every ACK costs the sender's work as much as ours.  At once while the
 * queue holds anything, when a hole fills, on PSH and FIN.
 * The advertised window is the upper layer's, up to a limit that
 * follows the bandwidth-delay product: it starts at TCP_WINDOW_INITIAL
 * and, each round trip, grows to twice what arrived in the last one
 * (so the sender is never window-bound), up to TCP_WINDOW_MAX or what
 * memory can back.  The send side
 * carries requests: small, sent from a queue, resent from the oldest
 * unacknowledged byte on a timeout (RFC 6298, net/rtt.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <byteswap.h>
#include <cxboot/heap.h>
#include <cxboot/process.h>
#include <cxboot/timer.h>
#include <net/rtt.h>
#include <net/tcp.h>

#define TCP_EPHEMERAL_MIN 49152
#define TCP_EPHEMERAL_MAX 65535
#define TCP_MSS_DEFAULT 536
#define TCP_RTO_INITIAL 1000UL
#define TCP_RTO_MIN 200UL
#define TCP_RTO_MAX 30000UL
/* Give up when nothing moves for this long (ms). */
#define TCP_GIVE_UP_MS 60000UL
/* After our FIN is acknowledged, wait this long for the peer's. */
#define TCP_LINGER_MS 2000UL
#define TCP_SACK_BLOCKS 4      /* what fits beside no timestamps */
#define TCP_SACK_SCAN 16       /* ranges looked at for the latest one */
/* How long an ACK of in-order data may wait for a second segment
 * (RFC 9293 section 3.8.6.3: well under 0.5 s). */
#define TCP_ACK_SEGS 16


enum tcp_state {
	TCP_SYN_SENT,
	TCP_ESTABLISHED,
	TCP_CLOSED,        /* done; waiting for the last reference */
};

/* A segment that arrived ahead of the next expected byte. */
struct tcp_ooo {
	struct list_head list;
	uint32_t seq;
	bool fin;
	struct io_buffer *iob;    /* data = payload */
};

struct tcp_conn {
	struct refcnt refcnt;
	struct xfer xfer;           /* to the upper layer */
	struct list_head list;      /* in tcp_conns */
	struct retry_timer timer;   /* retransmission, give-up, linger */
	enum tcp_state state;

	struct in_addr peer;
	uint16_t lport, rport;      /* host order */
	uint16_t mss;               /* largest segment we send */

	/* Send side: tx_len bytes queued from snd_una on, in txq. */
	uint32_t iss, snd_una, snd_nxt;
	uint32_t snd_wnd;           /* peer's window, scaled */
	uint8_t snd_wscale, rcv_wscale;
	bool sack_ok;
	struct list_head txq;
	size_t tx_len;
	bool closing;               /* upper end gone: FIN after the data */
	bool fin_sent;

	/* Receive side. */
	uint32_t rcv_nxt;
	uint32_t rcv_wnd;           /* the limit now, following the BDP */
	uint32_t rcv_wnd_max;       /* memory-bound upper limit */
	uint32_t bdp_seq;           /* rcv_nxt when this round trip began */
	unsigned long bdp_at;
	bool fin_rcvd;
	struct list_head ooq;       /* struct tcp_ooo, by seq */
	size_t ooq_bytes;
	uint32_t ooo_last;          /* seq of the latest early arrival */
	bool ack_owed;              /* a segment arrived since our last ACK */
	unsigned int owed_segs;     /* how many */

	struct rtt rtt;
	unsigned int backoff;
	bool timing;                /* rtt_seq's ACK gives an RTT sample */
	uint32_t rtt_seq;
	unsigned long rtt_at;
	unsigned long progress_at;
};

static LIST_HEAD(tcp_conns);
static unsigned int live;
static unsigned int next_port;

unsigned int tcp_live(void)
{
	return live;
}

TABLE_ENTRY(proto_stats, struct proto_stats, tcp_stats) = {
	.name = "tcp",
	.live = tcp_live,
};

static bool seq_lt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

static bool seq_le(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) <= 0;
}

static void tcp_free(struct refcnt *ref)
{
	struct tcp_conn *c = container_of(ref, struct tcp_conn, refcnt);
	struct io_buffer *iob, *tmp;
	struct tcp_ooo *o, *otmp;

	list_for_each_entry_safe(iob, tmp, &c->txq, list) {
		list_del(&iob->list);
		free_iob(iob);
	}
	list_for_each_entry_safe(o, otmp, &c->ooq, list) {
		list_del(&o->list);
		free_iob(o->iob);
		free(o);
	}
	live--;
	free(c);
}

static struct tcp_conn *tcp_find(uint16_t lport, uint16_t rport,
				 struct in_addr peer)
{
	struct tcp_conn *c;

	list_for_each_entry(c, &tcp_conns, list) {
		if (c->lport == lport && c->rport == rport &&
		    c->peer.s_addr == peer.s_addr)
			return c;
	}
	return NULL;
}

static bool port_used(uint16_t port)
{
	struct tcp_conn *c;

	list_for_each_entry(c, &tcp_conns, list) {
		if (c->lport == port)
			return true;
	}
	return false;
}

static int tcp_ephemeral_port(void)
{
	unsigned int tries = TCP_EPHEMERAL_MAX - TCP_EPHEMERAL_MIN + 1;
	unsigned int port;

	/* Random at first, so that a server still holding the state of a
	 * previous boot's connection does not mistake ours for it. */
	if (!next_port)
		next_port = TCP_EPHEMERAL_MIN + random() % tries;
	while (tries--) {
		port = next_port;
		next_port = port == TCP_EPHEMERAL_MAX ? TCP_EPHEMERAL_MIN
						      : port + 1;
		if (!port_used(port))
			return port;
	}
	return -EADDRINUSE;
}

/* ---- Transmission ------------------------------------------------- */

/* The window we offer: the upper layer's, within the limit.  Once the
 * upper end is gone, whatever still comes is dropped, so it may come
 * freely until the peer's FIN. */
static uint32_t tcp_rcv_window(struct tcp_conn *c)
{
	size_t w = c->closing ? c->rcv_wnd_max : xfer_window(&c->xfer);

	if (w > c->rcv_wnd)
		w = c->rcv_wnd;
	return w > c->ooq_bytes ? w - c->ooq_bytes : 0;
}

/* SACK blocks from the out-of-order queue: the block holding the latest
 * arrival first (RFC 2018 section 4), then the lowest others.  Fills
 * pairs of left/right edges; returns how many blocks. */
static unsigned int tcp_sack_blocks(struct tcp_conn *c, uint32_t *edges)
{
	unsigned int n = 0, first = 0, i;
	struct tcp_ooo *o;

	list_for_each_entry(o, &c->ooq, list) {
		uint32_t end = o->seq + iob_len(o->iob) + o->fin;

		if (n && seq_le(o->seq, edges[2 * n - 1])) {
			if (seq_lt(edges[2 * n - 1], end))
				edges[2 * n - 1] = end;
			continue;
		}
		if (n == TCP_SACK_SCAN)
			break;
		edges[2 * n] = o->seq;
		edges[2 * n + 1] = end;
		n++;
	}
	for (i = 0; i < n; i++) {
		if (seq_le(edges[2 * i], c->ooo_last) &&
		    seq_lt(c->ooo_last, edges[2 * i + 1]))
			first = i;
	}
	/* Rotate the latest arrival's block to the front. */
	while (first--) {
		uint32_t l = edges[2 * first + 2], r = edges[2 * first + 3];

		edges[2 * first + 2] = edges[2 * first];
		edges[2 * first + 3] = edges[2 * first + 1];
		edges[2 * first] = l;
		edges[2 * first + 1] = r;
	}
	return MIN(n, (unsigned int)TCP_SACK_BLOCKS);
}

static size_t tcp_put_options(struct tcp_conn *c, uint8_t *opt,
			      uint8_t flags)
{
	uint32_t edges[2 * TCP_SACK_SCAN];
	unsigned int n, i;
	size_t len = 0;

	if (flags & TCP_SYN) {
		opt[len++] = TCP_OPT_MSS;
		opt[len++] = 4;
		opt[len++] = c->mss >> 8;
		opt[len++] = c->mss;
		opt[len++] = TCP_OPT_NOP;
		opt[len++] = TCP_OPT_WS;
		opt[len++] = 3;
		opt[len++] = c->rcv_wscale;
		opt[len++] = TCP_OPT_NOP;
		opt[len++] = TCP_OPT_NOP;
		opt[len++] = TCP_OPT_SACK_OK;
		opt[len++] = 2;
		return len;
	}
	if (!c->sack_ok || list_empty(&c->ooq))
		return 0;
	n = tcp_sack_blocks(c, edges);
	if (!n)
		return 0;
	opt[len++] = TCP_OPT_NOP;
	opt[len++] = TCP_OPT_NOP;
	opt[len++] = TCP_OPT_SACK;
	opt[len++] = 2 + 8 * n;
	for (i = 0; i < 2 * n; i++) {
		uint32_t e = htonl(edges[i]);

		memcpy(opt + len, &e, 4);
		len += 4;
	}
	return len;
}

/* Copy len bytes of queued data starting off bytes after snd_una. */
static void tcp_copy_queued(struct tcp_conn *c, size_t off, uint8_t *dst,
			    size_t len)
{
	struct io_buffer *iob;

	list_for_each_entry(iob, &c->txq, list) {
		size_t n = iob_len(iob);

		if (off >= n) {
			off -= n;
			continue;
		}
		n = MIN(n - off, len);
		memcpy(dst, iob->data + off, n);
		dst += n;
		len -= n;
		off = 0;
		if (!len)
			return;
	}
}

/* The fields of one segment to send. */
struct tcp_out {
	struct in_addr peer;
	uint16_t lport, rport;
	uint32_t seq, ack;
	uint8_t flags;
	uint16_t win;
	const uint8_t *opt;
	size_t olen;
};

/* Push the header described by out onto iob's payload and send it. */
static int tcp_xmit(struct io_buffer *iob, const struct tcp_out *out)
{
	size_t hlen = sizeof(struct tcphdr) + out->olen;
	struct ipv4_route route;
	struct tcphdr *th;
	int rc;

	rc = ipv4_route(out->peer, NULL, &route);
	if (rc) {
		free_iob(iob);
		return rc;
	}
	th = iob_push(iob, hlen);
	memcpy(th + 1, out->opt, out->olen);
	th->src = htons(out->lport);
	th->dest = htons(out->rport);
	th->seq = htonl(out->seq);
	th->ack = htonl(out->ack);
	th->hlen = (hlen / 4) << 4;
	th->flags = out->flags;
	th->win = htons(out->win);
	th->chksum = 0;
	th->urg = 0;
	th->chksum = tcpip_continue_chksum(
		ipv4_pshdr_chksum(route.src, out->peer, IP_TCP, iob_len(iob)),
		th, iob_len(iob));
	return ipv4_tx(iob, IP_TCP, out->peer, &route);
}

static struct io_buffer *tcp_alloc_iob(size_t len)
{
	return alloc_iob_plus(len, sizeof(struct tcphdr) + 40 + LL_PAD_ROOM);
}

/* Send one segment of len queued bytes at seq (the data at seq - snd_una
 * in the queue), with flags; every segment but the SYN carries an ACK. */
static int tcp_send(struct tcp_conn *c, uint32_t seq, uint8_t flags,
		    size_t len)
{
	struct io_buffer *iob = tcp_alloc_iob(len);
	uint8_t opt[40];
	struct tcp_out out = {
		.peer = c->peer, .lport = c->lport, .rport = c->rport,
		.seq = seq, .opt = opt,
	};
	uint32_t wnd = tcp_rcv_window(c);

	if (!iob)
		return -ENOMEM;
	if (len)
		tcp_copy_queued(c, seq - c->snd_una, iob_put(iob, len), len);
	out.olen = tcp_put_options(c, opt, flags);
	if (c->state != TCP_SYN_SENT) {
		flags |= TCP_ACK;
		out.ack = c->rcv_nxt;
		wnd >>= c->rcv_wscale;   /* never scaled in a SYN */
		c->ack_owed = false;
		c->owed_segs = 0;
	}
	out.flags = flags;
	out.win = MIN(wnd, 0xffffU);
	return tcp_xmit(iob, &out);
}

static void tcp_send_ack(struct tcp_conn *c)
{
	tcp_send(c, c->snd_nxt, 0, 0);
}

static void tcp_send_rst(struct tcp_conn *c)
{
	tcp_send(c, c->snd_nxt, TCP_RST, 0);
}

static void tcp_arm(struct tcp_conn *c)
{
	start_timer_fixed(&c->timer, rtt_rto(&c->rtt, c->backoff));
}

/* Send what the queue and the peer's window allow, then our FIN once
 * the upper end is gone and the data is out.  A probe sends a byte even
 * into a zero window, so that a window update lost on the way cannot
 * hold us forever.  Returns true if anything was sent. */
static bool tcp_output_probe(struct tcp_conn *c, bool probe)
{
	uint32_t end = c->snd_una + c->tx_len;
	uint32_t wnd = probe ? MAX(c->snd_wnd, 1U) : c->snd_wnd;
	bool sent = false;

	if (c->state != TCP_ESTABLISHED)
		return false;
	while (seq_lt(c->snd_nxt, end)) {
		uint32_t in_flight = c->snd_nxt - c->snd_una;
		size_t len = MIN((size_t)(end - c->snd_nxt), (size_t)c->mss);

		if (in_flight >= wnd)
			break;
		len = MIN(len, (size_t)(wnd - in_flight));
		if (!c->timing) {
			c->timing = true;
			c->rtt_seq = c->snd_nxt + len;
			c->rtt_at = currticks();
		}
		tcp_send(c, c->snd_nxt, TCP_PSH, len);
		c->snd_nxt += len;
		sent = true;
	}
	if (c->closing && !c->fin_sent && c->snd_nxt == end) {
		tcp_send(c, c->snd_nxt, TCP_FIN, 0);
		c->snd_nxt++;
		c->fin_sent = true;
		sent = true;
	}
	/* Anything unacknowledged or held back by the window keeps the
	 * timer going. */
	if (sent || (c->snd_nxt != c->snd_una && !timer_running(&c->timer)) ||
	    (seq_lt(c->snd_nxt, end) && !timer_running(&c->timer)))
		tcp_arm(c);
	return sent;
}

static bool tcp_output(struct tcp_conn *c)
{
	return tcp_output_probe(c, false);
}

/* ---- Ending ------------------------------------------------------- */

static void tcp_done(struct tcp_conn *c, int rc)
{
	if (c->state == TCP_CLOSED)
		return;
	c->state = TCP_CLOSED;
	stop_timer(&c->timer);
	list_del(&c->list);
	xfer_close(&c->xfer, rc);
	ref_put(&c->refcnt);
}

static void tcp_abort(struct tcp_conn *c, int rc)
{
	if (c->state == TCP_ESTABLISHED)
		tcp_send_rst(c);
	tcp_done(c, rc);
}

/* The connection is over once both FINs are through. */
static void tcp_check_finished(struct tcp_conn *c)
{
	if (c->fin_sent && c->snd_una == c->snd_nxt && c->fin_rcvd)
		tcp_done(c, 0);
	else if (c->fin_sent && c->snd_una == c->snd_nxt)
		start_timer_fixed(&c->timer, TCP_LINGER_MS);
}

/* ---- Reception ---------------------------------------------------- */

struct tcp_seg {
	uint32_t seq, ack, wnd;
	uint8_t flags;
	/* From the options (SYN only). */
	uint16_t mss;
	int wscale;          /* -1: none */
	bool sack_ok;
};

static void tcp_parse_options(const uint8_t *opt, size_t len,
			      struct tcp_seg *seg)
{
	size_t i = 0;

	while (i < len) {
		uint8_t kind = opt[i], olen;

		if (kind == TCP_OPT_END)
			break;
		if (kind == TCP_OPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= len)
			break;
		olen = opt[i + 1];
		if (olen < 2 || olen > len - i)
			break;
		if (kind == TCP_OPT_MSS && olen == 4)
			seg->mss = opt[i + 2] << 8 | opt[i + 3];
		else if (kind == TCP_OPT_WS && olen == 3)
			seg->wscale = MIN(opt[i + 2], 14);
		else if (kind == TCP_OPT_SACK_OK && olen == 2)
			seg->sack_ok = true;
		i += olen;
	}
}

static void tcp_rx_synack(struct tcp_conn *c, const struct tcp_seg *seg)
{
	if (!(seg->flags & TCP_ACK))
		return;
	if (seg->ack != c->iss + 1) {
		/* Of an older connection on the same ports, which the peer
		 * still holds: the reset clears it for our SYN's next try
		 * (RFC 9293 section 3.10.7.3). */
		if (!(seg->flags & TCP_RST))
			tcp_send(c, seg->ack, TCP_RST, 0);
		return;
	}
	if (seg->flags & TCP_RST) {
		tcp_done(c, -ECONNREFUSED);
		return;
	}
	if (!(seg->flags & TCP_SYN))
		return;
	c->rcv_nxt = seg->seq + 1;
	c->snd_una = c->snd_nxt = seg->ack;
	if (seg->wscale >= 0) {
		c->snd_wscale = seg->wscale;
	} else {
		/* Scaling needs both sides (RFC 7323 section 2.2). */
		c->rcv_wscale = 0;
		c->rcv_wnd_max = MIN(c->rcv_wnd_max, 0xffffU);
		c->rcv_wnd = MIN(c->rcv_wnd, c->rcv_wnd_max);
	}
	c->sack_ok = seg->sack_ok;
	c->mss = MIN(c->mss, seg->mss ? seg->mss : TCP_MSS_DEFAULT);
	c->snd_wnd = seg->wnd;
	if (c->timing && !c->backoff)
		rtt_sample(&c->rtt, currticks() - c->rtt_at);
	c->timing = false;
	c->backoff = 0;
	c->progress_at = currticks();
	c->bdp_seq = c->rcv_nxt;
	c->bdp_at = currticks();
	c->state = TCP_ESTABLISHED;
	stop_timer(&c->timer);
	if (!tcp_output(c))
		tcp_send_ack(c);
	xfer_window_changed(&c->xfer);
}

/* Drop acknowledged bytes from the send queue. */
static void tcp_drop_acked(struct tcp_conn *c, size_t n)
{
	struct io_buffer *iob, *tmp;

	c->tx_len -= n;
	list_for_each_entry_safe(iob, tmp, &c->txq, list) {
		size_t len = iob_len(iob);

		if (n < len) {
			iob_pull(iob, n);
			return;
		}
		n -= len;
		list_del(&iob->list);
		free_iob(iob);
	}
}

static void tcp_rx_ack(struct tcp_conn *c, const struct tcp_seg *seg)
{
	uint32_t acked;

	c->snd_wnd = seg->wnd << c->snd_wscale;
	if (seq_le(seg->ack, c->snd_una) || seq_lt(c->snd_nxt, seg->ack))
		return;
	acked = seg->ack - c->snd_una;
	if (c->fin_sent && seg->ack == c->snd_nxt)
		acked--;     /* the FIN is no queued byte */
	tcp_drop_acked(c, MIN((size_t)acked, c->tx_len));
	c->snd_una = seg->ack;
	if (c->timing && seq_le(c->rtt_seq, seg->ack)) {
		if (!c->backoff)
			rtt_sample(&c->rtt, currticks() - c->rtt_at);
		c->timing = false;
	}
	c->backoff = 0;
	c->progress_at = currticks();
	if (c->snd_una == c->snd_nxt)
		stop_timer(&c->timer);
	else
		tcp_arm(c);
}

/* Once a round trip (at least a tick) has passed since the last look:
 * a window of twice what came in it, if that is more than now.  The
 * window never shrinks (RFC 9293 section 3.8.6). */
static void tcp_follow_bdp(struct tcp_conn *c, unsigned long now)
{
	unsigned long rtt = MAX(rtt_srtt_ms(&c->rtt), 1UL);
	uint32_t came = c->rcv_nxt - c->bdp_seq;

	if (now - c->bdp_at < rtt)
		return;
	if (came > c->rcv_wnd / 2)
		c->rcv_wnd = came >= c->rcv_wnd_max / 2 ? c->rcv_wnd_max
							  : 2 * came;
	c->bdp_seq = c->rcv_nxt;
	c->bdp_at = now;
}

/* Hand in-order data (and the FIN after it) to the upper layer. */
static void tcp_deliver(struct tcp_conn *c, struct io_buffer *iob, bool fin)
{
	size_t len = iob_len(iob);

	/* One reading of the clock per segment: it is a cost per packet. */
	c->progress_at = currticks();
	c->rcv_nxt += len;
	tcp_follow_bdp(c, c->progress_at);
	if (len)
		xfer_deliver(&c->xfer, iob, NULL);
	else
		free_iob(iob);
	if (fin && c->state == TCP_ESTABLISHED && !c->fin_rcvd) {
		c->rcv_nxt++;
		c->fin_rcvd = true;
		c->closing = true;
		xfer_close(&c->xfer, 0);
	}
}

/* Deliver what the queue holds from rcv_nxt on. */
static void tcp_drain_ooq(struct tcp_conn *c)
{
	struct tcp_ooo *o, *tmp;

	list_for_each_entry_safe(o, tmp, &c->ooq, list) {
		uint32_t dup = c->rcv_nxt - o->seq;
		size_t len = iob_len(o->iob);

		if (seq_lt(c->rcv_nxt, o->seq) || c->state != TCP_ESTABLISHED)
			return;
		list_del(&o->list);
		c->ooq_bytes -= len;
		if (dup < len || (dup == len && o->fin)) {
			iob_pull(o->iob, MIN((size_t)dup, len));
			tcp_deliver(c, o->iob, o->fin);
		} else {
			free_iob(o->iob);
		}
		free(o);
	}
}

/* Queue a segment that arrived early, unless what it holds is held. */
static void tcp_queue_ooo(struct tcp_conn *c, uint32_t seq,
			  struct io_buffer *iob, bool fin)
{
	struct tcp_ooo *o, *pos;
	uint32_t end = seq + iob_len(iob) + fin;

	c->ooo_last = seq;
	list_for_each_entry(pos, &c->ooq, list) {
		uint32_t pend = pos->seq + iob_len(pos->iob) + pos->fin;

		if (seq_le(pos->seq, seq) && seq_le(end, pend)) {
			free_iob(iob);
			return;
		}
		if (seq_lt(seq, pos->seq))
			break;
	}
	o = malloc(sizeof(*o));
	if (!o) {
		free_iob(iob);
		return;
	}
	o->seq = seq;
	o->fin = fin;
	o->iob = iob;
	c->ooq_bytes += iob_len(iob);
	/* Before pos: the first segment that starts later (or the head,
	 * when the walk ended). */
	list_add_tail(&o->list, &pos->list);
}

/* Acknowledge data that arrived: now, or with the next segment or the
 * delayed-ACK timer, whichever comes first. */
static void tcp_ack_data(struct tcp_conn *c, bool now)
{
	if (now || ++c->owed_segs >= TCP_ACK_SEGS) {
		tcp_send_ack(c);
		return;
	}
	c->ack_owed = true;
}

static void tcp_rx_data(struct tcp_conn *c, const struct tcp_seg *seg,
			struct io_buffer *iob)
{
	uint32_t seq = seg->seq, dup = c->rcv_nxt - seq;
	bool fin = seg->flags & TCP_FIN;
	bool now = fin || (seg->flags & TCP_PSH) || !list_empty(&c->ooq);
	size_t len = iob_len(iob);
	uint32_t room;

	if (!len && !fin) {
		free_iob(iob);
		return;
	}
	if (c->fin_rcvd) {
		/* A repeat of the peer's FIN: our ACK went missing. */
		free_iob(iob);
		tcp_send_ack(c);
		return;
	}
	if (seq_lt(seq, c->rcv_nxt)) {
		if (dup > len || (dup == len && !fin)) {
			free_iob(iob);
			tcp_send_ack(c);
			return;
		}
		iob_pull(iob, dup);
		len -= dup;
		seq = c->rcv_nxt;
	}
	/* Nothing beyond what our memory bound lets us hold. */
	room = c->rcv_wnd_max;
	if (seq - c->rcv_nxt >= room) {
		free_iob(iob);
		tcp_send_ack(c);
		return;
	}
	if (len > room - (seq - c->rcv_nxt)) {
		iob_trim(iob, room - (seq - c->rcv_nxt));
		fin = false;
	}
	if (seq == c->rcv_nxt) {
		tcp_deliver(c, iob, fin);
		tcp_drain_ooq(c);
	} else {
		tcp_queue_ooo(c, seq, iob, fin);
		now = true;
	}
	if (c->state != TCP_ESTABLISHED || tcp_output(c))
		return;
	tcp_ack_data(c, now);
}

static void tcp_rx_established(struct tcp_conn *c, const struct tcp_seg *seg,
			       struct io_buffer *iob)
{
	if (seg->flags & TCP_RST) {
		/* Only a reset at the edge we expect is believed
		 * (RFC 5961 section 3, simplified to in-window). */
		if (seq_le(c->rcv_nxt, seg->seq) &&
		    seq_lt(seg->seq, c->rcv_nxt + MAX(c->rcv_wnd_max, 1U)))
			tcp_done(c, -ECONNRESET);
		free_iob(iob);
		return;
	}
	if (seg->flags & TCP_SYN) {
		/* The SYN-ACK again: our ACK of it was lost. */
		free_iob(iob);
		tcp_send_ack(c);
		return;
	}
	if (!(seg->flags & TCP_ACK)) {
		free_iob(iob);
		return;
	}
	tcp_rx_ack(c, seg);
	tcp_rx_data(c, seg, iob);
	if (c->state == TCP_ESTABLISHED)
		tcp_output(c);
	if (c->state == TCP_ESTABLISHED)
		tcp_check_finished(c);
}

/* A reset for a segment that belongs to no connection (RFC 9293
 * section 3.10.7.1). */
static void tcp_reply_rst(const struct tcphdr *th, size_t len,
			  const struct ip_rx_info *info)
{
	struct io_buffer *iob;
	struct tcp_out out = {
		.peer = info->src,
		.lport = ntohs(th->dest),
		.rport = ntohs(th->src),
		.flags = TCP_RST,
	};

	if (th->flags & TCP_RST)
		return;
	if (th->flags & TCP_ACK) {
		out.seq = ntohl(th->ack);
	} else {
		out.flags |= TCP_ACK;
		out.ack = ntohl(th->seq) + len + !!(th->flags & TCP_SYN) +
			  !!(th->flags & TCP_FIN);
	}
	iob = tcp_alloc_iob(0);
	if (iob)
		tcp_xmit(iob, &out);
}

static int tcp_rx(struct io_buffer *iob, const struct ip_rx_info *info)
{
	struct tcphdr *th = (struct tcphdr *)iob->data;
	size_t len = iob_len(iob), hlen;
	struct tcp_seg seg = { .wscale = -1 };
	struct tcp_conn *c;

	tcp_stats.rx++;
	if (len < sizeof(*th))
		goto drop;
	hlen = (th->hlen >> 4) * 4;
	if (hlen < sizeof(*th) || hlen > len)
		goto drop;
	if (tcpip_continue_chksum(ipv4_pshdr_chksum(info->src, info->dest,
						    IP_TCP, len),
				  th, len) != 0)
		goto drop;
	seg.seq = ntohl(th->seq);
	seg.ack = ntohl(th->ack);
	seg.wnd = ntohs(th->win);
	seg.flags = th->flags;
	c = tcp_find(ntohs(th->dest), ntohs(th->src), info->src);
	if (!c) {
		tcp_reply_rst(th, len - hlen, info);
		goto drop;
	}
	if (seg.flags & TCP_SYN)
		tcp_parse_options((uint8_t *)(th + 1), hlen - sizeof(*th),
				  &seg);
	iob_pull(iob, hlen);
	ref_get(&c->refcnt);
	if (c->state == TCP_SYN_SENT) {
		tcp_rx_synack(c, &seg);
		free_iob(iob);
	} else {
		tcp_rx_established(c, &seg, iob);
	}
	ref_put(&c->refcnt);
	return 0;
drop:
	tcp_stats.drop++;
	free_iob(iob);
	return 0;
}

IP_PROTOCOL(tcp_protocol) = {
	.name = "TCP",
	.protocol = IP_TCP,
	.rx = tcp_rx,
};

/* ---- Timer and the upper layer ------------------------------------ */

static void tcp_send_syn(struct tcp_conn *c)
{
	tcp_send(c, c->iss, TCP_SYN, 0);
	c->snd_nxt = c->iss + 1;
	tcp_arm(c);
}

static void tcp_expired(struct retry_timer *timer, int fail __unused)
{
	struct tcp_conn *c = container_of(timer, struct tcp_conn, timer);

	if (currticks() - c->progress_at >= TCP_GIVE_UP_MS) {
		tcp_abort(c, -ETIMEDOUT);
		return;
	}
	if (c->state == TCP_SYN_SENT) {
		c->backoff++;
		c->timing = false;
		tcp_send_syn(c);
		return;
	}
	if (c->fin_sent && c->snd_una == c->snd_nxt) {
		/* Our FIN is through and the peer's never came. */
		tcp_abort(c, 0);
		return;
	}
	/* Go back to the oldest unacknowledged byte. */
	c->backoff++;
	c->timing = false;
	c->snd_nxt = c->snd_una;
	c->fin_sent = false;
	tcp_output_probe(c, true);
}

static int tcp_xfer_deliver(struct xfer *x, struct io_buffer *iob,
			    const struct xfer_metadata *meta __unused)
{
	struct tcp_conn *c = container_of(x, struct tcp_conn, xfer);

	if (c->closing || c->state == TCP_CLOSED) {
		free_iob(iob);
		return -EPIPE;
	}
	c->tx_len += iob_len(iob);
	list_add_tail(&iob->list, &c->txq);
	tcp_output(c);
	return 0;
}

/* The upper layer can take more: tell the peer if it was held back. */
static void tcp_xfer_window_changed(struct xfer *x)
{
	struct tcp_conn *c = container_of(x, struct tcp_conn, xfer);

	if (c->state == TCP_ESTABLISHED)
		tcp_send_ack(c);
}

static void tcp_xfer_close(struct xfer *x, int rc)
{
	struct tcp_conn *c = container_of(x, struct tcp_conn, xfer);

	if (rc || c->state != TCP_ESTABLISHED) {
		tcp_abort(c, rc);
		return;
	}
	c->closing = true;
	tcp_output(c);
	tcp_check_finished(c);
}

static const struct xfer_ops tcp_xfer_ops = {
	.deliver = tcp_xfer_deliver,
	.window_changed = tcp_xfer_window_changed,
	.close = tcp_xfer_close,
};

/* As large a window as the memory can back with early segments: each
 * queued segment holds a receive buffer of about a frame. */
static uint32_t tcp_window_bound(void)
{
	size_t room = heap_free_space(dma_heap()) / 4;

	return MAX(MIN(room, (size_t)TCP_WINDOW_MAX), (size_t)0xffff);
}

int tcp_open(struct xfer *xfer, struct in_addr dest, uint16_t port)
{
	struct ipv4_route route;
	struct tcp_conn *c;
	int rc;

	rc = ipv4_route(dest, NULL, &route);
	if (rc)
		return rc;
	c = zalloc(sizeof(*c));
	if (!c)
		return -ENOMEM;
	rc = tcp_ephemeral_port();
	if (rc < 0) {
		free(c);
		return rc;
	}
	ref_init(&c->refcnt, tcp_free);
	xfer_init(&c->xfer, &tcp_xfer_ops, &c->refcnt);
	timer_init(&c->timer, tcp_expired, &c->refcnt);
	rtt_init(&c->rtt, TCP_RTO_INITIAL, TCP_RTO_MIN, TCP_RTO_MAX);
	INIT_LIST_HEAD(&c->txq);
	INIT_LIST_HEAD(&c->ooq);
	c->state = TCP_SYN_SENT;
	c->peer = dest;
	c->lport = rc;
	c->rport = port;
	c->mss = route.netdev->mtu > 40 + TCP_MSS_DEFAULT ?
		 MIN(route.netdev->mtu - 40, (size_t)0xffff) : TCP_MSS_DEFAULT;
	c->rcv_wscale = TCP_WSCALE;
	c->rcv_wnd_max = tcp_window_bound();
	c->rcv_wnd = MIN(c->rcv_wnd_max, (uint32_t)TCP_WINDOW_INITIAL);
	c->iss = random() ^ (random() << 16) ^ currticks();
	c->progress_at = currticks();
	c->timing = true;
	c->rtt_at = currticks();
	list_add_tail(&c->list, &tcp_conns);
	live++;
	xfer_plug(&c->xfer, xfer);
	tcp_send_syn(c);
	return 0;
}

/* Once per round of the main loop, between the devices' polls: the ACKs
 * owed for the batch of segments the last poll brought. */
static void tcp_flush_acks(void)
{
	struct tcp_conn *c, *tmp;

	list_for_each_entry_safe(c, tmp, &tcp_conns, list)
		if (c->ack_owed && c->state == TCP_ESTABLISHED)
			tcp_send_ack(c);
}
POLLER(tcp_acks) = { .poll = tcp_flush_acks };
