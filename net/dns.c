/* DNS resolver: A records over UDP, CNAME chains, search list, cache.
 *
 * A lookup walks its candidate names (the name itself, or for a name
 * without a dot each search suffix, the domain, then the bare name).
 * Each candidate is asked of the servers in turn, every server once per
 * round with the wait doubling each round; a CNAME without an address
 * restarts the question at its target.  Whatever the outcome, it is
 * reported from a timer so that the caller is never called back from
 * inside its own call. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <cxboot/errdetail.h>
#include <cxboot/settings.h>
#include <cxboot/iobuf.h>
#include <net/dhcp.h>
#include <net/dns.h>

#define DNS_HEADER_LEN 12
#define DNS_TYPE_A 1
#define DNS_TYPE_CNAME 5
#define DNS_CLASS_IN 1
#define DNS_FLAG_QR 0x8000
#define DNS_FLAG_OPCODE 0x7800
#define DNS_FLAG_TC 0x0200
#define DNS_FLAG_RD 0x0100
#define DNS_RCODE(flags) ((flags) & 0x000f)
#define DNS_RCODE_NXDOMAIN 3

/* A pointer chain longer than this is a loop (a real name has at most
 * 127 labels, each reached by at most one pointer). */
#define DNS_MAX_POINTERS 128
#define DNS_MAX_CHAIN 8          /* CNAMEs followed within one message */
#define DNS_MAX_RESTARTS 8       /* questions asked again at a CNAME */
#define DNS_WAIT_MS 500          /* first wait for an answer */
#define DNS_ROUNDS 4             /* each server asked this many times */
#define DNS_TTL_MAX 3600         /* seconds an answer is trusted at most */
#define DNS_CACHE_SIZE 8

/* The search list, named as iPXE names it. */
NAMED_SETTING(dnssl_entry) = {
	"dnssl", "DNS search list", &setting_type_hex,
	DHCP_OPT_DOMAIN_SEARCH };

/* ---- Messages ----------------------------------------------------- */

static uint16_t get16(const uint8_t *p)
{
	return (p[0] << 8) | p[1];
}

static uint32_t get32(const uint8_t *p)
{
	return ((uint32_t)get16(p) << 16) | get16(p + 2);
}

int dns_encode_name(const char *text, uint8_t *wire)
{
	size_t out = 0;

	while (*text) {
		const char *dot = strchr(text, '.');
		size_t n = dot ? (size_t)(dot - text) : strlen(text);

		if (n == 0 || n > 63 || out + 1 + n + 1 > DNS_MAX_NAME)
			return -EINVAL;
		wire[out++] = n;
		memcpy(wire + out, text, n);
		out += n;
		text += n;
		if (*text)
			text++;   /* the dot; a final one ends the name */
	}
	if (out == 0)
		return -EINVAL;
	wire[out++] = 0;
	return out;
}

int dns_read_name(const uint8_t *msg, size_t len, size_t *off,
		  uint8_t *wire)
{
	size_t pos = *off, out = 0;
	unsigned int pointers = 0;
	bool jumped = false;

	for (;;) {
		unsigned int n;

		if (pos >= len)
			return -EBADMSG;
		n = msg[pos];
		if ((n & 0xc0) == 0xc0) {
			if (pos + 1 >= len || ++pointers > DNS_MAX_POINTERS)
				return -EBADMSG;
			if (!jumped)
				*off = pos + 2;
			jumped = true;
			pos = ((n & 0x3f) << 8) | msg[pos + 1];
			continue;
		}
		if (n & 0xc0)   /* 01 and 10: extended and reserved types */
			return -EBADMSG;
		if (n > len - pos - 1 || out + 1 + n > DNS_MAX_NAME)
			return -EBADMSG;
		memcpy(wire + out, msg + pos, 1 + n);
		out += 1 + n;
		pos += 1 + n;
		if (n == 0)
			break;
	}
	if (!jumped)
		*off = pos;
	return out;
}

static void put_char(char *buf, size_t size, size_t *out, char c)
{
	if (*out + 1 < size)
		buf[*out] = c;
	(*out)++;
}

size_t dns_name_text(const uint8_t *wire, char *buf, size_t size)
{
	size_t out = 0;

	for (; *wire; wire += 1 + *wire) {
		if (out)
			put_char(buf, size, &out, '.');
		for (unsigned int i = 1; i <= *wire; i++)
			put_char(buf, size, &out, wire[i]);
	}
	if (size)
		buf[MIN(out, size - 1)] = '\0';
	return out;
}

bool dns_name_eq(const uint8_t *a, const uint8_t *b)
{
	/* Label lengths are below 64, so tolower() leaves them alone. */
	for (;;) {
		if (tolower(*a) != tolower(*b))
			return false;
		if (*a == 0)
			return true;
		for (unsigned int n = *a; n; n--)
			if (tolower(*++a) != tolower(*++b))
				return false;
		a++;
		b++;
	}
}

static size_t dns_name_len(const uint8_t *wire)
{
	size_t n = 0;

	while (wire[n])
		n += 1 + wire[n];
	return n + 1;
}

size_t dns_build_query(uint8_t *buf, size_t size, uint16_t id,
		       const uint8_t *qname)
{
	size_t n = dns_name_len(qname), len = DNS_HEADER_LEN + n + 4;
	uint8_t *p = buf;

	if (len > size)
		return 0;
	memset(p, 0, DNS_HEADER_LEN);
	p[0] = id >> 8;
	p[1] = id;
	p[2] = DNS_FLAG_RD >> 8;
	p[5] = 1;   /* one question */
	memcpy(p + DNS_HEADER_LEN, qname, n);
	p += DNS_HEADER_LEN + n;
	p[0] = 0;
	p[1] = DNS_TYPE_A;
	p[2] = 0;
	p[3] = DNS_CLASS_IN;
	return len;
}

/* One resource record's fixed part, read at *off (moved past it). */
struct dns_rr {
	uint8_t owner[DNS_MAX_NAME];
	uint16_t type, class;
	uint32_t ttl;
	size_t rdata, rdlen;   /* offset and length of the data */
};

static int dns_read_rr(const uint8_t *msg, size_t len, size_t *off,
		       struct dns_rr *rr)
{
	const uint8_t *p;
	int rc = dns_read_name(msg, len, off, rr->owner);

	if (rc < 0)
		return rc;
	if (len - *off < 10)
		return -EBADMSG;
	p = msg + *off;
	rr->type = get16(p);
	rr->class = get16(p + 2);
	/* RFC 2181 8: a TTL with its top bit set counts as 0. */
	rr->ttl = get32(p + 4) & 0x80000000 ? 0 : get32(p + 4);
	rr->rdlen = get16(p + 8);
	rr->rdata = *off + 10;
	if (rr->rdlen > len - rr->rdata)
		return -EBADMSG;
	*off = rr->rdata + rr->rdlen;
	return 0;
}

/* Check the header and the question; *off is left at the answers. */
static int dns_check_question(const uint8_t *msg, size_t len, uint16_t id,
			      const uint8_t *qname, size_t *off)
{
	uint8_t name[DNS_MAX_NAME];
	uint16_t flags;

	if (len < DNS_HEADER_LEN || get16(msg) != id)
		return -EBADMSG;
	flags = get16(msg + 2);
	if (!(flags & DNS_FLAG_QR) || (flags & DNS_FLAG_OPCODE) ||
	    get16(msg + 4) != 1)
		return -EBADMSG;
	*off = DNS_HEADER_LEN;
	if (dns_read_name(msg, len, off, name) < 0 || len - *off < 4 ||
	    !dns_name_eq(name, qname) ||
	    get16(msg + *off) != DNS_TYPE_A ||
	    get16(msg + *off + 2) != DNS_CLASS_IN)
		return -EBADMSG;
	*off += 4;
	return 0;
}

/* Look among the answers for the A or CNAME record of target.  An A
 * record wins; returns DNS_TYPE_A, DNS_TYPE_CNAME (target replaced by
 * the alias's target), 0 for neither, or -EBADMSG. */
static int dns_find(const uint8_t *msg, size_t len, size_t answers,
		    unsigned int count, uint8_t *target,
		    struct dns_answer *ans)
{
	uint8_t alias[DNS_MAX_NAME];
	uint32_t alias_ttl = 0;
	bool have_alias = false;
	struct dns_rr rr;
	size_t off = answers;

	for (unsigned int i = 0; i < count; i++) {
		if (dns_read_rr(msg, len, &off, &rr) < 0)
			return -EBADMSG;
		if (rr.class != DNS_CLASS_IN || !dns_name_eq(rr.owner, target))
			continue;
		if (rr.type == DNS_TYPE_A) {
			if (rr.rdlen != 4)
				return -EBADMSG;
			memcpy(&ans->addr.s_addr, msg + rr.rdata, 4);
			ans->ttl = MIN(ans->ttl, rr.ttl);
			return DNS_TYPE_A;
		}
		if (rr.type == DNS_TYPE_CNAME && !have_alias) {
			size_t at = rr.rdata;

			if (dns_read_name(msg, rr.rdata + rr.rdlen, &at,
					  alias) < 0 ||
			    at != rr.rdata + rr.rdlen)
				return -EBADMSG;
			alias_ttl = rr.ttl;
			have_alias = true;
		}
	}
	if (!have_alias)
		return 0;
	memcpy(target, alias, DNS_MAX_NAME);
	ans->ttl = MIN(ans->ttl, alias_ttl);
	return DNS_TYPE_CNAME;
}

int dns_parse_response(const uint8_t *msg, size_t len, uint16_t id,
		       const uint8_t *qname, struct dns_answer *ans)
{
	uint8_t target[DNS_MAX_NAME];
	unsigned int count;
	uint16_t flags;
	size_t off;
	int rc;

	rc = dns_check_question(msg, len, id, qname, &off);
	if (rc)
		return rc;
	flags = get16(msg + 2);
	if (flags & DNS_FLAG_TC)
		return -EMSGSIZE;
	if (DNS_RCODE(flags) == DNS_RCODE_NXDOMAIN)
		return -ENOHOST;
	if (DNS_RCODE(flags) != 0)
		return -EPROTO;

	count = get16(msg + 6);
	memcpy(target, qname, dns_name_len(qname));
	ans->ttl = DNS_TTL_MAX;
	for (unsigned int hop = 0; hop <= DNS_MAX_CHAIN; hop++) {
		rc = dns_find(msg, len, off, count, target, ans);
		if (rc < 0)
			return rc;
		if (rc == DNS_TYPE_A)
			return 0;
		if (rc == 0 && hop == 0)
			return -ENODATA;
		if (rc == 0)
			break;
	}
	/* The chain goes on beyond this message (or loops in it): the
	 * resolver asks again about where it stopped. */
	memcpy(ans->cname, target, DNS_MAX_NAME);
	return -EAGAIN;
}

int dns_search_name(const uint8_t *list, size_t len, unsigned int index,
		    uint8_t *wire)
{
	size_t off = 0;

	for (unsigned int i = 0; ; i++) {
		if (off >= len)
			return -ENOENT;
		if (dns_read_name(list, len, &off, wire) < 0)
			return -EBADMSG;
		if (i == index)
			return 0;
	}
}

/* ---- The cache ---------------------------------------------------- */

static struct dns_cache_entry {
	uint8_t name[DNS_MAX_NAME];
	struct in_addr addr;
	unsigned long expires;     /* ticks */
	bool used;
} dns_cache[DNS_CACHE_SIZE];

static bool dns_cache_live(const struct dns_cache_entry *e)
{
	return e->used && (long)(e->expires - currticks()) > 0;
}

static bool dns_cache_find(const uint8_t *name, struct in_addr *addr)
{
	for (unsigned int i = 0; i < DNS_CACHE_SIZE; i++) {
		if (dns_cache_live(&dns_cache[i]) &&
		    dns_name_eq(dns_cache[i].name, name)) {
			*addr = dns_cache[i].addr;
			return true;
		}
	}
	return false;
}

/* Where an answer for name goes: its own entry, a dead one, or the one
 * that would expire first. */
static struct dns_cache_entry *dns_cache_slot(const uint8_t *name)
{
	struct dns_cache_entry *victim = &dns_cache[0];

	for (unsigned int i = 0; i < DNS_CACHE_SIZE; i++)
		if (dns_cache_live(&dns_cache[i]) &&
		    dns_name_eq(dns_cache[i].name, name))
			return &dns_cache[i];
	for (unsigned int i = 0; i < DNS_CACHE_SIZE; i++) {
		struct dns_cache_entry *e = &dns_cache[i];

		if (!dns_cache_live(e))
			return e;
		if ((long)(e->expires - victim->expires) < 0)
			victim = e;
	}
	return victim;
}

void dns_cache_add(const uint8_t *name, struct in_addr addr, uint32_t ttl)
{
	struct dns_cache_entry *e = dns_cache_slot(name);

	if (ttl == 0)
		return;
	memcpy(e->name, name, dns_name_len(name));
	e->addr = addr;
	e->expires = currticks() + MIN(ttl, (uint32_t)DNS_TTL_MAX) *
		TICKS_PER_SEC;
	e->used = true;
}

void dns_cache_flush(void)
{
	memset(dns_cache, 0, sizeof(dns_cache));
}

/* ---- The resolver ------------------------------------------------- */

static void resolv_load_servers(struct resolv *r)
{
	struct setting setting = dns_setting;
	uint8_t raw[4 * DNS_MAX_SERVERS];
	int len = fetch_setting(NULL, &setting, NULL, raw, sizeof(raw));

	r->nservers = 0;
	for (int i = 0; i + 4 <= MIN(len, (int)sizeof(raw)); i += 4) {
		memcpy(&r->servers[r->nservers].s_addr, raw + i, 4);
		if (r->servers[r->nservers].s_addr != INADDR_ANY)
			r->nservers++;
	}
}

static bool resolv_is_server(const struct resolv *r, struct in_addr addr)
{
	for (unsigned int i = 0; i < r->nservers; i++)
		if (r->servers[i].s_addr == addr.s_addr)
			return true;
	return false;
}

/* The index'th suffix a short name is tried with: each of the search
 * list, the domain, then the root (the bare name).  -ENOENT after the
 * last, -EAGAIN for one to skip. */
static int resolv_suffix(unsigned int index, uint8_t *wire)
{
	struct setting sl = dnssl_entry, domain = domain_setting;
	char text[DNS_MAX_NAME + 1];
	unsigned int count = 0;
	void *list;
	int len, rc;

	len = fetch_setting_copy(NULL, &sl, &list);
	if (len >= 0) {
		while (dns_search_name(list, len, count, wire) == 0)
			count++;
		if (index < count)
			dns_search_name(list, len, index, wire);
		free(list);
		if (index < count)
			return 0;
	}
	if (index == count + 1) {
		wire[0] = 0;
		return 0;
	}
	if (index > count)
		return -ENOENT;
	rc = fetch_string_setting(NULL, &domain, text, sizeof(text));
	if (rc <= 0 || rc >= (int)sizeof(text) ||
	    dns_encode_name(text, wire) < 0)
		return -EAGAIN;
	return 0;
}

/* The index'th name to ask about: a name with a dot as it stands, a
 * short one with each suffix.  -ENOENT after the last, -EAGAIN for one
 * to skip (too long with its suffix). */
static int resolv_candidate(const char *name, unsigned int index,
			    uint8_t *wire)
{
	uint8_t suffix[DNS_MAX_NAME];
	int len, rc;

	if (strchr(name, '.')) {
		if (index)
			return -ENOENT;
		dns_encode_name(name, wire);
		return 0;
	}
	rc = resolv_suffix(index, suffix);
	if (rc)
		return rc;
	len = dns_encode_name(name, wire);
	if (len - 1 + dns_name_len(suffix) > DNS_MAX_NAME)
		return -EAGAIN;
	memcpy(wire + len - 1, suffix, dns_name_len(suffix));
	return 0;
}

/* The outcome is known: stop asking and report it from the timer. */
static void resolv_settle(struct resolv *r, int rc, struct in_addr addr)
{
	r->settled = true;
	r->rc = rc;
	r->addr = addr;
	udp_close(&r->udp);
	start_timer_nodelay(&r->timer);
}

static void resolv_fail(struct resolv *r, int rc)
{
	struct in_addr none = { INADDR_ANY };

	resolv_settle(r, rc, none);
}

/* Send the question to the next server, or give up after the last
 * round. */
static void resolv_send(struct resolv *r)
{
	unsigned int round = r->attempt / r->nservers;
	struct in_addr server = r->servers[r->attempt % r->nservers];
	uint8_t pkt[DNS_HEADER_LEN + DNS_MAX_NAME + 4];
	struct io_buffer *iob;
	size_t len;

	if (round >= DNS_ROUNDS) {
		resolv_fail(r, -ETIMEDOUT);
		return;
	}
	r->attempt++;
	len = dns_build_query(pkt, sizeof(pkt), r->id, r->qname);
	iob = udp_alloc_iob(len);
	/* A send that fails is retried by the timer like a lost one. */
	if (iob) {
		memcpy(iob_put(iob, len), pkt, len);
		udp_tx(&r->udp, iob, server, DNS_PORT, NULL);
	}
	start_timer_fixed(&r->timer, DNS_WAIT_MS << round);
}

static void resolv_ask(struct resolv *r)
{
	/* The clock mixed in: the generator may start from the same seed
	 * at every boot. */
	r->id = random() ^ currticks();
	r->attempt = 0;
	resolv_send(r);
}

/* Go on with the next candidate name. */
static void resolv_next(struct resolv *r)
{
	struct in_addr addr;
	int rc;

	do {
		rc = resolv_candidate(r->name, r->candidate++, r->fqdn);
	} while (rc == -EAGAIN);
	if (rc) {
		resolv_fail(r, r->nxdomain ? -ENOHOST : r->failure);
		return;
	}
	if (dns_cache_find(r->fqdn, &addr)) {
		resolv_settle(r, 0, addr);
		return;
	}
	memcpy(r->qname, r->fqdn, DNS_MAX_NAME);
	r->restarts = 0;
	resolv_ask(r);
}

int resolv_cached(const char *name, struct in_addr *addr)
{
	uint8_t wire[DNS_MAX_NAME];
	unsigned int index = 0;
	int rc;

	while ((rc = resolv_candidate(name, index++, wire)) != -ENOENT) {
		if (rc == 0 && dns_cache_find(wire, addr))
			return 0;
	}
	return -ENOENT;
}

static void resolv_answer(struct resolv *r, int rc,
			  const struct dns_answer *ans)
{
	switch (rc) {
	case 0:
		dns_cache_add(r->fqdn, ans->addr, ans->ttl);
		resolv_settle(r, 0, ans->addr);
		break;
	case -EAGAIN:
		if (++r->restarts > DNS_MAX_RESTARTS) {
			r->failure = -EPROTO;
			resolv_next(r);
			break;
		}
		memcpy(r->qname, ans->cname, DNS_MAX_NAME);
		resolv_ask(r);
		break;
	case -ENOHOST:
	case -ENODATA:
		r->nxdomain = true;
		resolv_next(r);
		break;
	case -EPROTO:
		/* Failed or refused: another server may know better. */
		if (r->attempt < r->nservers) {
			resolv_send(r);
		} else {
			r->failure = rc;
			resolv_next(r);
		}
		break;
	case -EMSGSIZE:
		error_detail_set(rc, "DNS: the answer for %s does not fit a "
				 "datagram (no DNS over TCP here)", r->name);
		resolv_fail(r, rc);
		break;
	}
}

static void resolv_rx(struct udp_conn *conn, struct io_buffer *iob,
		      const struct udp_rx_info *info)
{
	struct resolv *r = container_of(conn, struct resolv, udp);
	struct dns_answer ans;
	int rc = -EBADMSG;

	if (!r->settled && info->sport == DNS_PORT &&
	    resolv_is_server(r, info->src))
		rc = dns_parse_response(iob->data, iob_len(iob), r->id,
					r->qname, &ans);
	free_iob(iob);
	if (rc != -EBADMSG)
		resolv_answer(r, rc, &ans);
}

static void resolv_expired(struct retry_timer *timer, int fail __unused)
{
	struct resolv *r = container_of(timer, struct resolv, timer);

	if (!r->settled) {
		resolv_send(r);
		return;
	}
	r->running = false;
	r->done(r, r->rc, r->addr);
}

int resolv_start(struct resolv *r, const char *name, resolv_done_fn done,
		 struct refcnt *owner)
{
	size_t len = strlen(name);
	struct in_addr addr;
	int rc;

	memset(r, 0, sizeof(*r));
	INIT_LIST_HEAD(&r->udp.list);
	timer_init(&r->timer, resolv_expired, owner);
	if (len == 0 || len > DNS_MAX_NAME || dns_encode_name(name, r->fqdn) < 0)
		return -EINVAL;
	memcpy(r->name, name, len + 1);
	r->done = done;
	r->running = true;
	r->failure = -ENOHOST;
	if (inet_aton(name, &addr)) {
		resolv_settle(r, 0, addr);
		return 0;
	}
	resolv_load_servers(r);
	if (!r->nservers) {
		error_detail_set(-EADDRNOTAVAIL, "DNS: no server to ask for %s",
				 name);
		resolv_fail(r, -EADDRNOTAVAIL);
		return 0;
	}
	rc = udp_open(&r->udp, 0, resolv_rx);
	if (rc) {
		resolv_fail(r, rc);
		return 0;
	}
	resolv_next(r);
	return 0;
}

void resolv_cancel(struct resolv *r)
{
	if (!r->running)
		return;
	r->running = false;
	r->settled = true;
	stop_timer(&r->timer);
	udp_close(&r->udp);
}
