/* Fuzz DHCP replies: the option codec (net/dhcpopts.c), the settings
 * block made from a reply, and the client itself (net/dhcp.c) running
 * on the fake device.
 *
 * Input: records (see fuzz.h), one BOOTP/DHCP packet each.  Every
 * packet goes, copied into a block of its exact size, through
 * dhcp_validate(), dhcp_fetch_option() for plain, encapsulated and
 * overloaded options with buffers of every critical size,
 * dhcp_packet_setting() and a settings block answering formatted
 * fetches of every type.  Then it is sent to a running client as a
 * reply to broadcast address, port 68.  ctl bits 0-2 pause before it;
 * bit 3 leaves the transaction id and client address as they are
 * (otherwise they are set to the client's, so that the reply counts);
 * bits 4-5 choose the sender: 198.18.0.1 or 198.18.0.5, from port 67
 * or 4011.
 *
 * The client must have finished once every timer has run out, a lease
 * must leave the device with an address, and nothing may stay
 * allocated once its blocks are gone. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <byteswap.h>
#include <net/dhcp.h>
#include <net/ip.h>
#include "fuzz.h"

#define CTL_RAW 0x08
#define CTL_SENDER(ctl) (((ctl) >> 4) & 3)

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_heap_watch(true);
	fuzz_netdev();
	fuzz_heap_watch(false);
	return 0;
}

/* ---- the codec ---- */

static const unsigned int option_tags[] = {
	DHCP_OPT_NETMASK, DHCP_OPT_ROUTERS, DHCP_OPT_DNS, DHCP_OPT_HOSTNAME,
	DHCP_OPT_ROOT_PATH, DHCP_OPT_VENDOR, DHCP_OPT_OVERLOAD,
	DHCP_OPT_MSG_TYPE, DHCP_OPT_SERVER_ID, DHCP_OPT_VENDOR_CLASS,
	DHCP_OPT_TFTP_SERVER, DHCP_OPT_BOOTFILE, DHCP_OPT_EB,
	DHCP_OPT_PXELINUX_CONFIG, DHCP_OPT_PXELINUX_PREFIX, 0x7f, 0xfe,
	DHCP_ENCAP_TAG(DHCP_OPT_EB, EB_OPT_PRIORITY),
	DHCP_ENCAP_TAG(DHCP_OPT_EB, EB_OPT_KEEP_SAN),
	DHCP_ENCAP_TAG(DHCP_OPT_EB, EB_OPT_NO_PXEDHCP),
	DHCP_ENCAP_TAG(DHCP_OPT_EB, EB_OPT_VERSION),
	DHCP_ENCAP_TAG(DHCP_OPT_VENDOR, 6),
	DHCP_ENCAP_TAG(DHCP_OPT_VENDOR, 71),
	DHCP_ENCAP_TAG(DHCP_OPT_OVERLOAD, 1),
	DHCP_ENCAP_TAG(0xfe, 0xfe),
	/* Never present: reserved codes and tags out of range. */
	DHCP_OPT_PAD, DHCP_OPT_END, DHCP_ENCAP_TAG(DHCP_OPT_END, 1),
	0x10000,
};

static const unsigned int setting_tags[] = {
	TAG_YIADDR, TAG_SIADDR, TAG_FILE, DHCP_OPT_BOOTFILE,
	DHCP_OPT_TFTP_SERVER, DHCP_OPT_NETMASK, DHCP_OPT_OVERLOAD,
	DHCP_ENCAP_TAG(DHCP_OPT_EB, EB_OPT_KEEP_SAN),
};

/* fetch reports the full length n; the same call must report n again
 * into a buffer of exactly n bytes and of n - 1 bytes (an overrun of
 * either hits the end of its heap block). */
static void check_sizes(int (*fetch)(const void *, size_t, unsigned int,
				     void *, size_t),
			const void *pkt, size_t len, unsigned int tag)
{
	int n = fetch(pkt, len, tag, NULL, 0);
	uint8_t *buf;

	fuzz_assert(n >= 0 || n == -ENOENT || n == -EINVAL || n == -ENOMEM);
	if (n <= 0)
		return;
	buf = malloc(n);
	fuzz_assert(buf != NULL);
	fuzz_assert(fetch(pkt, len, tag, buf, n) == n);
	free(buf);
	buf = malloc(n - 1 ? n - 1 : 1);
	fuzz_assert(buf != NULL);
	fuzz_assert(fetch(pkt, len, tag, buf, n - 1) == n);
	free(buf);
}

/* What the settings layer shows of a reply: the fields with their own
 * tags, and options in every type. */
static const char expansion[] =
	"${fzdhcp/ip} ${fzdhcp/next-server} ${fzdhcp/filename} "
	"${fzdhcp/66} ${fzdhcp/netmask} ${fzdhcp/175.1:int8} "
	"${fzdhcp/175.8:uint8} ${fzdhcp/26:int16} ${fzdhcp/51:uint32} "
	"${fzdhcp/43.6:hexhyp} ${fzdhcp/61:hex} ${fzdhcp/97:uuid}";

static void check_codec(const uint8_t *data, size_t len)
{
	uint8_t *pkt = fuzz_dup(data, len);
	bool valid = dhcp_validate(pkt, len) == 0;
	struct settings *s;
	char *text;
	unsigned int i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(option_tags); i++) {
		check_sizes(dhcp_fetch_option, pkt, len, option_tags[i]);
		/* A valid packet's options are all well formed; only what
		 * is inside an encapsulating option may not be. */
		rc = dhcp_fetch_option(pkt, len, option_tags[i], NULL, 0);
		if (valid && option_tags[i] <= 0xff && rc == -EINVAL)
			fuzz_fail("option %u of a valid packet is malformed",
				  option_tags[i]);
	}
	for (i = 0; i < ARRAY_SIZE(setting_tags); i++)
		check_sizes(dhcp_packet_setting, pkt, len, setting_tags[i]);
	dhcp_is_proxy_offer(pkt, len);

	s = dhcp_create_settings(pkt, len, DHCP_SETTINGS_ORDER);
	fuzz_assert(s != NULL);
	free(pkt);
	fuzz_assert(register_settings(s, NULL, "fzdhcp") == 0);
	ref_put(s->refcnt);
	text = expand_settings(expansion);
	fuzz_assert(text != NULL);
	free(text);
	fuzz_assert(store_setting(s, &ip_setting, "abcd", 4) != 0);
	unregister_settings(s);
}

/* ---- the client ---- */

static bool have_xid;
static uint8_t client_xid[4];

/* Learn the transaction id from what the client sends. */
static void watch_tx(const uint8_t *frame, size_t len)
{
	const uint8_t *payload;
	uint16_t sport, dport;
	size_t plen;

	if (fuzz_parse_udp(frame, len, &sport, &dport, &payload, &plen) &&
	    sport == DHCP_CLIENT_PORT && plen >= DHCP_MIN_LEN &&
	    payload[0] == BOOTP_REQUEST) {
		memcpy(client_xid, payload + 4, 4);
		have_xid = true;
	}
}

static void send_reply(const struct fuzz_record *rec)
{
	static const uint16_t ports[4] = {
		DHCP_SERVER_PORT, DHCP_SERVER_PORT, PXE_SERVER_PORT,
		PXE_SERVER_PORT
	};
	static const uint8_t hosts[4] = { 1, 5, 5, 1 };
	struct in_addr bcast = { INADDR_BROADCAST };
	unsigned int who = CTL_SENDER(rec->ctl);
	uint8_t *pkt = fuzz_dup(rec->data, rec->len), *frame;
	size_t size = rec->len + 64, n;

	if (!(rec->ctl & CTL_RAW) && rec->len >= DHCP_MIN_LEN) {
		struct dhcphdr *hdr = (struct dhcphdr *)pkt;

		if (have_xid)
			memcpy(&hdr->xid, client_xid, 4);
		memcpy(hdr->chaddr, fuzz_our_mac, 6);
	}
	frame = malloc(size);
	fuzz_assert(frame != NULL);
	n = fuzz_udp_frame(frame, size, fuzz_ip(hosts[who]), bcast,
			   ports[who], DHCP_CLIENT_PORT, pkt, rec->len);
	if (n)
		fuzz_inject(frame, n);
	free(frame);
	free(pkt);
}

/* Take the client's blocks away, as a new DHCP run would. */
static void forget_lease(struct net_device *netdev)
{
	static const char *const names[] = { "dhcp", "proxydhcp" };
	char path[32];
	struct settings *s;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(path, sizeof(path), "%s.%s", netdev->name, names[i]);
		s = find_settings(path);
		if (s)
			unregister_settings(s);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *pos = data, *end = data + size;
	struct net_device *netdev = fuzz_netdev();
	struct fuzz_record rec;
	struct job job;
	uint32_t addr;
	long blocks;

	fuzz_heap_watch(true);
	blocks = fuzz_live_blocks();
	fuzz_tx_hook = watch_tx;
	have_xid = false;
	job_init(&job, NULL);
	if (start_dhcp(&job, netdev) != 0)
		fuzz_fail("DHCP does not start: %d", job.rc);
	fuzz_assert(have_xid);

	while (fuzz_next_record(&pos, end, &rec)) {
		check_codec(rec.data, rec.len);
		fuzz_advance(fuzz_delay(rec.ctl));
		send_reply(&rec);
	}
	fuzz_settle();
	if (!job.done)
		fuzz_fail("DHCP still running after every timeout");
	if (job.rc == 0 &&
	    fetch_ipv4_setting(netdev_settings(netdev), &ip_setting,
			       &addr) != 4)
		fuzz_fail("DHCP succeeded without an address");

	forget_lease(netdev);
	fuzz_tx_hook = NULL;
	if (fuzz_live_blocks() != blocks)
		fuzz_fail("%ld heap blocks left after DHCP",
			  fuzz_live_blocks() - blocks);
	fuzz_heap_watch(false);
	return 0;
}
