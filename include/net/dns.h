/* DNS: resolving host names to IPv4 addresses (RFC 1034/1035).
 *
 * Queries for A records go over UDP to the DNS servers of the settings
 * (DHCP option 6, `dns`), each in turn with growing timeouts; CNAME
 * chains are followed.  A name without a dot is tried with each suffix
 * of the search list (option 119, `dnssl`, RFC 3397), then the domain
 * (option 15, `domain`), then as it stands.  Answers are cached for
 * their TTL.  A numeric address resolves to itself without DNS.
 *
 * How a protocol resolves its host (net/tftp.c does it this way; so
 * does every URI opener that takes a server from the URI): embed a
 * struct resolv in the object that owns the transfer and, in the
 * opener, call
 *
 *	rc = resolv_start(&obj->resolv, uri->host, obj_resolved,
 *			  &obj->refcnt);
 *
 * A non-zero rc (-EINVAL: not a host name) means nothing started.
 * Otherwise obj_resolved(resolv, rc, addr) runs later from the main
 * loop, never inside resolv_start(), with rc 0 and the address (numeric
 * names too, so there is one path), or a negative error: -ENOHOST (DNS
 * says the name does not exist), -ETIMEDOUT (no server answered),
 * -EADDRNOTAVAIL (no DNS server set), -EMSGSIZE (answer truncated),
 * -EPROTO (servers failed).  Get the object back with container_of().
 * While the lookup runs its timer holds a reference to the owner, so
 * the owner lives until the callback has returned.  To give up (the
 * consumer closed, Ctrl-C) call resolv_cancel(): the callback is then
 * never called.  Cancelling a resolv that is zeroed (never started),
 * finished or already cancelled is harmless; do not start one that is
 * still running.
 */
#ifndef NET_DNS_H
#define NET_DNS_H
#include <cxboot/compiler.h>
#include <cxboot/timer.h>
#include <net/in.h>
#include <net/udp.h>

#define DNS_PORT 53
/* The longest name in wire form, root label included (RFC 1035 2.3.4) */
#define DNS_MAX_NAME 255
#define DNS_MAX_SERVERS 4

struct resolv;
typedef void (*resolv_done_fn)(struct resolv *r, int rc,
			       struct in_addr addr);

/* A lookup in progress.  The fields are the resolver's own. */
struct resolv {
	resolv_done_fn done;
	struct udp_conn udp;
	struct retry_timer timer;   /* holds the owner while it runs */
	bool running;
	bool settled;               /* rc/addr known: reported at the timer */
	bool nxdomain;              /* some candidate does not exist */
	int rc, failure;
	struct in_addr addr;
	struct in_addr servers[DNS_MAX_SERVERS];
	unsigned int nservers;
	unsigned int candidate;     /* the next candidate name */
	unsigned int attempt;       /* sends of the current question */
	unsigned int restarts;      /* questions asked again at a CNAME */
	uint16_t id;
	uint8_t fqdn[DNS_MAX_NAME];   /* the candidate (the cache key) */
	uint8_t qname[DNS_MAX_NAME];  /* asked now: it or an alias */
	char name[DNS_MAX_NAME + 1];  /* as the caller gave it */
};

/* Start looking name up; done is called later (see above).  Returns
 * -EINVAL for a name that cannot be a host name, else 0. */
int resolv_start(struct resolv *r, const char *name, resolv_done_fn done,
		 struct refcnt *owner);
void resolv_cancel(struct resolv *r);

/* The address a lookup of name would settle on now from the cache
 * alone (the same candidates, search list and domain, in the same
 * order); -ENOENT if none is cached. */
int resolv_cached(const char *name, struct in_addr *addr);

/* Remember name (wire form) at addr for ttl seconds. */
void dns_cache_add(const uint8_t *name, struct in_addr addr, uint32_t ttl);

/* Forget every cached answer. */
void dns_cache_flush(void);

/* ---- Messages (pure functions, for the resolver and its tests) ---- */

/* Dotted text ("boot.example", a final dot allowed) to wire form.
 * Returns the wire length, or -EINVAL (empty label, label over 63
 * bytes, name over DNS_MAX_NAME). */
int dns_encode_name(const char *text, uint8_t *wire);
/* Read the possibly compressed name at *off of msg[0..len) into wire
 * (DNS_MAX_NAME bytes) and move *off past it.  Returns the wire length
 * or -EBADMSG (out of bounds, pointer loop, reserved label type, too
 * long). */
int dns_read_name(const uint8_t *msg, size_t len, size_t *off,
		  uint8_t *wire);
/* Wire form to dotted text (without the final dot); returns its length
 * (like snprintf). */
size_t dns_name_text(const uint8_t *wire, char *buf, size_t size);
/* Case-insensitive equality of two wire names. */
bool dns_name_eq(const uint8_t *a, const uint8_t *b);
/* Build a recursive query for the A record of qname; returns its
 * length, or 0 if buf is too small. */
size_t dns_build_query(uint8_t *buf, size_t size, uint16_t id,
		       const uint8_t *qname);

struct dns_answer {
	struct in_addr addr;
	uint32_t ttl;               /* seconds: the least along the chain */
	uint8_t cname[DNS_MAX_NAME]; /* -EAGAIN: the name to ask next */
};
/* Read a response to the query (id, qname).  Returns 0 with the
 * address, -EAGAIN when a CNAME chain leaves the message without one
 * (ans->cname), -ENOHOST (NXDOMAIN), -ENODATA (the name has no
 * address), -EMSGSIZE (truncated: there is no TCP to retry over),
 * -EPROTO (the server failed or refused), or -EBADMSG: not a well-formed
 * answer to this query, to be ignored. */
int dns_parse_response(const uint8_t *msg, size_t len, uint16_t id,
		       const uint8_t *qname, struct dns_answer *ans);
/* The index'th name of an RFC 3397 search list (names with compression
 * pointers relative to the option's start) into wire.  Returns 0, or
 * -ENOENT past the last, -EBADMSG if malformed. */
int dns_search_name(const uint8_t *list, size_t len, unsigned int index,
		    uint8_t *wire);

#endif
