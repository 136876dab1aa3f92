/* Unit tests for the DHCP codec: option walking and lookup (overload,
 * encapsulation, split options, malformed input), the requests we
 * build, and the settings block made from a reply. */
#include "test.h"
#include <errno.h>
#include <stdlib.h>
#include <byteswap.h>
#include <net/dhcp.h>

static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

/* A reply with the given options after the magic cookie. */
static size_t make_reply(uint8_t *buf, const void *opts, size_t len)
{
	struct dhcphdr *hdr = (struct dhcphdr *)buf;

	memset(buf, 0, DHCP_MIN_LEN);
	hdr->op = BOOTP_REPLY;
	hdr->htype = DHCP_HTYPE_ETHER;
	hdr->hlen = 6;
	memcpy(hdr->chaddr, mac, 6);
	hdr->magic = htonl(DHCP_MAGIC);
	memcpy(hdr->options, opts, len);
	return DHCP_MIN_LEN + len;
}

UNIT_TEST(dhcp_next_option_bounds)
{
	static const uint8_t good[] = { 0, 0, 1, 2, 0xaa, 0xbb, 0, 3, 0, 255,
					7, 9 };
	static const uint8_t past_end[] = { 1, 4, 1, 2, 3 };
	static const uint8_t no_len[] = { 0, 1 };
	const uint8_t *pos = good, *end = good + sizeof(good);
	struct dhcp_option opt;

	ok(dhcp_next_option(&pos, end, &opt) == 1);
	ok(opt.code == 1 && opt.len == 2 && opt.data == good + 4);
	ok(dhcp_next_option(&pos, end, &opt) == 1);
	ok(opt.code == 3 && opt.len == 0);
	/* Whatever follows the end option is not read. */
	ok(dhcp_next_option(&pos, end, &opt) == 0);
	ok(pos == end);

	pos = past_end;
	ok(dhcp_next_option(&pos, past_end + sizeof(past_end), &opt) ==
	   -EINVAL);
	pos = no_len;
	ok(dhcp_next_option(&pos, no_len + sizeof(no_len), &opt) == -EINVAL);
	/* An area without an end option simply ends. */
	pos = good + 2;
	ok(dhcp_next_option(&pos, good + 6, &opt) == 1);
	ok(dhcp_next_option(&pos, good + 6, &opt) == 0);
}

UNIT_TEST(dhcp_fetch_plain)
{
	static const uint8_t opts[] = {
		53, 1, DHCPACK,
		1, 4, 255, 255, 255, 0,
		12, 3, 'a', 'b', 'c',
		12, 2, 'd', 'e',        /* split long option (RFC 3396) */
		80, 0,                  /* present but empty */
		255 };
	uint8_t pkt[400], buf[16];
	size_t len = make_reply(pkt, opts, sizeof(opts));

	ok(dhcp_validate(pkt, len) == 0);
	ok(dhcp_fetch_option(pkt, len, 1, buf, sizeof(buf)) == 4);
	ok(buf[0] == 255 && buf[3] == 0);
	ok(dhcp_fetch_option(pkt, len, 12, buf, sizeof(buf)) == 5);
	ok_mem(buf, "abcde", 5);
	ok(dhcp_fetch_option(pkt, len, 80, buf, sizeof(buf)) == 0);
	ok(dhcp_fetch_option(pkt, len, 3, buf, sizeof(buf)) == -ENOENT);
	ok(dhcp_fetch_option(pkt, len, 0, buf, sizeof(buf)) == -ENOENT);
	ok(dhcp_fetch_option(pkt, len, 255, buf, sizeof(buf)) == -ENOENT);
	ok(dhcp_fetch_option(pkt, len, 0x10000, buf, sizeof(buf)) == -ENOENT);

	/* A short buffer gets what fits and learns the full length. */
	memset(buf, 'x', sizeof(buf));
	ok(dhcp_fetch_option(pkt, len, 12, buf, 2) == 5);
	ok_mem(buf, "abxx", 4);
	ok(dhcp_fetch_option(pkt, len, 12, NULL, 0) == 5);
}

UNIT_TEST(dhcp_fetch_encapsulated)
{
	static const uint8_t opts[] = {
		175, 9, 1, 1, 0xff,  8, 1, 1,  177, 1, 7,
		43, 6, 6, 1, 8,  71, 1, 0x42,
		175, 3, 20, 1, 2,       /* second instance of 175 */
		200, 3, 1, 5, 9,        /* sub-option running past its end */
		255 };
	uint8_t pkt[400], buf[8];
	size_t len = make_reply(pkt, opts, sizeof(opts));

	ok(dhcp_validate(pkt, len) == 0);
	ok(dhcp_fetch_option(pkt, len, DHCP_ENCAP_TAG(175, 8), buf, 8) == 1);
	ok(buf[0] == 1);
	ok(dhcp_fetch_option(pkt, len, DHCP_ENCAP_TAG(175, 1), buf, 8) == 1);
	ok((int8_t)buf[0] == -1);
	ok(dhcp_fetch_option(pkt, len, DHCP_ENCAP_TAG(175, 20), buf, 8) == 1);
	ok(buf[0] == 2);
	ok(dhcp_fetch_option(pkt, len, DHCP_ENCAP_TAG(43, 6), buf, 8) == 1);
	ok(buf[0] == 8);
	ok(dhcp_fetch_option(pkt, len, DHCP_ENCAP_TAG(43, 71), buf, 8) == 1);
	ok(buf[0] == 0x42);
	ok(dhcp_fetch_option(pkt, len, DHCP_ENCAP_TAG(175, 9), buf, 8) ==
	   -ENOENT);
	ok(dhcp_fetch_option(pkt, len, DHCP_ENCAP_TAG(60, 1), buf, 8) ==
	   -ENOENT);
	ok(dhcp_fetch_option(pkt, len, DHCP_ENCAP_TAG(200, 1), buf, 8) ==
	   -EINVAL);
	/* The outer option as a whole is still an ordinary option. */
	ok(dhcp_fetch_option(pkt, len, 175, NULL, 0) == 12);
}

/* Option 52 = 3: more options in file and then sname. */
static size_t make_overloaded(uint8_t *pkt)
{
	static const uint8_t opts[] = {
		52, 1, 3,  53, 1, DHCPOFFER,  12, 1, 'a',  255 };
	struct dhcphdr *hdr = (struct dhcphdr *)pkt;
	static const uint8_t file[] = {
		67, 9, 'b', 'o', 'o', 't', '.', 'i', 'p', 'x', 'e',
		12, 1, 'b',  255 };
	static const uint8_t sname[] = {
		66, 4, 't', 'f', 't', 'p',  12, 1, 'c',  0, 0, 255 };
	size_t len = make_reply(pkt, opts, sizeof(opts));

	memset(hdr->file, 0, sizeof(hdr->file));
	memcpy(hdr->file, file, sizeof(file));
	memcpy(hdr->sname, sname, sizeof(sname));
	return len;
}

UNIT_TEST(dhcp_overload)
{
	uint8_t pkt[400], buf[32];
	struct dhcphdr *hdr = (struct dhcphdr *)pkt;
	size_t len = make_overloaded(pkt);
	int rc;

	ok(dhcp_validate(pkt, len) == 0);
	ok(dhcp_fetch_option(pkt, len, 67, buf, sizeof(buf)) == 9);
	ok_mem(buf, "boot.ipxe", 9);
	ok(dhcp_fetch_option(pkt, len, 66, buf, sizeof(buf)) == 4);
	/* Search order: options, file, sname. */
	ok(dhcp_fetch_option(pkt, len, 12, buf, sizeof(buf)) == 3);
	ok_mem(buf, "abc", 3);

	/* The filename setting never takes a field holding options. */
	rc = dhcp_packet_setting(pkt, len, TAG_FILE, buf, sizeof(buf));
	ok(rc == 9);
	ok_mem(buf, "boot.ipxe", 9);

	/* Only the file field overloaded: sname is text again. */
	len = make_overloaded(pkt);
	hdr->options[2] = DHCP_OVERLOAD_FILE;
	ok(dhcp_validate(pkt, len) == 0);
	ok(dhcp_fetch_option(pkt, len, 66, buf, sizeof(buf)) == -ENOENT);
	ok(dhcp_fetch_option(pkt, len, 12, buf, sizeof(buf)) == 2);

	/* Without option 52 both fields are plain text. */
	len = make_overloaded(pkt);
	hdr->options[0] = 0;
	hdr->options[1] = 0;
	hdr->options[2] = 0;
	ok(dhcp_validate(pkt, len) == 0);
	ok(dhcp_fetch_option(pkt, len, 67, buf, sizeof(buf)) == -ENOENT);
	memset(hdr->file, 0, sizeof(hdr->file));
	strcpy(hdr->file, "pxelinux.0");
	rc = dhcp_packet_setting(pkt, len, TAG_FILE, buf, sizeof(buf));
	ok(rc == 10);
	ok_mem(buf, "pxelinux.0", 10);
}

UNIT_TEST(dhcp_overload_malformed)
{
	uint8_t pkt[400], buf[32];
	struct dhcphdr *hdr = (struct dhcphdr *)pkt;
	size_t len;

	/* Option 52 inside an overloaded field would name itself. */
	len = make_overloaded(pkt);
	memcpy(hdr->sname, (const uint8_t[]){ 52, 1, 2, 255 }, 4);
	ok(dhcp_validate(pkt, len) == -EINVAL);
	memcpy(hdr->sname, (const uint8_t[]){ 52, 1, 3, 255 }, 4);
	ok(dhcp_validate(pkt, len) == -EINVAL);
	len = make_overloaded(pkt);
	memcpy(hdr->file, (const uint8_t[]){ 52, 1, 1, 255 }, 4);
	ok(dhcp_validate(pkt, len) == -EINVAL);
	/* Lookups never loop on it either: option 52 is read only from
	 * the options field. */
	ok(dhcp_fetch_option(pkt, len, 66, buf, sizeof(buf)) == 4);

	/* Bad values, sizes and repeats of option 52. */
	len = make_overloaded(pkt);
	hdr->options[2] = 0;
	ok(dhcp_validate(pkt, len) == -EINVAL);
	hdr->options[2] = 4;
	ok(dhcp_validate(pkt, len) == -EINVAL);
	ok(dhcp_fetch_option(pkt, len, 53, buf, sizeof(buf)) == -EINVAL);
	len = make_reply(pkt, (const uint8_t[]){ 52, 2, 1, 0, 255 }, 5);
	ok(dhcp_validate(pkt, len) == -EINVAL);
	len = make_reply(pkt, (const uint8_t[]){ 52, 1, 1, 52, 1, 1, 255 },
			 7);
	ok(dhcp_validate(pkt, len) == -EINVAL);

	/* An option in an overloaded field running off the field's end. */
	len = make_overloaded(pkt);
	hdr->sname[62] = 12;
	hdr->sname[63] = 5;
	memset(hdr->sname + 9, 0, 53);
	ok(dhcp_validate(pkt, len) == -EINVAL);
	ok(dhcp_packet_setting(pkt, len, 12, buf, sizeof(buf)) == -ENOENT);
	len = make_overloaded(pkt);
	memset(hdr->file, 0, sizeof(hdr->file));
	hdr->file[127] = 67;
	ok(dhcp_validate(pkt, len) == -EINVAL);
}

UNIT_TEST(dhcp_validate_header)
{
	static const uint8_t opts[] = { 53, 1, DHCPOFFER, 255 };
	uint8_t pkt[400];
	struct dhcphdr *hdr = (struct dhcphdr *)pkt;
	size_t len = make_reply(pkt, opts, sizeof(opts));

	ok(dhcp_validate(pkt, len) == 0);
	ok(dhcp_validate(pkt, DHCP_MIN_LEN) == 0);
	ok(dhcp_validate(pkt, DHCP_MIN_LEN - 1) == -EINVAL);
	ok(dhcp_validate(pkt, 0) == -EINVAL);
	/* Options cut short by the end of the datagram. */
	ok(dhcp_validate(pkt, DHCP_MIN_LEN + 2) == -EINVAL);
	ok(dhcp_fetch_option(pkt, DHCP_MIN_LEN + 2, 53, NULL, 0) == -EINVAL);
	ok(dhcp_fetch_option(pkt, DHCP_MIN_LEN - 1, 53, NULL, 0) == -EINVAL);
	ok(dhcp_packet_setting(pkt, 100, TAG_YIADDR, NULL, 0) == -ENOENT);

	hdr->magic ^= 1;
	ok(dhcp_validate(pkt, len) == -EINVAL);
	hdr->magic ^= 1;
	hdr->htype = 6;
	ok(dhcp_validate(pkt, len) == -EINVAL);
	hdr->htype = DHCP_HTYPE_ETHER;
	hdr->hlen = 16;
	ok(dhcp_validate(pkt, len) == -EINVAL);
	hdr->hlen = 6;
	ok(dhcp_validate(pkt, len) == 0);
}

/* Every length of a packet's prefix must be handled without reading
 * past it (the sanitizer build checks the "without"). */
UNIT_TEST(dhcp_truncations)
{
	uint8_t full[400], buf[16];
	size_t len = make_overloaded(full), n;

	for (n = 0; n <= len; n++) {
		uint8_t *copy = malloc(n ? n : 1);

		memcpy(copy, full, n);
		dhcp_validate(copy, n);
		dhcp_fetch_option(copy, n, 12, buf, sizeof(buf));
		dhcp_fetch_option(copy, n, DHCP_ENCAP_TAG(175, 8), buf, 1);
		dhcp_packet_setting(copy, n, TAG_FILE, buf, sizeof(buf));
		dhcp_packet_setting(copy, n, 66, buf, sizeof(buf));
		free(copy);
	}
	ok(1);
}

/* An option of a request we built. */
static int req_option(const uint8_t *pkt, size_t len, unsigned int tag,
		      uint8_t *buf, size_t buflen)
{
	return dhcp_fetch_option(pkt, len, tag, buf, buflen);
}

UNIT_TEST(dhcp_discover_contents)
{
	static const uint8_t uuid[16] = {
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
	static const uint8_t want_prl[] = {
		1, 3, 6, 7, 12, 15, 17, 26, 42, 43, 60, 66, 67, 119, 121, 128,
		129, 130, 131, 132, 133, 134, 135, 175, 203, 209, 210 };
	static const uint8_t features[] = { 16, 17, 19, 21, 23, 24 };
	struct dhcp_tx_params p = {
		.type = DHCPDISCOVER,
		.xid = 0x12345678,
		.secs = 3,
		.mac = mac,
		.uuid = uuid,
	};
	uint8_t pkt[576], buf[64];
	const struct dhcphdr *hdr = (const struct dhcphdr *)pkt;
	const uint8_t *pos, *last;
	struct dhcp_option opt;
	int len, n;
	size_t i;

	len = dhcp_build_packet(pkt, sizeof(pkt), &p);
	ok(len >= BOOTP_MIN_LEN && len < 576);
	ok(hdr->op == BOOTP_REQUEST);
	ok(hdr->htype == 1 && hdr->hlen == 6 && hdr->hops == 0);
	ok(hdr->xid == 0x12345678);
	ok(hdr->secs == htons(3));
	ok(hdr->flags == 0);
	ok(!hdr->ciaddr.s_addr && !hdr->yiaddr.s_addr &&
	   !hdr->siaddr.s_addr && !hdr->giaddr.s_addr);
	ok_mem(hdr->chaddr, mac, 6);
	ok(hdr->magic == htonl(DHCP_MAGIC));
	ok(hdr->sname[0] == 0 && hdr->file[0] == 0);
	/* Well formed by our own reader's standards. */
	ok(dhcp_validate(pkt, len) == 0);

	ok(req_option(pkt, len, 53, buf, 64) == 1 && buf[0] == DHCPDISCOVER);
	ok(req_option(pkt, len, 57, buf, 64) == 2);
	ok(buf[0] == 0x05 && buf[1] == 0xc0);   /* 1472 */
	n = req_option(pkt, len, 60, buf, 64);
	ok(n == 32);
	ok_mem(buf, "PXEClient:Arch:00000:UNDI:002001", 32);
	ok(req_option(pkt, len, 93, buf, 64) == 2);
	ok(buf[0] == 0 && buf[1] == 0);
	ok(req_option(pkt, len, 94, buf, 64) == 3);
	ok(buf[0] == 1 && buf[1] == 2 && buf[2] == 1);
	ok(req_option(pkt, len, 97, buf, 64) == 17);
	ok(buf[0] == 0);
	ok_mem(buf + 1, uuid, 16);
	ok(req_option(pkt, len, 77, buf, 64) == 4);
	ok_mem(buf, "iPXE", 4);
	ok(req_option(pkt, len, 61, buf, 64) == 7);
	ok(buf[0] == 1);
	ok_mem(buf + 1, mac, 6);

	n = req_option(pkt, len, 55, buf, 64);
	ok(n >= (int)sizeof(want_prl));
	for (i = 0; i < sizeof(want_prl); i++)
		ok(n > 0 && memchr(buf, want_prl[i], n) != NULL);

	ok(req_option(pkt, len, 175, buf, 64) > 0);
	for (i = 0; i < sizeof(features); i++) {
		ok(req_option(pkt, len, DHCP_ENCAP_TAG(175, features[i]), buf,
			      64) == 1);
		ok(buf[0] == 1);
	}
	ok(req_option(pkt, len, DHCP_ENCAP_TAG(175, 235), buf, 64) == 3);

	/* Only a REQUEST names a server and an address. */
	ok(req_option(pkt, len, 50, buf, 64) == -ENOENT);
	ok(req_option(pkt, len, 54, buf, 64) == -ENOENT);
	/* The end option follows the last option. */
	pos = last = hdr->options;
	while (dhcp_next_option(&pos, pkt + len, &opt) > 0)
		last = pos;
	ok(last < pkt + len && *last == DHCP_OPT_END);

	/* Too small a buffer is refused, not overrun. */
	ok(len > BOOTP_MIN_LEN);
	ok(dhcp_build_packet(pkt, len - 1, &p) == -ENOSPC);
	ok(dhcp_build_packet(pkt, BOOTP_MIN_LEN - 1, &p) == -ENOSPC);
}

UNIT_TEST(dhcp_request_contents)
{
	static const uint8_t uuid[16] = { 0 };
	struct dhcp_tx_params p = {
		.type = DHCPREQUEST,
		.xid = 0xdeadbeef,
		.mac = mac,
		.uuid = uuid,
		.requested = { htonl(0xc612000a) },
		.server = { htonl(0xc6120001) },
	};
	uint8_t pkt[576], buf[8];
	int len = dhcp_build_packet(pkt, sizeof(pkt), &p);

	ok(len >= BOOTP_MIN_LEN);
	ok(req_option(pkt, len, 53, buf, 8) == 1 && buf[0] == DHCPREQUEST);
	ok(req_option(pkt, len, 50, buf, 8) == 4);
	ok(buf[0] == 198 && buf[1] == 18 && buf[2] == 0 && buf[3] == 10);
	ok(req_option(pkt, len, 54, buf, 8) == 4);
	ok(buf[0] == 198 && buf[3] == 1);
	ok(req_option(pkt, len, 60, NULL, 0) == 32);
	ok(req_option(pkt, len, 97, NULL, 0) == 17);
}

/* A handcrafted ACK: 198.18.0.10/24 from 198.18.0.1, next-server
 * 198.18.0.2, file field "pxelinux.0", and pxelinux/iPXE options. */
static size_t make_ack(uint8_t *pkt)
{
	static const uint8_t opts[] = {
		53, 1, DHCPACK,
		54, 4, 198, 18, 0, 1,
		1, 4, 255, 255, 255, 0,
		3, 4, 198, 18, 0, 1,
		209, 17, 'p', 'x', 'e', 'l', 'i', 'n', 'u', 'x', '.', 'c',
			 'f', 'g', '/', 'b', 'o', 'o', 't',
		175, 6, 8, 1, 1, 1, 1, 5,
		255 };
	struct dhcphdr *hdr = (struct dhcphdr *)pkt;
	size_t len = make_reply(pkt, opts, sizeof(opts));

	hdr->yiaddr.s_addr = htonl(0xc612000a);
	hdr->siaddr.s_addr = htonl(0xc6120002);
	strcpy(hdr->file, "pxelinux.0");
	return len;
}

UNIT_TEST(dhcp_settings_block)
{
	struct setting opt209 = { .name = "209", .tag = 209,
				  .type = &setting_type_string };
	struct setting keep_san = { .name = "175.8",
				    .tag = DHCP_ENCAP_TAG(175, 8),
				    .type = &setting_type_uint8 };
	struct setting opt43 = { .name = "43", .tag = 43 };
	struct setting byname = { .name = "ip" };
	struct setting ip = ip_setting, netmask = netmask_setting;
	struct setting filename = filename_setting, gateway = gateway_setting;
	struct setting next_server = next_server_setting;
	uint8_t pkt[400];
	struct settings *s;
	char text[64];
	uint8_t byte = 0;

	s = dhcp_create_settings(pkt, make_ack(pkt), DHCP_SETTINGS_ORDER);
	ok(s != NULL);
	if (!s)
		return;
	/* The block keeps its own copy. */
	memset(pkt, 0, sizeof(pkt));

	ok(fetchf_setting(s, &ip, text, sizeof(text)) > 0);
	ok_str(text, "198.18.0.10");
	ok(fetchf_setting(s, &netmask, text, sizeof(text)) > 0);
	ok_str(text, "255.255.255.0");
	ok(fetchf_setting(s, &gateway, text, sizeof(text)) > 0);
	ok_str(text, "198.18.0.1");
	ok(fetchf_setting(s, &next_server, text, sizeof(text)) > 0);
	ok_str(text, "198.18.0.2");
	ok(fetchf_setting(s, &filename, text, sizeof(text)) == 10);
	ok_str(text, "pxelinux.0");
	ok(fetchf_setting(s, &opt209, text, sizeof(text)) == 17);
	ok_str(text, "pxelinux.cfg/boot");
	ok(fetch_setting(s, &keep_san, NULL, &byte, 1) == 1 && byte == 1);
	ok(fetchf_setting(s, &keep_san, text, sizeof(text)) > 0);
	ok_str(text, "1");
	ok(fetch_setting(s, &opt43, NULL, NULL, 0) == -ENOENT);
	/* Only tags are answered; names are the table's business. */
	ok(fetch_setting(s, &byname, NULL, NULL, 0) == -ENOENT);
	/* Read-only. */
	ok(store_setting(s, &ip, "abcd", 4) < 0);
	ok(fetchf_setting(s, &ip, text, sizeof(text)) > 0);
	ok_str(text, "198.18.0.10");
	ref_put(s->refcnt);
}

UNIT_TEST(dhcp_proxy_block_order)
{
	static const uint8_t proxy_opts[] = {
		53, 1, DHCPACK,
		54, 4, 198, 18, 0, 5,
		60, 9, 'P', 'X', 'E', 'C', 'l', 'i', 'e', 'n', 't',
		67, 10, 'p', 'r', 'o', 'x', 'y', '.', 'k', 'p', 'x', 'e',
		255 };
	struct generic_settings dev;
	struct setting ip = ip_setting, filename = filename_setting;
	struct setting netmask = netmask_setting;
	struct setting server = { .name = "54", .tag = 54,
				  .type = &setting_type_ipv4 };
	struct settings *dhcp, *proxy;
	uint8_t pkt[400];
	char text[64];
	size_t len;

	len = make_ack(pkt);
	ok(!dhcp_is_proxy_offer(pkt, len));
	dhcp = dhcp_create_settings(pkt, len, DHCP_SETTINGS_ORDER);
	len = make_reply(pkt, proxy_opts, sizeof(proxy_opts));
	ok(dhcp_is_proxy_offer(pkt, len));
	proxy = dhcp_create_settings(pkt, len, PROXYDHCP_SETTINGS_ORDER);
	ok(dhcp && proxy);
	if (!dhcp || !proxy)
		return;

	generic_settings_init(&dev, NULL);
	ok(register_settings(dhcp, &dev.settings, "dhcp") == 0);
	ok(register_settings(proxy, &dev.settings, "proxydhcp") == 0);
	ref_put(dhcp->refcnt);
	ref_put(proxy->refcnt);

	/* The ProxyDHCP filename wins; the address comes from DHCP. */
	ok(fetchf_setting(&dev.settings, &filename, text, sizeof(text)) > 0);
	ok_str(text, "proxy.kpxe");
	ok(fetchf_setting(&dev.settings, &ip, text, sizeof(text)) > 0);
	ok_str(text, "198.18.0.10");
	ok(fetchf_setting(&dev.settings, &netmask, text, sizeof(text)) > 0);
	ok_str(text, "255.255.255.0");
	ok(fetchf_setting(&dev.settings, &server, text, sizeof(text)) > 0);
	ok_str(text, "198.18.0.5");

	unregister_settings(proxy);
	unregister_settings(dhcp);
}
