/* The iSCSI session: the iscsi: URI opener (open_block).
 *
 * One session, one TCP connection, one command at a time.  Opening
 * resolves the server, connects, logs in (net/iscsi_login.c; a redirect
 * reconnects elsewhere), then runs INQUIRY, TEST UNIT READY and READ
 * CAPACITY; only then does the block device's window open.  Commands,
 * their data and their status are net/iscsi_command.c's; the state both
 * share is in include/net/iscsi_session.h.
 * Whatever ends the connection (the target closing it, an async logout
 * request, a protocol error) closes the block device with an error the
 * SAN layer retries on a new session; refused logins and SCSI errors it
 * does not retry. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <byteswap.h>
#include <cxboot/open.h>
#include <cxboot/san.h>
#include <cxboot/xfer.h>
#include <net/iscsi_session.h>
#include <net/ip.h>
#include <net/tcp.h>

#define ISCSI_MAX_REDIRECTS 4
#define ISCSI_LOGIN_TEXT_MAX 4096

static void iscsi_free(struct refcnt *ref)
{
	struct iscsi_session *s = container_of(ref, struct iscsi_session,
					       refcnt);

	free(s->rx_buf);
	free(s->initiator);
	iscsi_free_credentials(&s->secrets);
	free(s);
}

static void iscsi_close(struct iscsi_session *s, int rc)
{
	if (s->closed)
		return;
	s->closed = true;
	resolv_cancel(&s->resolv);
	xfer_close(&s->conn, rc);
	/* The SAN layer fails the command in flight, if any. */
	xfer_close(&s->block, rc);
	ref_put(&s->refcnt);
}

/* ---- Sending -------------------------------------------------------- */

int iscsi_send(struct iscsi_session *s, struct iscsi_bhs *h,
	       const void *data, uint32_t len)
{
	uint32_t pad = iscsi_pad(len);
	struct io_buffer *iob = alloc_iob(ISCSI_BHS_LEN + len + pad);

	if (!iob)
		return -ENOMEM;
	iscsi_set_data_len(h, len);
	memcpy(iob_put(iob, ISCSI_BHS_LEN), h, ISCSI_BHS_LEN);
	if (len)
		memcpy(iob_put(iob, len), data, len);
	memset(iob_put(iob, pad), 0, pad);
	return xfer_deliver(&s->conn, iob, NULL);
}

uint32_t iscsi_new_itt(struct iscsi_session *s)
{
	if (++s->next_itt == ISCSI_NO_TAG)
		s->next_itt = 1;
	return s->next_itt;
}

static int iscsi_send_login(struct iscsi_session *s)
{
	char *text = malloc(ISCSI_LOGIN_TEXT_MAX);
	struct iscsi_text t;
	struct iscsi_bhs h;
	uint8_t flags;
	int rc;

	if (!text)
		return -ENOMEM;
	iscsi_text_init(&t, text, ISCSI_LOGIN_TEXT_MAX);
	iscsi_login_request(&s->login, &t, &flags);
	iscsi_bhs_init(&h, ISCSI_OP_LOGIN_REQ | ISCSI_IMMEDIATE, flags,
		       s->next_itt);
	memcpy(&h.b[ISCSI_OFF_ISID], s->isid, 6);
	iscsi_put32(&h, ISCSI_OFF_CMDSN, s->cmdsn);
	iscsi_put32(&h, ISCSI_OFF_EXPSTATSN, s->expstatsn);
	rc = t.overflow ? -ENOSPC : iscsi_send(s, &h, text, t.len);
	free(text);
	return rc;
}

static int iscsi_send_logout(struct iscsi_session *s)
{
	struct iscsi_bhs h;

	/* Reason 0: close the session. */
	iscsi_bhs_init(&h, ISCSI_OP_LOGOUT_REQ | ISCSI_IMMEDIATE,
		       ISCSI_FINAL, iscsi_new_itt(s));
	iscsi_put32(&h, ISCSI_OFF_CMDSN, s->cmdsn);
	iscsi_put32(&h, ISCSI_OFF_EXPSTATSN, s->expstatsn);
	s->state = ISCSI_LOGGING_OUT;
	return iscsi_send(s, &h, NULL, 0);
}

/* ---- Connecting and logging in ----------------------------------- */

static void iscsi_resolved(struct resolv *r, int rc, struct in_addr addr);

static int iscsi_connect(struct iscsi_session *s)
{
	struct ipv4_route route;
	struct iscsi_credentials cred;
	int rc = ipv4_route(s->addr, NULL, &route);

	if (rc)
		return rc;
	if (!s->initiator)
		s->initiator = iscsi_initiator_name(route.netdev);
	if (!s->initiator)
		return -ENOMEM;
	cred.user = s->secrets.user;
	cred.secret = s->secrets.secret;
	cred.reverse_user = s->secrets.reverse_user;
	cred.reverse_secret = s->secrets.reverse_secret;
	iscsi_login_init(&s->login, s->initiator, s->rp.target, &cred);
	s->state = ISCSI_LOGGING_IN;
	s->rx_hdr_got = 0;
	rc = tcp_open(&s->conn, s->addr, s->port);
	return rc ? rc : iscsi_send_login(s);
}

static void iscsi_resolved(struct resolv *r, int rc, struct in_addr addr)
{
	struct iscsi_session *s = container_of(r, struct iscsi_session,
					       resolv);

	if (rc == 0) {
		s->addr = addr;
		rc = iscsi_connect(s);
	}
	if (rc)
		iscsi_close(s, rc);
}

/* Split a TargetAddress ("host[:port][,tag]", host maybe "[v6]") into
 * s->host and s->port. */
static int iscsi_take_address(struct iscsi_session *s, const char *text)
{
	char *comma, *colon, *end;
	unsigned long port = ISCSI_PORT;

	snprintf(s->host, sizeof(s->host), "%s", text);
	comma = strchr(s->host, ',');
	if (comma)
		*comma = '\0';
	colon = strrchr(s->host, ':');
	if (colon && (s->host[0] != '[' || colon[-1] == ']')) {
		*colon = '\0';
		port = strtoul(colon + 1, &end, 10);
		if (*end || !port || port > 0xffff)
			return -EINVAL;
	}
	s->port = port;
	return s->host[0] ? 0 : -EINVAL;
}

static int iscsi_redirect(struct iscsi_session *s)
{
	int rc;

	if (++s->redirects > ISCSI_MAX_REDIRECTS) {
		printf("iSCSI: more than %d redirects\n", ISCSI_MAX_REDIRECTS);
		return -ELOOP;
	}
	rc = iscsi_take_address(s, s->login.redirect);
	if (rc) {
		printf("iSCSI: bad redirect address %s\n", s->login.redirect);
		return rc;
	}
	xfer_close(&s->conn, 0);
	s->state = ISCSI_RESOLVING;
	s->expstatsn = 0;
	return resolv_start(&s->resolv, s->host, iscsi_resolved, &s->refcnt);
}

static int iscsi_startup(struct iscsi_session *s);

static int iscsi_rx_login(struct iscsi_session *s, const char *data,
			  uint32_t len)
{
	const struct iscsi_bhs *h = &s->rx_hdr;
	int rc;

	if (s->state != ISCSI_LOGGING_IN)
		return -EPROTO;
	s->expstatsn = iscsi_get32(h, ISCSI_OFF_STATSN) + 1;
	rc = iscsi_login_response(&s->login, h, data, len);
	if (rc == 0)
		return iscsi_send_login(s);
	if (rc == 2)
		return iscsi_redirect(s);
	if (rc < 0)
		return rc;
	s->params = s->login.params;
	s->state = ISCSI_STARTING;
	s->step = ISCSI_STEP_INQUIRY;
	return iscsi_startup(s);
}

/* ---- Startup commands ---------------------------------------------- */

static const char *lun_text(const struct iscsi_session *s)
{
	static char buf[24];
	const uint8_t *l = s->rp.lun;

	snprintf(buf, sizeof(buf), "%x", l[0] << 8 | l[1]);
	return buf;
}

/* Send the command of the current step. */
static int iscsi_startup(struct iscsi_session *s)
{
	uint8_t *cdb = s->task.cdb;
	uint32_t len;

	switch (s->step) {
	case ISCSI_STEP_INQUIRY:
		len = scsi_cdb_inquiry(cdb, sizeof(s->scratch));
		break;
	case ISCSI_STEP_TUR:
		len = scsi_cdb_test_unit_ready(cdb);
		break;
	case ISCSI_STEP_CAPACITY10:
		len = scsi_cdb_read_capacity10(cdb);
		break;
	default:
		len = scsi_cdb_read_capacity16(cdb);
		break;
	}
	memset(s->scratch, 0, sizeof(s->scratch));
	return iscsi_command_start(s, false, false, s->scratch, len);
}

/* Only disks (and CD-ROMs, for ISO images) are block devices. */
static int iscsi_check_inquiry(struct iscsi_session *s)
{
	uint8_t qualifier = s->scratch[0] >> 5, type = s->scratch[0] & 0x1f;

	if (qualifier != 0) {
		printf("iSCSI: %s has no LUN %s\n", s->rp.target, lun_text(s));
		return -ENODEV;
	}
	if (type != 0x00 && type != 0x05 && type != 0x0e) {
		printf("iSCSI: LUN %s of %s is no disk (SCSI device type "
		       "0x%02x)\n", lun_text(s), s->rp.target, type);
		return -ENODEV;
	}
	return 0;
}

/* The current step's command succeeded: take its data, start the next
 * one or open the window. */
static int iscsi_startup_done(struct iscsi_session *s)
{
	const uint8_t *d = s->scratch;
	uint64_t last;
	int rc;

	switch (s->step) {
	case ISCSI_STEP_INQUIRY:
		rc = iscsi_check_inquiry(s);
		if (rc)
			return rc;
		s->step = ISCSI_STEP_TUR;
		return iscsi_startup(s);
	case ISCSI_STEP_TUR:
		s->step = ISCSI_STEP_CAPACITY10;
		return iscsi_startup(s);
	case ISCSI_STEP_CAPACITY10:
		last = be32_get(d);
		s->blksize = be32_get(d + 4);
		if (last == 0xffffffff) {
			s->step = ISCSI_STEP_CAPACITY16;
			return iscsi_startup(s);
		}
		break;
	default:
		last = be64_get(d);
		s->blksize = be32_get(d + 8);
		if (last == ~0ULL)
			return -EPROTO;
		break;
	}
	s->blocks = last + 1;
	if (!s->blksize) {
		printf("iSCSI: the target reports a block size of 0\n");
		return -EPROTO;
	}
	s->state = ISCSI_READY;
	xfer_window_changed(&s->block);
	return 0;
}

/* A command ended: a block command goes back to the SAN layer, a
 * startup command leads to the next step. */
void iscsi_command_done(struct iscsi_session *s, int rc)
{
	if (s->task.external) {
		xfer_block_done(&s->block, rc);
		xfer_window_changed(&s->block);
		return;
	}
	if (rc == 0)
		rc = iscsi_startup_done(s);
	if (rc)
		iscsi_close(s, rc);
}

/* ---- Receiving ------------------------------------------------------ */

/* A ping from the target: answer with its data. */
static int iscsi_rx_nop_in(struct iscsi_session *s, const uint8_t *data,
			   uint32_t len)
{
	const struct iscsi_bhs *in = &s->rx_hdr;
	uint32_t ttt = iscsi_get32(in, ISCSI_OFF_TTT);
	struct iscsi_bhs h;

	if (ttt == ISCSI_NO_TAG)
		return 0;
	iscsi_bhs_init(&h, ISCSI_OP_NOP_OUT | ISCSI_IMMEDIATE, ISCSI_FINAL,
		       ISCSI_NO_TAG);
	memcpy(&h.b[ISCSI_OFF_LUN], &in->b[ISCSI_OFF_LUN], 8);
	iscsi_put32(&h, ISCSI_OFF_TTT, ttt);
	iscsi_put32(&h, ISCSI_OFF_CMDSN, s->cmdsn);
	iscsi_put32(&h, ISCSI_OFF_EXPSTATSN, s->expstatsn);
	return iscsi_send(s, &h, data, len);
}

static int iscsi_rx_async(struct iscsi_session *s)
{
	const struct iscsi_bhs *h = &s->rx_hdr;

	s->expstatsn = iscsi_get32(h, ISCSI_OFF_STATSN) + 1;
	switch (h->b[ISCSI_OFF_ASYNC_EVENT]) {
	case ISCSI_ASYNC_LOGOUT:
		/* Leave now; the SAN layer logs in again when it needs. */
		return s->state == ISCSI_LOGGING_OUT ? 0 :
		       iscsi_send_logout(s);
	case ISCSI_ASYNC_DROP:
	case ISCSI_ASYNC_DROP_ALL:
		return -ECONNRESET;
	default:
		return 0;
	}
}

static int iscsi_rx_reject(struct iscsi_session *s)
{
	printf("iSCSI: the target rejected a PDU (reason 0x%02x)\n",
	       s->rx_hdr.b[ISCSI_OFF_REJECT_REASON]);
	if (s->task.busy)
		iscsi_command_end(s, -EIO);
	return 0;
}

/* A whole PDU is in: act on it.  Non-zero ends the session. */
static int iscsi_rx_pdu(struct iscsi_session *s, const uint8_t *data,
			uint32_t len)
{
	switch (iscsi_opcode(&s->rx_hdr)) {
	case ISCSI_OP_LOGIN_RSP:
		return iscsi_rx_login(s, (const char *)data, len);
	case ISCSI_OP_SCSI_RSP:
		return iscsi_rx_scsi_response(s, data, len);
	case ISCSI_OP_DATA_IN:
		return iscsi_rx_data_in(s);
	case ISCSI_OP_R2T:
		return iscsi_rx_r2t(s);
	case ISCSI_OP_NOP_IN:
		return iscsi_rx_nop_in(s, data, len);
	case ISCSI_OP_ASYNC:
		return iscsi_rx_async(s);
	case ISCSI_OP_REJECT:
		return iscsi_rx_reject(s);
	case ISCSI_OP_LOGOUT_RSP:
		return -ECONNRESET;
	default:
		printf("iSCSI: unexpected PDU (opcode 0x%02x)\n",
		       iscsi_opcode(&s->rx_hdr));
		return -EPROTO;
	}
}

/* The header is in: decide where the data segment goes. */
static int iscsi_rx_header(struct iscsi_session *s)
{
	const struct iscsi_bhs *h = &s->rx_hdr;

	s->rx_skip = 4 * h->b[ISCSI_OFF_AHS_LEN];
	s->rx_len = iscsi_data_len(h);
	s->rx_got = 0;
	s->rx_pad = iscsi_pad(s->rx_len);
	s->rx_dest = NULL;
	if (iscsi_opcode(h) == ISCSI_OP_DATA_IN)
		return iscsi_rx_data_in_header(s);
	if (s->rx_len > ISCSI_MAX_RECV) {
		printf("iSCSI: a %u-byte data segment is too long\n",
		       s->rx_len);
		return -EPROTO;
	}
	if (s->rx_len) {
		s->rx_buf = malloc(s->rx_len);
		if (!s->rx_buf)
			return -ENOMEM;
		s->rx_dest = s->rx_buf;
	}
	return 0;
}

/* Take up to len bytes of the stream; returns how many, or an error. */
static int iscsi_rx_bytes(struct iscsi_session *s, const uint8_t *p,
			  size_t len)
{
	size_t n;
	int rc = 0;

	if (s->rx_hdr_got < ISCSI_BHS_LEN) {
		n = MIN(len, ISCSI_BHS_LEN - s->rx_hdr_got);
		memcpy(&s->rx_hdr.b[s->rx_hdr_got], p, n);
		s->rx_hdr_got += n;
		if (s->rx_hdr_got == ISCSI_BHS_LEN)
			rc = iscsi_rx_header(s);
	} else if (s->rx_skip) {
		n = MIN(len, (size_t)s->rx_skip);
		s->rx_skip -= n;
	} else if (s->rx_got < s->rx_len) {
		n = MIN(len, (size_t)(s->rx_len - s->rx_got));
		memcpy(s->rx_dest + s->rx_got, p, n);
		s->rx_got += n;
	} else {
		n = MIN(len, (size_t)s->rx_pad);
		s->rx_pad -= n;
	}
	if (rc == 0 && s->rx_hdr_got == ISCSI_BHS_LEN && !s->rx_skip &&
	    s->rx_got == s->rx_len && !s->rx_pad) {
		/* The next PDU starts afresh even if this one ends us. */
		uint8_t *buf = s->rx_buf;

		s->rx_hdr_got = 0;
		s->rx_buf = NULL;
		rc = iscsi_rx_pdu(s, buf, s->rx_len);
		free(buf);
	}
	return rc ? rc : (int)n;
}

static int iscsi_conn_deliver(struct xfer *x, struct io_buffer *iob,
			      const struct xfer_metadata *meta __unused)
{
	struct iscsi_session *s = container_of(x, struct iscsi_session, conn);
	const uint8_t *p = iob->data;
	size_t len = iob_len(iob);
	int n = 0;

	/* A redirect unplugs the connection: the rest is not ours. */
	while (len && !s->closed && xfer_plugged(&s->conn)) {
		n = iscsi_rx_bytes(s, p, len);
		if (n < 0)
			break;
		p += n;
		len -= n;
	}
	free_iob(iob);
	if (n < 0)
		iscsi_close(s, n);
	return n < 0 ? n : 0;
}

/* The connection ended: whatever the reason, the SAN layer may try
 * again on a new one. */
static void iscsi_conn_close(struct xfer *x, int rc)
{
	struct iscsi_session *s = container_of(x, struct iscsi_session, conn);

	iscsi_close(s, rc ? rc : -ECONNRESET);
}

static const struct xfer_ops iscsi_conn_ops = {
	.deliver = iscsi_conn_deliver,
	.close = iscsi_conn_close,
};

/* ---- The block device ---------------------------------------------- */

static size_t iscsi_window(struct xfer *x)
{
	struct iscsi_session *s = container_of(x, struct iscsi_session, block);

	return s->state == ISCSI_READY && !s->task.busy ? 1 : 0;
}

static int iscsi_block_rw(struct iscsi_session *s, bool write, uint64_t lba,
			  unsigned int count, void *buf)
{
	uint32_t len;
	int rc;

	if (s->state != ISCSI_READY)
		return -ENOTCONN;
	if (s->task.busy)
		return -EBUSY;
	if (lba > s->blocks || count > s->blocks - lba)
		return -ERANGE;
	len = scsi_cdb_rw(s->task.cdb, write, lba, count, s->blksize);
	if (!len)
		return count ? -E2BIG : -EINVAL;
	rc = iscsi_command_start(s, true, write, buf, len);
	if (rc) {
		s->task.busy = false;
		return rc;
	}
	xfer_window_changed(&s->block);
	return 0;
}

static int iscsi_block_read(struct xfer *x, uint64_t lba, unsigned int count,
			    void *buf)
{
	return iscsi_block_rw(container_of(x, struct iscsi_session, block),
			      false, lba, count, buf);
}

static int iscsi_block_write(struct xfer *x, uint64_t lba,
			     unsigned int count, const void *buf)
{
	/* Only ever read from (Data-Out copies it). */
	return iscsi_block_rw(container_of(x, struct iscsi_session, block),
			      true, lba, count, (void *)buf);
}

static int iscsi_block_capacity(struct xfer *x, uint64_t *blocks,
				size_t *blksize)
{
	struct iscsi_session *s = container_of(x, struct iscsi_session, block);

	if (s->state != ISCSI_READY)
		return -ENOTCONN;
	*blocks = s->blocks;
	*blksize = s->blksize;
	return 0;
}

static int iscsi_block_describe(struct xfer *x, struct san_description *d)
{
	struct iscsi_session *s = container_of(x, struct iscsi_session, block);
	struct iscsi_description *i = &d->iscsi;
	struct ipv4_route route;

	if (s->state != ISCSI_READY)
		return -ENOTCONN;
	memset(d, 0, sizeof(*d));
	d->kind = SAN_KIND_ISCSI;
	i->netdev = ipv4_route(s->addr, NULL, &route) == 0 ? route.netdev
							    : NULL;
	i->target = s->addr;
	i->port = s->port;
	memcpy(i->lun, s->rp.lun, sizeof(i->lun));
	i->target_name = s->rp.target;
	i->initiator_name = s->initiator;
	i->chap_user = s->secrets.user;
	i->chap_secret = s->secrets.secret;
	i->reverse_user = s->secrets.reverse_user;
	i->reverse_secret = s->secrets.reverse_secret;
	return 0;
}

static void iscsi_block_close(struct xfer *x, int rc)
{
	iscsi_close(container_of(x, struct iscsi_session, block), rc);
}

static const struct xfer_ops iscsi_block_ops = {
	.window = iscsi_window,
	.block_read = iscsi_block_read,
	.block_write = iscsi_block_write,
	.block_capacity = iscsi_block_capacity,
	.block_describe = iscsi_block_describe,
	.close = iscsi_block_close,
};

/* ---- Opening -------------------------------------------------------- */

/* One ISID per firmware run: a session that logs in again replaces the
 * one it had (RFC 7143 6.3.5, session reinstatement). */
static void iscsi_isid(uint8_t isid[6])
{
	static uint8_t ours[6];

	if (!ours[0]) {
		ours[0] = 0x80;     /* random format */
		for (int i = 1; i < 4; i++)
			ours[i] = random();
	}
	memcpy(isid, ours, 6);
}

static int iscsi_open_block(struct xfer *xfer, const struct uri *uri)
{
	struct iscsi_session *s;
	int rc;

	s = zalloc(sizeof(*s));
	if (!s)
		return -ENOMEM;
	ref_init(&s->refcnt, iscsi_free);
	xfer_init(&s->block, &iscsi_block_ops, &s->refcnt);
	xfer_init(&s->conn, &iscsi_conn_ops, &s->refcnt);
	if (!uri->opaque ||
	    iscsi_parse_root_path(uri->opaque, &s->rp) != 0) {
		printf("iSCSI: bad root path (iscsi:<server>:<protocol>:"
		       "<port>:<LUN>:<targetname>)\n");
		ref_put(&s->refcnt);
		return -EINVAL;
	}
	snprintf(s->host, sizeof(s->host), "%s", s->rp.server);
	s->port = s->rp.port;
	iscsi_isid(s->isid);
	s->cmdsn = 1;
	iscsi_get_credentials(&s->secrets);
	rc = resolv_start(&s->resolv, s->host, iscsi_resolved, &s->refcnt);
	if (rc) {
		printf("iSCSI: cannot reach %s (IPv4 address or host name "
		       "needed)\n", s->host);
		ref_put(&s->refcnt);
		return rc;
	}
	xfer_plug(&s->block, xfer);
	return 0;
}

URI_OPENER(iscsi_opener) = {
	.scheme = "iscsi",
	.open_block = iscsi_open_block,
};
