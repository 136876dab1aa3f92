/* TFTP client: the tftp:// URI opener.
 *
 * One session reads one file (RFC 1350, octet mode) and delivers it to
 * its consumer at absolute offsets.  It asks for the largest block that
 * fits the route's MTU (RFC 2348), the file size (RFC 2349) and a window
 * of blocks per ACK (RFC 7440), and adopts whatever the OACK grants.
 * Retransmission follows the measured round-trip time (RFC 6298 with
 * Karn's rule): on a quiet link the ACK is resent after a few
 * milliseconds rather than after the server's own timeout.  The server
 * may be named by a host name, which DNS resolves first. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <byteswap.h>
#include <config/general.h>
#include <cxboot/errdetail.h>
#include <cxboot/open.h>
#include <cxboot/timer.h>
#include <cxboot/refcnt.h>
#include <cxboot/xfer.h>
#include <net/dns.h>
#include <net/ip.h>
#include <net/rtt.h>
#include <net/udp.h>
#include <net/tftp.h>

/* Give up after this long without an in-order block. */
#define TFTP_GIVE_UP_MS 30000UL

PROTO_STATS(tftp_stats, "tftp");

/* ---- Pure helpers: packet encoding, OACK parsing ----------------- */

/* Append the string s with its NUL at *pos, writing only what fits. */
static void put_str(uint8_t *buf, size_t len, size_t *pos, const char *s)
{
	size_t n = strlen(s) + 1;

	if (*pos < len)
		memcpy(buf + *pos, s, MIN(n, len - *pos));
	*pos += n;
}

static void put_option(uint8_t *buf, size_t len, size_t *pos,
		       const char *name, uint64_t value)
{
	char num[24];

	snprintf(num, sizeof(num), "%llu", (unsigned long long)value);
	put_str(buf, len, pos, name);
	put_str(buf, len, pos, num);
}

size_t tftp_build_rrq(void *buf, size_t len, const char *path,
		      const struct tftp_options *want)
{
	uint8_t *p = buf;
	size_t pos = 2;

	if (len >= 2) {
		p[0] = 0;
		p[1] = TFTP_RRQ;
	}
	put_str(p, len, &pos, path);
	put_str(p, len, &pos, "octet");
	if (want->blksize)
		put_option(p, len, &pos, "blksize", want->blksize);
	if (want->has_tsize)
		put_option(p, len, &pos, "tsize", want->tsize);
	if (want->windowsize)
		put_option(p, len, &pos, "windowsize", want->windowsize);
	return pos;
}

/* Strictly decimal digits; saturates instead of overflowing so that a
 * huge value is merely out of range.  Returns false for anything else. */
static bool parse_decimal(const char *s, uint64_t *value)
{
	uint64_t v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (!isdigit(*s))
			return false;
		if (v > (UINT64_MAX - 9) / 10)
			v = UINT64_MAX;
		else
			v = v * 10 + (*s - '0');
	}
	*value = v;
	return true;
}

int tftp_parse_oack(const void *data, size_t len, struct tftp_options *opts)
{
	const char *p = data, *end = p + len;
	bool seen_blksize = false, seen_windowsize = false;
	uint64_t value;

	memset(opts, 0, sizeof(*opts));
	while (p < end) {
		const char *name = p, *val;
		size_t n = strnlen(name, end - name);

		if (n == 0 || name + n == end)
			return -EBADMSG;
		val = name + n + 1;
		n = strnlen(val, end - val);
		if (val + n == end)
			return -EBADMSG;
		p = val + n + 1;

		if (strcasecmp(name, "blksize") == 0) {
			if (seen_blksize || !parse_decimal(val, &value))
				return -EBADMSG;
			if (value < TFTP_MIN_BLKSIZE ||
			    value > TFTP_MAX_BLKSIZE)
				return -EINVAL;
			seen_blksize = true;
			opts->blksize = value;
		} else if (strcasecmp(name, "windowsize") == 0) {
			if (seen_windowsize || !parse_decimal(val, &value))
				return -EBADMSG;
			if (value < 1 || value > TFTP_MAX_WINDOWSIZE)
				return -EINVAL;
			seen_windowsize = true;
			opts->windowsize = value;
		} else if (strcasecmp(name, "tsize") == 0) {
			if (opts->has_tsize || !parse_decimal(val, &value))
				return -EBADMSG;
			opts->has_tsize = true;
			opts->tsize = value;
		}
	}
	return 0;
}

int tftp_check_oack(const struct tftp_options *got,
		    const struct tftp_options *want)
{
	if (got->blksize > want->blksize)
		return -EINVAL;
	if (got->windowsize > want->windowsize)
		return -EINVAL;
	if (got->has_tsize && !want->has_tsize)
		return -EINVAL;
	return 0;
}

/* ---- The session -------------------------------------------------- */

enum tftp_state {
	TFTP_RESOLVING,    /* looking the server's name up */
	TFTP_IDLE,         /* waiting for the consumer's window to open */
	TFTP_REQUESTING,   /* RRQ sent, no reply yet: server TID unknown */
	TFTP_RECEIVING,    /* the server answered: its TID is known */
	TFTP_CLOSED,       /* finished; waiting for the last reference */
};

struct tftp_session {
	struct refcnt refcnt;
	struct xfer xfer;             /* to the consumer */
	struct udp_conn udp;
	struct retry_timer timer;
	struct resolv resolv;         /* the server's name */
	enum tftp_state state;

	struct net_device *netdev;    /* held: where the blocks arrive */
	struct in_addr server;
	uint16_t port;                /* where the RRQ goes */
	uint16_t tid;                 /* the server's port for this transfer */
	struct tftp_options want;     /* what the RRQ asks for */
	unsigned int blksize, windowsize;
	bool has_tsize;
	uint64_t tsize;

	uint32_t block;               /* last block received in order */
	uint32_t acked;               /* last block we acknowledged */
	/* The block whose arrival we acknowledge next.  Windows are counted
	 * from the last one acknowledged in order, or from where the server
	 * fell silent: servers differ in where a window ends after they went
	 * back for a lost block, and silence shows theirs. */
	uint32_t window_end;
	bool gap_acked;               /* a gap was reported since then */
	bool lost;                    /* blocks lost since the last window */

	struct rtt rtt;
	unsigned int backoff;         /* consecutive timeouts */
	bool timing;                  /* last send may give an RTT sample */
	unsigned long sent_at;        /* when the last RRQ/ACK went out */
	unsigned long progress_at;    /* when the last new block came */

	char path[];                  /* decoded, as sent in the RRQ */
};

static void tftp_free(struct refcnt *ref)
{
	struct tftp_session *s = container_of(ref, struct tftp_session,
					      refcnt);

	if (s->netdev)
		netdev_put(s->netdev);
	free(s);
}

/* What a window teaches the device's burst (windows only: lock-step
 * sends no bursts). */
static void tftp_window_lost(struct tftp_session *s)
{
	if (s->windowsize > 1 && !s->lost)
		netdev_burst_lost(s->netdev, s->windowsize);
	s->lost = true;
}

static int tftp_send(struct tftp_session *s, const void *pkt, size_t len,
		     struct in_addr dest, uint16_t port)
{
	struct io_buffer *iob = udp_alloc_iob(len);

	if (!iob)
		return -ENOMEM;
	memcpy(iob_put(iob, len), pkt, len);
	return udp_tx(&s->udp, iob, dest, port, NULL);
}

static void tftp_send_error(struct tftp_session *s, struct in_addr dest,
			    uint16_t port, unsigned int code, const char *msg)
{
	uint8_t pkt[64] = { 0, TFTP_ERROR, 0, code };
	size_t n = MIN(strlen(msg), sizeof(pkt) - 5);

	memcpy(pkt + 4, msg, n);
	tftp_send(s, pkt, 4 + n + 1, dest, port);
}

static void tftp_arm(struct tftp_session *s)
{
	start_timer_fixed(&s->timer, rtt_rto(&s->rtt, s->backoff));
}

/* Send the RRQ, or an ACK; fresh says whether this is the first
 * sending of it, which is what makes the reply a valid RTT sample. */
static void tftp_send_rrq(struct tftp_session *s, bool fresh)
{
	uint8_t pkt[TFTP_MAX_REQUEST];
	size_t len = tftp_build_rrq(pkt, sizeof(pkt), s->path, &s->want);

	tftp_send(s, pkt, len, s->server, s->port);
	s->timing = fresh;
	s->sent_at = currticks();
	tftp_arm(s);
}

static void tftp_send_ack(struct tftp_session *s, uint32_t block, bool fresh)
{
	uint8_t pkt[4] = { 0, TFTP_ACK, block >> 8, block };

	tftp_send(s, pkt, sizeof(pkt), s->server, s->tid);
	s->acked = block;
	s->timing = fresh;
	s->sent_at = currticks();
	tftp_arm(s);
}

/* End the session: tell the consumer (if still plugged) and let go. */
static void tftp_finish(struct tftp_session *s, int rc)
{
	if (s->state == TFTP_CLOSED)
		return;
	s->state = TFTP_CLOSED;
	stop_timer(&s->timer);
	resolv_cancel(&s->resolv);
	udp_close(&s->udp);
	xfer_close(&s->xfer, rc);
	ref_put(&s->refcnt);
}

/* Abort with a message to the server, which would otherwise keep
 * retransmitting into the void. */
static void tftp_abort(struct tftp_session *s, int rc, unsigned int code,
		       const char *msg)
{
	if (s->state == TFTP_RECEIVING)
		tftp_send_error(s, s->server, s->tid, code, msg);
	tftp_finish(s, rc);
}

/* An RTT sample is taken only from the first reply to an exchange that
 * was never retransmitted (Karn). */
static void tftp_progress(struct tftp_session *s)
{
	unsigned long now = currticks();

	if (s->timing)
		rtt_sample(&s->rtt, now - s->sent_at);
	s->timing = false;
	s->backoff = 0;
	s->progress_at = now;
}

/* Whether the server has had time to act on our last ACK. */
static bool tftp_ack_stale(struct tftp_session *s)
{
	return currticks() - s->sent_at > rtt_srtt_ms(&s->rtt);
}

/* A block we already hold (or a repeated OACK, as block 0).  A repeat
 * of the block we last acknowledged means the server missed our ACK.
 * Repeats arriving right after our ACK are echoes of an earlier
 * duplicate; answering those too would double every packet from then
 * on (the Sorcerer's Apprentice). */
static void tftp_rx_repeat(struct tftp_session *s, uint32_t block)
{
	if (block == s->acked && tftp_ack_stale(s))
		tftp_send_ack(s, block, false);
}

static void tftp_rx_oack(struct tftp_session *s, const uint8_t *data,
			 size_t len)
{
	struct tftp_options got;
	int rc;

	if (s->state == TFTP_RECEIVING) {
		tftp_rx_repeat(s, 0);
		return;
	}
	rc = tftp_parse_oack(data, len, &got);
	if (rc == -EBADMSG) {
		tftp_stats.drop++;
		return;
	}
	/* A well-formed reply: this is our server, even if we refuse
	 * what it offers. */
	s->state = TFTP_RECEIVING;
	if (rc == 0)
		rc = tftp_check_oack(&got, &s->want);
	if (rc) {
		error_detail_set(rc, "TFTP: server granted options we "
				 "cannot use");
		tftp_abort(s, rc, TFTP_ERR_OPTIONS, "Bad option value");
		return;
	}
	tftp_progress(s);
	s->blksize = got.blksize ? got.blksize : TFTP_DEFAULT_BLKSIZE;
	s->windowsize = got.windowsize ? got.windowsize : 1;
	s->window_end = s->windowsize;
	/* In a windowed transfer the gaps show lost blocks, and the timer
	 * is left for a lost ACK or a window's lost tail: rare, so it can
	 * wait out a server that only paused (descheduled on a busy
	 * machine, for a few scheduler ticks).  Giving up on it early would
	 * cut the window short: the server sends the rest again, and some
	 * (atftpd) pace every later block for a client that does that.
	 * Lock-step has no gaps to go by: its timer follows the round trip
	 * alone. */
	if (s->windowsize > 1)
		s->rtt.min = TFTP_WINDOW_RTO_MIN;
	s->has_tsize = got.has_tsize;
	s->tsize = got.tsize;
	tftp_send_ack(s, 0, true);
	if (s->has_tsize)
		xfer_size_hint(&s->xfer, s->tsize);
}

static void tftp_rx_data(struct tftp_session *s, const uint8_t *data,
			 size_t len)
{
	struct xfer_metadata meta = { .has_offset = true };
	unsigned int blksize = s->blksize;
	uint32_t block;
	int32_t ahead;
	uint64_t offset;
	bool last;
	int rc;

	if (s->state == TFTP_REQUESTING)
		blksize = TFTP_DEFAULT_BLKSIZE;
	if (len < 2 || len - 2 > blksize) {
		tftp_stats.drop++;
		return;
	}
	if (s->state == TFTP_REQUESTING) {
		/* The server ignored our options: plain RFC 1350. */
		s->state = TFTP_RECEIVING;
		s->blksize = TFTP_DEFAULT_BLKSIZE;
		s->windowsize = 1;
		s->window_end = 1;
	}
	block = tftp_unwrap_block(s->block, (data[0] << 8) | data[1]);
	data += 2;
	len -= 2;

	ahead = block - s->block;
	if (ahead <= 0) {
		tftp_rx_repeat(s, block);
		return;
	}
	if (ahead > 1) {
		/* A gap: ask for a resend from the first missing block, and
		 * ask again if blocks keep coming out of order for longer
		 * than the server needs to react (the ACK was lost, or so
		 * was the first block resent). */
		tftp_window_lost(s);
		if (!s->gap_acked || tftp_ack_stale(s))
			tftp_send_ack(s, s->block, s->block != s->acked);
		s->gap_acked = true;
		return;
	}

	offset = (uint64_t)(block - 1) * s->blksize;
	if (s->has_tsize && (offset > s->tsize || len > s->tsize - offset)) {
		tftp_stats.drop++;
		return;
	}
	s->block = block;
	s->gap_acked = false;
	last = len < s->blksize;
	/* Acknowledged before it is stored, so that the server's next
	 * block is on its way meanwhile; if storing fails, the error
	 * that follows ends the transfer anyway. */
	if (last || block == s->window_end) {
		if (!last && !s->lost && s->windowsize > 1)
			netdev_burst_ok(s->netdev, s->windowsize);
		s->lost = false;
		s->window_end = block + s->windowsize;
		tftp_send_ack(s, block, true);
	}
	else
		tftp_arm(s);
	tftp_progress(s);

	meta.offset = offset;
	rc = xfer_deliver_raw(&s->xfer, data, len, &meta);
	if (rc)
		tftp_abort(s, rc, TFTP_ERR_UNDEF, strerror(rc));
	else if (last)
		tftp_finish(s, 0);
}

static void tftp_rx_error(struct tftp_session *s, const uint8_t *data,
			  size_t len)
{
	char msg[128];
	unsigned int code, i;
	int rc;

	/* RFC 1350: code, then the message and its NUL.  Without the NUL
	 * the packet is malformed and dropped like any other. */
	if (len < 3 || !memchr(data + 2, '\0', len - 2)) {
		tftp_stats.drop++;
		return;
	}
	code = (data[0] << 8) | data[1];
	/* The text may hold control characters: keep a clean line. */
	for (i = 0; i < sizeof(msg) - 1 && data[2 + i]; i++)
		msg[i] = isprint(data[2 + i]) ? data[2 + i] : '?';
	msg[i] = '\0';

	switch (code) {
	case TFTP_ERR_NOT_FOUND: rc = -ENOENT; break;
	case TFTP_ERR_ACCESS:    rc = -EACCES; break;
	case TFTP_ERR_DISK_FULL: rc = -ENOSPC; break;
	case TFTP_ERR_OPTIONS:   rc = -EINVAL; break;
	default:                 rc = -EPROTO; break;
	}
	error_detail_set(rc, "TFTP error %u: %s", code, msg);
	tftp_finish(s, rc);
}

static void tftp_rx(struct udp_conn *conn, struct io_buffer *iob,
		    const struct udp_rx_info *info)
{
	struct tftp_session *s = container_of(conn, struct tftp_session, udp);
	const uint8_t *pkt = iob->data;
	size_t len = iob_len(iob);
	unsigned int opcode;

	tftp_stats.rx++;
	ref_get(&s->refcnt);
	/* Nothing is expected before the request or after the end. */
	if (s->state == TFTP_RESOLVING || s->state == TFTP_IDLE ||
	    s->state == TFTP_CLOSED)
		goto out;
	if (len < 2) {
		tftp_stats.drop++;
		goto out;
	}
	opcode = (pkt[0] << 8) | pkt[1];

	/* RFC 1350 §4: the server's first reply picks its transfer ID;
	 * anyone else gets an error without disturbing the transfer. */
	if (info->src.s_addr != s->server.s_addr ||
	    (s->state != TFTP_REQUESTING && info->sport != s->tid)) {
		tftp_stats.drop++;
		if (opcode != TFTP_ERROR)
			tftp_send_error(s, info->src, info->sport,
					TFTP_ERR_UNKNOWN_TID,
					"Unknown transfer ID");
		goto out;
	}
	if (opcode != TFTP_DATA && opcode != TFTP_OACK &&
	    opcode != TFTP_ERROR) {
		tftp_stats.drop++;
		goto out;
	}
	/* Tentative until a handler accepts the packet. */
	if (s->state == TFTP_REQUESTING)
		s->tid = info->sport;

	switch (opcode) {
	case TFTP_DATA:
		tftp_rx_data(s, pkt + 2, len - 2);
		break;
	case TFTP_OACK:
		tftp_rx_oack(s, pkt + 2, len - 2);
		break;
	case TFTP_ERROR:
		tftp_rx_error(s, pkt + 2, len - 2);
		break;
	}
out:
	free_iob(iob);
	ref_put(&s->refcnt);
}

static void tftp_expired(struct retry_timer *timer, int fail __unused)
{
	struct tftp_session *s = container_of(timer, struct tftp_session,
					      timer);

	if (currticks() - s->progress_at >= TFTP_GIVE_UP_MS) {
		tftp_abort(s, -ETIMEDOUT, TFTP_ERR_UNDEF, "Timed out");
		return;
	}
	s->backoff++;
	if (s->state == TFTP_RECEIVING)
		tftp_window_lost(s);
	/* Resend from the last block we hold in order: that also covers
	 * a window whose tail was lost.  The first ACK of a block is no
	 * retransmission: its answer times the round trip (without that, a
	 * transfer that loses a block in every window would wait out the
	 * initial 1 s timeout each time). */
	if (s->state == TFTP_REQUESTING) {
		tftp_send_rrq(s, false);
		return;
	}
	s->window_end = s->block + s->windowsize;
	tftp_send_ack(s, s->block, s->block != s->acked);
}

/* The consumer hung up (or was cancelled). */
static void tftp_xfer_close(struct xfer *x, int rc)
{
	struct tftp_session *s = container_of(x, struct tftp_session, xfer);

	tftp_abort(s, rc, TFTP_ERR_UNDEF, "Transfer cancelled");
}

/* The request goes out once the consumer can take data. */
static void tftp_xfer_window_changed(struct xfer *x)
{
	struct tftp_session *s = container_of(x, struct tftp_session, xfer);

	if (s->state != TFTP_IDLE || !xfer_window(&s->xfer))
		return;
	s->state = TFTP_REQUESTING;
	s->progress_at = currticks();
	/* A failed send is retried by the timer like a lost one. */
	tftp_send_rrq(s, true);
}

static const struct xfer_ops tftp_xfer_ops = {
	.window_changed = tftp_xfer_window_changed,
	.close = tftp_xfer_close,
};

/* The largest block that fits one unfragmented datagram on the route. */
static unsigned int tftp_best_blksize(const struct ipv4_route *route)
{
	size_t mtu = route->netdev ? route->netdev->mtu : 0;
	size_t headers = 20 + 8 + 4;   /* IPv4, UDP, TFTP */

	if (mtu <= headers + TFTP_DEFAULT_BLKSIZE)
		return 0;   /* nothing better than the default to ask */
	return MIN(mtu - headers, (size_t)TFTP_MAX_BLKSIZE);
}

/* The server's address is known: size the request for its route and
 * send it once the consumer can take data. */
static void tftp_resolved(struct resolv *r, int rc, struct in_addr server)
{
	struct tftp_session *s = container_of(r, struct tftp_session,
					      resolv);
	struct ipv4_route route;

	if (rc == 0)
		rc = ipv4_route(server, NULL, &route);
	if (rc) {
		tftp_finish(s, rc);
		return;
	}
	s->server = server;
	s->want.blksize = tftp_best_blksize(&route);
	/* No larger a window than the device can take in one burst. */
	s->want.windowsize = netdev_burst(route.netdev, TFTP_WINDOW);
	if (s->want.windowsize < 2)
		s->want.windowsize = 0;
	s->netdev = route.netdev;
	ref_get(&s->netdev->refcnt);
	s->state = TFTP_IDLE;
	tftp_xfer_window_changed(&s->xfer);
}

static int tftp_open(struct xfer *xfer, const struct uri *uri)
{
	/* The longest request this session might send. */
	static const struct tftp_options most = {
		.blksize = TFTP_MAX_BLKSIZE, .has_tsize = true,
		.windowsize = TFTP_WINDOW };
	struct tftp_session *s;
	unsigned int port;
	const char *path;
	size_t len;
	int rc;

	if (!uri->host || !*uri->host || !uri->path) {
		error_detail_set(-EINVAL, "TFTP: need tftp://server/file");
		return -EINVAL;
	}
	port = uri_port(uri, TFTP_PORT);
	if (!port) {
		error_detail_set(-EINVAL, "TFTP: bad port");
		return -EINVAL;
	}
	/* The path is "/" then the file name, which may itself be an
	 * absolute path ("tftp://server//srv/file"). */
	path = uri->path[0] == '/' ? uri->path + 1 : uri->path;
	if (!*path || strstr(path, "%00")) {
		error_detail_set(-EINVAL, "TFTP: bad file name");
		return -EINVAL;
	}

	len = strlen(path);
	s = zalloc(sizeof(*s) + len + 1);
	if (!s)
		return -ENOMEM;
	memcpy(s->path, path, len + 1);
	uri_decode(s->path);
	if (tftp_build_rrq(NULL, 0, s->path, &most) > TFTP_MAX_REQUEST) {
		free(s);
		return -ENAMETOOLONG;
	}

	ref_init(&s->refcnt, tftp_free);
	xfer_init(&s->xfer, &tftp_xfer_ops, &s->refcnt);
	timer_init(&s->timer, tftp_expired, &s->refcnt);
	rtt_init(&s->rtt, TFTP_RTO_INITIAL, TFTP_RTO_MIN, TFTP_RTO_MAX);
	s->state = TFTP_RESOLVING;
	s->port = port;
	s->want.has_tsize = true;

	rc = udp_open(&s->udp, 0, tftp_rx);
	if (rc) {
		free(s);
		return rc;
	}
	rc = resolv_start(&s->resolv, uri->host, tftp_resolved, &s->refcnt);
	if (rc) {
		error_detail_set(rc, "TFTP: %s is not a host name",
				 uri->host);
		udp_close(&s->udp);
		free(s);
		return rc;
	}
	xfer_plug(&s->xfer, xfer);
	return 0;
}

URI_OPENER(tftp_opener) = { .scheme = "tftp", .open = tftp_open };
