/* Fuzz the DNS resolver (net/dns.c): its message helpers, and a whole
 * lookup on the fake device, fed the fuzzer's packets as if from the
 * DNS servers.
 *
 * Input: records (see fuzz.h), one DNS message each, sent to the
 * resolver's port after a pause chosen by ctl bits 0-2.  Bit 3 makes
 * the record a reply to the last query sent: its header and question,
 * with flags and answer count from the record's first 4 bytes, then
 * the rest of the record as the answers.  Bits 4-5 choose the sender:
 * the first or second server from port 53, the first from port 5353, or
 * another host; bit 6 sends to a port nobody listens on; bit 7 cancels
 * the lookup after the packet.  An input of odd length looks up a
 * short name (through the search list and domain), an even one a full
 * name.  The whole input is also parsed as a response, as a search
 * list and as names at each of its first offsets.
 *
 * The lookup must report once (never after a cancel) with a known
 * status, and leave nothing allocated once every timer has run out. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/settings.h>
#include <cxboot/timer.h>
#include <net/dns.h>
#include <net/udp.h>
#include "fuzz.h"

#define CTL_REPLY 0x08
#define CTL_SENDER(ctl) (((ctl) >> 4) & 3)
#define CTL_NOWHERE 0x40
#define CTL_CANCEL 0x80

#define STRANGER 4

static const char search_list[] = "\1a\4test\0\1b\xc0\2";

static struct {
	struct resolv resolv;
	bool running, done;
	int rc;
} lookup;

/* The last query the resolver sent, and from which port. */
static uint8_t query[DNS_MAX_NAME + 64];
static size_t query_len;
static uint16_t query_port;

static void watch_tx(const uint8_t *frame, size_t len)
{
	const uint8_t *payload;
	uint16_t sport, dport;
	size_t plen;

	if (!fuzz_parse_udp(frame, len, &sport, &dport, &payload, &plen) ||
	    dport != DNS_PORT)
		return;
	fuzz_assert(plen <= sizeof(query));
	memcpy(query, payload, plen);
	query_len = plen;
	query_port = sport;
}

static void lookup_done(struct resolv *r, int rc, struct in_addr addr)
{
	fuzz_assert(lookup.running && !lookup.done);
	fuzz_assert(rc == 0 || rc == -ENOHOST || rc == -ETIMEDOUT ||
		    rc == -EMSGSIZE || rc == -EPROTO);
	lookup.done = true;
	lookup.running = false;
	lookup.rc = rc;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct settings *s = netdev_settings(fuzz_netdev());
	struct in_addr addr = fuzz_ip(10), servers[2] = {
		fuzz_ip(2), fuzz_ip(3) };

	if (store_setting(s, &ip_setting, &addr, sizeof(addr)) ||
	    store_setting(s, &dns_setting, servers, sizeof(servers)) ||
	    storef_setting(s, &domain_setting, "example.test") ||
	    store_setting(s, find_named_setting("dnssl"), search_list,
			  sizeof(search_list) - 1))
		fuzz_fail("cannot configure the device");
	fuzz_tx_hook = watch_tx;
	return 0;
}

/* ---- the pure helpers ---- */

/* The length of a wire name, looking no further than DNS_MAX_NAME. */
static int wire_len(const uint8_t *wire)
{
	int n = 0;

	while (n < DNS_MAX_NAME && wire[n])
		n += 1 + wire[n];
	return n < DNS_MAX_NAME ? n + 1 : -1;
}

static void check_name(const uint8_t *wire, int len)
{
	char text[300], small[8];

	fuzz_assert(len >= 1 && len <= DNS_MAX_NAME && wire[len - 1] == 0);
	fuzz_assert(dns_name_text(wire, text, sizeof(text)) ==
		    dns_name_text(wire, small, sizeof(small)));
	fuzz_assert(dns_name_eq(wire, wire));
}

static void check_helpers(const uint8_t *data, size_t size)
{
	static const uint8_t qname[] = "\7bootsrv\7example\4test";
	uint8_t *copy = fuzz_dup(data, size), wire[DNS_MAX_NAME];
	struct dns_answer ans;
	uint16_t id = size >= 2 ? (data[0] << 8) | data[1] : 0;
	int rc;

	rc = dns_parse_response(copy, size, id, qname, &ans);
	fuzz_assert(rc == 0 || rc == -EAGAIN || rc == -ENOHOST ||
		    rc == -ENODATA || rc == -EMSGSIZE || rc == -EPROTO ||
		    rc == -EBADMSG);
	if (rc == -EAGAIN)
		check_name(ans.cname, wire_len(ans.cname));
	for (unsigned int i = 0; i < 300; i++) {
		rc = dns_search_name(copy, size, i, wire);
		if (rc)
			break;
	}
	for (size_t i = 0; i < MIN(size, (size_t)64); i++) {
		size_t off = i;

		rc = dns_read_name(copy, size, &off, wire);
		fuzz_assert(rc > 0 || rc == -EBADMSG);
		if (rc > 0) {
			fuzz_assert(off > i && off <= size);
			check_name(wire, rc);
		}
	}
	free(copy);
}

/* ---- the lookup ---- */

/* A reply to the last query: its header and question, flags and answer
 * count from the record, then the record's answers. */
static size_t make_reply(uint8_t *buf, const struct fuzz_record *rec)
{
	size_t len = query_len;

	memcpy(buf, query, len);
	if (rec->len >= 4 && len >= 12) {
		buf[2] = rec->data[0];
		buf[3] = rec->data[1];
		buf[6] = rec->data[2];
		buf[7] = rec->data[3];
		memcpy(buf + len, rec->data + 4, rec->len - 4);
		len += rec->len - 4;
	}
	return len;
}

static void send_packet(const struct fuzz_record *rec)
{
	static const unsigned int hosts[4] = { 2, 3, 2, STRANGER };
	static const uint16_t ports[4] = { DNS_PORT, DNS_PORT, 5353,
					   DNS_PORT };
	unsigned int who = CTL_SENDER(rec->ctl);
	size_t size = rec->len + sizeof(query) + 64, n, len;
	uint8_t *msg = malloc(size), *frame = malloc(size + 64);

	fuzz_assert(msg && frame);
	if (rec->ctl & CTL_REPLY) {
		len = make_reply(msg, rec);
	} else {
		memcpy(msg, rec->data, rec->len);
		len = rec->len;
	}
	n = fuzz_udp_frame(frame, size + 64, fuzz_ip(hosts[who]),
			   fuzz_ip(10), ports[who],
			   rec->ctl & CTL_NOWHERE ? 7 : query_port, msg, len);
	if (n)
		fuzz_inject(frame, n);
	free(frame);
	free(msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *pos = data, *end = data + size;
	const char *name = size % 2 ? "bootsrv" : "host.example.test";
	struct fuzz_record rec;
	uint8_t arp[64];
	long blocks;

	fuzz_heap_watch(true);
	/* The servers are known neighbours, as after a DHCP exchange. */
	fuzz_inject(arp, fuzz_arp_request(arp, fuzz_ip(2), fuzz_ip(10)));
	fuzz_inject(arp, fuzz_arp_request(arp, fuzz_ip(3), fuzz_ip(10)));
	blocks = fuzz_live_blocks();

	check_helpers(data, size);

	dns_cache_flush();
	memset(&lookup, 0, sizeof(lookup));
	query_len = 0;
	query_port = 0;
	if (resolv_start(&lookup.resolv, name, lookup_done, NULL))
		fuzz_fail("the lookup does not start");
	lookup.running = true;
	fuzz_advance(0);
	if (!query_port)
		fuzz_fail("no query sent");

	while (fuzz_next_record(&pos, end, &rec)) {
		fuzz_advance(fuzz_delay(rec.ctl));
		send_packet(&rec);
		fuzz_advance(0);
		if ((rec.ctl & CTL_CANCEL) && lookup.running) {
			resolv_cancel(&lookup.resolv);
			lookup.running = false;
		}
	}
	fuzz_settle();
	/* Every lookup ends by itself: the servers are asked a few
	 * times, then it gives up. */
	fuzz_assert(!lookup.running);

	if (fuzz_live_blocks() != blocks)
		fuzz_fail("%ld heap blocks left after DNS",
			  fuzz_live_blocks() - blocks);
	fuzz_heap_watch(false);
	return 0;
}
