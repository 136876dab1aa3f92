/* Unit tests for the network stack: the Internet checksum against RFC
 * 1071's example and a plain reference sum, IPv4 address text, and
 * Ethernet, ARP, IPv4, UDP and ICMP driven through a test device whose
 * transmit captures frames and whose receive is fed by hand. */
#include <stdlib.h>
#include <cxboot/settings.h>
#include <net/ethernet.h>
#include <net/ip.h>
#include <net/udp.h>
#include <net/icmp.h>
#include "test.h"
#include "testdev.h"

/* ---- checksum and addresses ---- */

/* The checksum the slow way: big-endian 16-bit words, end-around carry,
 * a trailing byte as the high half of a word (RFC 1071 section 4). */
static uint16_t ref_chksum(uint16_t partial, const uint8_t *p, size_t len)
{
	uint32_t sum = (uint16_t)~partial;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum;
}

UNIT_TEST(net_chksum)
{
	/* RFC 1071 section 3: these bytes sum to ddf2. */
	static const uint8_t rfc[] = {
		0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7
	};
	/* An IPv4 header as seen on a wire, checksum b861. */
	static const uint8_t iphdr[] = {
		0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
		0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7
	};
	uint8_t buf[300], hdr[20], big[1600];
	size_t len, split;
	bool all = true;
	unsigned int i;

	ok(ntohs(tcpip_chksum(rfc, sizeof(rfc))) == (uint16_t)~0xddf2);
	/* Odd length: 0001 + f200 */
	ok(ntohs(tcpip_chksum(rfc, 3)) == (uint16_t)~0xf201);
	ok(ntohs(tcpip_chksum(rfc, 1)) == 0xffff);
	ok(tcpip_chksum(rfc, 0) == 0xffff);
	/* Any alignment */
	memcpy(buf + 1, rfc, sizeof(rfc));
	ok(ntohs(tcpip_chksum(buf + 1, sizeof(rfc))) == (uint16_t)~0xddf2);

	/* A header holding its checksum verifies to 0. */
	ok(tcpip_chksum(iphdr, sizeof(iphdr)) == 0);
	memcpy(hdr, iphdr, sizeof(hdr));
	hdr[10] = hdr[11] = 0;
	ok(ntohs(tcpip_chksum(hdr, sizeof(hdr))) == 0xb861);

	/* Continuing from a partial at every even split equals one shot,
	 * including an odd tail after the split. */
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = i * 37 + 11;
	for (len = 0; len <= 41; len++) {
		for (split = 0; split <= len; split += 2) {
			uint16_t one = tcpip_chksum(buf, len);
			uint16_t two = tcpip_continue_chksum(
				tcpip_chksum(buf, split), buf + split,
				len - split);

			all &= one == two;
		}
	}
	ok(all);

	/* Every length and offset, and odd and even partials, against
	 * the reference. */
	all = true;
	for (len = 0; len < 260; len++) {
		for (i = 0; i < 4; i++) {
			uint16_t partial = 0x1234 + i * 0x4321 + len;

			all &= ntohs(tcpip_continue_chksum(htons(partial),
							   buf + i, len)) ==
			       ref_chksum(partial, buf + i, len);
		}
	}
	ok(all);
	/* All ones: the sum is "negative zero" and stays so. */
	memset(buf, 0xff, 64);
	ok(tcpip_chksum(buf, 64) == 0);
	ok(ntohs(tcpip_chksum(buf, 64)) == ref_chksum(0xffff, buf, 64));

	/* Frame-sized runs, where the wide words carry most: all ones and
	 * a pattern, every tail length and both parities of start. */
	all = true;
	for (i = 0; i < 2; i++) {
		memset(big, 0xff, sizeof(big));
		if (i)
			for (len = 0; len < sizeof(big); len++)
				big[len] = len * 151 + 7;
		for (len = 1400; len < 1600 - 1; len++)
			all &= ntohs(tcpip_continue_chksum(htons(0xfffe),
							   big + (len & 1),
							   len)) ==
			       ref_chksum(0xfffe, big + (len & 1), len);
	}
	ok(all);
}

UNIT_TEST(net_inet)
{
	static const char *const bad[] = {
		"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1..2.3", "a.b.c.d",
		"1.2.3.4 ", " 1.2.3.4", "1.2.3.-4", "0001.2.3.4", "1.2.3.",
		".1.2.3", "1.2.3.4x", "1.2.3.999",
	};
	struct in_addr a, b;
	unsigned int i;

	ok(inet_aton("198.18.0.1", &a) == 1);
	ok(a.s_addr == htonl(0xc6120001));
	ok_str(inet_ntoa(a), "198.18.0.1");
	ok(inet_aton("0.0.0.0", &a) == 1 && a.s_addr == 0);
	ok(inet_aton("255.255.255.255", &a) == 1 &&
	   a.s_addr == INADDR_BROADCAST);
	ok_str(inet_ntoa(a), "255.255.255.255");
	ok(inet_aton("10.0.200.7", &b) == 1);
	/* Two in one call keep their own buffers. */
	ok(strcmp(inet_ntoa(a), inet_ntoa(b)) != 0);
	a.s_addr = 0x01020304;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		ok(inet_aton(bad[i], &a) == 0);
		ok(a.s_addr == 0x01020304);
	}
}

/* ---- the test device ---- */

static struct net_device *nd;
static const uint8_t our_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t peer_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 };
static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t our_ip[4] = { 198, 18, 0, 10 };
static const uint8_t peer_ip[4] = { 198, 18, 0, 2 };

static struct in_addr ip4(const uint8_t *b)
{
	struct in_addr a;

	memcpy(&a, b, 4);
	return a;
}

static unsigned long stat_of(const char *name, bool drop)
{
	for_each_table_entry(s, proto_stats, struct proto_stats) {
		if (strcmp(s->name, name) == 0)
			return drop ? s->drop : s->rx;
	}
	return ~0UL;
}

static uint16_t get16(const uint8_t *p)
{
	return p[0] << 8 | p[1];
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static size_t put_eth(uint8_t *f, const uint8_t *dest, const uint8_t *src,
		      uint16_t type)
{
	memcpy(f, dest, 6);
	memcpy(f + 6, src, 6);
	put16(f + 12, type);
	return 14;
}

static size_t put_ip(uint8_t *p, size_t payload, uint8_t proto,
		     uint16_t ident, uint16_t frags, const uint8_t *src,
		     const uint8_t *dest)
{
	memset(p, 0, 20);
	p[0] = 0x45;
	put16(p + 2, 20 + payload);
	put16(p + 4, ident);
	put16(p + 6, frags);
	p[8] = 64;
	p[9] = proto;
	memcpy(p + 12, src, 4);
	memcpy(p + 16, dest, 4);
	memcpy(p + 10, (uint16_t[]){ tcpip_chksum(p, 20) }, 2);
	return 20;
}

/* A UDP datagram with its checksum, built from first principles. */
static size_t put_udp(uint8_t *p, uint16_t sport, uint16_t dport,
		      const void *data, size_t len, const uint8_t *src,
		      const uint8_t *dest)
{
	uint8_t ps[12 + 8 + 256];
	uint16_t sum;

	put16(p, sport);
	put16(p + 2, dport);
	put16(p + 4, 8 + len);
	put16(p + 6, 0);
	memcpy(p + 8, data, len);
	memcpy(ps, src, 4);
	memcpy(ps + 4, dest, 4);
	ps[8] = 0;
	ps[9] = IP_UDP;
	put16(ps + 10, 8 + len);
	memcpy(ps + 12, p, 8 + len);
	sum = tcpip_chksum(ps, 12 + 8 + len);
	memcpy(p + 6, &sum, 2);
	return 8 + len;
}

/* Whether a UDP segment's checksum verifies with its pseudo-header. */
static bool udp_sum_ok(const uint8_t *udp, const uint8_t *src,
		       const uint8_t *dest)
{
	uint8_t ps[12 + 1500];
	size_t len = get16(udp + 4);

	memcpy(ps, src, 4);
	memcpy(ps + 4, dest, 4);
	ps[8] = 0;
	ps[9] = IP_UDP;
	put16(ps + 10, len);
	memcpy(ps + 12, udp, len);
	return tcpip_chksum(ps, 12 + len) == 0;
}

static struct {
	unsigned int calls;
	uint8_t data[256];
	size_t len;
	struct udp_rx_info info;
} got;

static void test_udp_rx(struct udp_conn *conn, struct io_buffer *iob,
			const struct udp_rx_info *info)
{
	got.calls++;
	got.len = MIN(iob_len(iob), sizeof(got.data));
	memcpy(got.data, iob->data, got.len);
	got.info = *info;
	free_iob(iob);
}

static struct icmp_echo_reply echo_got;
static unsigned int echo_calls;

static void test_echo_reply(const struct icmp_echo_reply *r)
{
	echo_got = *r;
	echo_calls++;
}

static void store_ip(const struct setting *setting, const char *text)
{
	struct in_addr a;

	inet_aton(text, &a);
	store_setting(netdev_settings(nd), setting, &a, 4);
}

/* Expand text with "@" standing for the device's name. */
static const char *expand_dev(const char *text)
{
	static char out[64];
	char in[64], *res;
	const char *at = strchr(text, '@');

	snprintf(in, sizeof(in), "%.*s%s%s", (int)(at - text), text, nd->name,
		 at + 1);
	res = expand_settings(in);
	snprintf(out, sizeof(out), "%s", res ? res : "(null)");
	free(res);
	return out;
}

/* Registration, settings, open and close, link state. */
static void check_device(void)
{
	struct setting foo = { .name = "foo" };
	struct io_buffer *iob;
	unsigned long drops;
	char *res;

	ok(strncmp(nd->name, "net", 3) == 0);
	ok(find_netdev(nd->name) == nd);
	ok(find_settings(nd->name) == netdev_settings(nd));
	ok_mem(nd->ll_addr, our_mac, 6);
	ok_str(expand_dev("${@/mac}"), "02:00:00:00:00:01");
	ok_str(expand_dev("${@/mac:hexhyp}"), "02-00-00-00-00-01");
	ok_str(expand_dev("${@/chip}"), "testnic");
	ok_str(expand_dev("${@/bustype}"), "test");
	ok_str(expand_dev("${@/busloc}"), "bus:1");
	ok_str(expand_dev("${@/ifname}"), nd->name);
	/* Anything else goes to the block's own store. */
	ok(storef_setting(netdev_settings(nd), &foo, "bar") == 0);
	ok_str(expand_dev("${@/foo}"), "bar");
	delete_setting(netdev_settings(nd), &foo);
	ok_str(expand_dev("${@/foo}"), "");

	/* Closed: nothing leaves. */
	iob = alloc_iob(64);
	iob_put(iob, 60);
	ok(netdev_tx(nd, iob) == -ENETUNREACH);
	ok(nd->stats.tx_err == 1);
	ok(netdev_open(nd) == 0);
	ok(netdev_is_open(nd));
	ok(last_opened_netdev() == nd);
	ok(find_netdev("netX") == nd);
	res = expand_settings("${netX/ifname}");
	ok_str(res, nd->name);
	free(res);

	/* Link down: nothing leaves either. */
	netdev_link_down(nd);
	iob = alloc_iob(64);
	iob_put(iob, 60);
	ok(netdev_tx(nd, iob) == -ENETDOWN);
	ok(nd->stats.tx_err == 2);
	netdev_link_up(nd);

	/* Closing drops what was received but not yet processed. */
	iob = alloc_iob(64);
	iob_put(iob, 60);
	netdev_rx(nd, iob);
	drops = nd->stats.rx_drop;
	netdev_close(nd);
	ok(list_empty(&nd->rx_queue));
	ok(nd->stats.rx_drop == drops + 1);
	ok(netdev_open(nd) == 0);
}

/* Addresses from settings, classful masks, gateways, a lease block. */
static void check_routes(void)
{
	static struct generic_settings lease;
	struct ipv4_route route;
	struct in_addr a, m, g, far;

	inet_aton("203.0.113.9", &far);
	ok(ipv4_route_info(nd, &a, &m, &g) == -ENOENT);
	ok(ipv4_route(ip4(peer_ip), nd, &route) == -ENETUNREACH);
	store_ip(&ip_setting, "10.1.2.3");
	ok(ipv4_route_info(nd, &a, &m, &g) == 0);
	ok_str(inet_ntoa(a), "10.1.2.3");
	ok_str(inet_ntoa(m), "255.0.0.0");
	ok(g.s_addr == 0);
	store_ip(&ip_setting, "172.16.1.1");
	ipv4_route_info(nd, &a, &m, &g);
	ok_str(inet_ntoa(m), "255.255.0.0");
	store_ip(&ip_setting, "198.18.0.10");
	ipv4_route_info(nd, &a, &m, &g);
	ok_str(inet_ntoa(m), "255.255.255.0");
	store_ip(&netmask_setting, "255.255.255.0");

	ok(ipv4_route(ip4(peer_ip), NULL, &route) == 0);
	ok(route.netdev == nd);
	ok(route.nexthop.s_addr == ip4(peer_ip).s_addr);
	ok(route.src.s_addr == ip4(our_ip).s_addr);
	ok(ipv4_route(far, nd, &route) == -ENETUNREACH);
	store_ip(&gateway_setting, "198.18.0.1");
	ok(ipv4_route(far, nd, &route) == 0);
	ok_str(inet_ntoa(route.nexthop), "198.18.0.1");
	ipv4_route_info(nd, &a, &m, &g);
	ok_str(inet_ntoa(g), "198.18.0.1");
	delete_setting(netdev_settings(nd), &gateway_setting);
	ok(ipv4_route(far, nd, &route) == -ENETUNREACH);
	a.s_addr = INADDR_BROADCAST;
	ok(ipv4_route(a, nd, &route) == 0);
	ok(route.nexthop.s_addr == INADDR_BROADCAST);

	ok(ipv4_is_local(ip4(our_ip)));
	ok(!ipv4_is_local(ip4(peer_ip)));
	inet_aton("198.18.0.255", &a);
	ok(ipv4_is_local(a));

	/* A lease below the device's block counts, and a value set on the
	 * device itself wins over it. */
	generic_settings_init(&lease, NULL);
	ok(register_settings(&lease.settings, netdev_settings(nd),
			     "testlease") == 0);
	inet_aton("198.18.0.77", &a);
	store_setting(&lease.settings, &ip_setting, &a, 4);
	ok_str(inet_ntoa(ipv4_netdev_addr(nd)), "198.18.0.10");
	delete_setting(netdev_settings(nd), &ip_setting);
	ok_str(inet_ntoa(ipv4_netdev_addr(nd)), "198.18.0.77");
	unregister_settings(&lease.settings);
	generic_settings_ops.clear(&lease.settings);
	ok(ipv4_netdev_addr(nd).s_addr == 0);
	store_ip(&ip_setting, "198.18.0.10");
}

static struct udp_conn c1, c3;

static void check_arp_request(const uint8_t *f, const uint8_t *target)
{
	const uint8_t *a = f + 14;
	static const uint8_t zero[6];

	ok_mem(f, bcast, 6);
	ok_mem(f + 6, our_mac, 6);
	ok(get16(f + 12) == 0x0806);
	ok(get16(a) == 1);
	ok(get16(a + 2) == 0x0800);
	ok(a[4] == 6 && a[5] == 4);
	ok(get16(a + 6) == 1);
	ok_mem(a + 8, our_mac, 6);
	ok_mem(a + 14, our_ip, 4);
	ok_mem(a + 18, zero, 6);
	ok_mem(a + 24, target, 4);
}

static size_t put_arp(uint8_t *f, const uint8_t *ll_dest, unsigned int op,
		      const uint8_t *tha, const uint8_t *tpa)
{
	uint8_t *a = f + put_eth(f, ll_dest, peer_mac, 0x0806);

	put16(a, 1);
	put16(a + 2, 0x0800);
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, op);
	memcpy(a + 8, peer_mac, 6);
	memcpy(a + 14, peer_ip, 4);
	memcpy(a + 18, tha, 6);
	memcpy(a + 24, tpa, 4);
	return 14 + 28;
}

/* The IPv4/UDP frame we sent to the peer, carrying text. */
static void check_udp_frame(const uint8_t *f, const char *text)
{
	const uint8_t *ip = f + 14, *u = f + 34;
	size_t len = strlen(text);

	ok_mem(f, peer_mac, 6);
	ok_mem(f + 6, our_mac, 6);
	ok(get16(f + 12) == 0x0800);
	ok(ip[0] == 0x45);
	ok(get16(ip + 2) == 20 + 8 + len);
	ok((get16(ip + 6) & 0x3fff) == 0);
	ok(ip[8] > 0);
	ok(ip[9] == IP_UDP);
	ok(tcpip_chksum(ip, 20) == 0);
	ok_mem(ip + 12, our_ip, 4);
	ok_mem(ip + 16, peer_ip, 4);
	ok(get16(u) == c1.local_port);
	ok(get16(u + 2) == 69);
	ok(get16(u + 4) == 8 + len);
	ok(get16(u + 6) != 0);
	ok(udp_sum_ok(u, our_ip, peer_ip));
	ok_mem(u + 8, text, len);
}

static int send_text(const char *text)
{
	struct io_buffer *iob = udp_alloc_iob(strlen(text));

	memcpy(iob_put(iob, strlen(text)), text, strlen(text));
	return udp_tx(&c1, iob, ip4(peer_ip), 69, NULL);
}

/* Ports, ARP resolution with queued packets, ARP answers. */
static void check_arp_udp(void)
{
	static const uint8_t zero[6];
	static const uint8_t other_ip[4] = { 198, 18, 0, 99 };
	struct udp_conn c2;
	uint8_t fr[64];
	const uint8_t *a;

	ok(udp_open(&c1, 0, test_udp_rx) == 0);
	ok(c1.local_port >= 49152);
	ok(udp_open(&c2, c1.local_port, test_udp_rx) == -EADDRINUSE);
	ok(udp_open(&c2, 0, test_udp_rx) == 0);
	ok(c2.local_port != c1.local_port && c2.local_port >= 49152);
	udp_close(&c2);
	ok(udp_open(&c3, 7777, test_udp_rx) == 0);
	ok(udp_open(&c2, 7777, test_udp_rx) == -EADDRINUSE);

	/* The first packet to the peer asks who it is and waits. */
	test_ncap = 0;
	ok(send_text("hello") == 0);
	ok(test_ncap == 1);
	ok(test_cap[0].len == 60);   /* padded to the Ethernet minimum */
	check_arp_request(test_cap[0].data, peer_ip);
	ok(send_text("world") == 0);
	ok(test_ncap == 1);

	/* The answer releases both, in order. */
	test_inject(nd, fr, put_arp(fr, our_mac, 2, our_mac, our_ip));
	ok(test_ncap == 3);
	check_udp_frame(test_cap[1].data, "hello");
	check_udp_frame(test_cap[2].data, "world");
	/* Resolved now: straight out. */
	ok(send_text("again") == 0);
	ok(test_ncap == 4);
	check_udp_frame(test_cap[3].data, "again");

	/* A request for our address is answered to the asker. */
	test_inject(nd, fr, put_arp(fr, bcast, 1, zero, our_ip));
	ok(test_ncap == 5);
	a = test_cap[4].data + 14;
	ok_mem(test_cap[4].data, peer_mac, 6);
	ok(get16(test_cap[4].data + 12) == 0x0806);
	ok(get16(a + 6) == 2);
	ok_mem(a + 8, our_mac, 6);
	ok_mem(a + 14, our_ip, 4);
	ok_mem(a + 18, peer_mac, 6);
	ok_mem(a + 24, peer_ip, 4);
	/* One for another address is not. */
	test_inject(nd, fr, put_arp(fr, bcast, 1, zero, other_ip));
	ok(test_ncap == 5);
}

static uint8_t dgram[8 + 40], payload[40];

/* An IPv4 frame from the peer; data[0..len) at fragment offset off. */
static void send_ip(uint16_t ident, uint16_t frags, const uint8_t *dest,
		    const void *data, size_t len, size_t extra)
{
	uint8_t fr[14 + 20 + 100];
	size_t n = put_eth(fr, our_mac, peer_mac, 0x0800);

	n += put_ip(fr + n, len, IP_UDP, ident, frags, peer_ip, dest);
	memcpy(fr + n, data, len);
	memset(fr + n + len, 0xee, extra);
	test_inject(nd, fr, n + len + extra);
}

static void send_frag(uint16_t ident, size_t off, size_t len, bool more)
{
	send_ip(ident, (more ? IP_MF : 0) | off / 8, our_ip, dgram + off, len,
		0);
}

static bool got_payload(void)
{
	return got.calls == 1 && got.len == sizeof(payload) &&
	       memcmp(got.data, payload, sizeof(payload)) == 0;
}

/* Reception: whole, padded, fragmented, and the ways to be dropped. */
static void check_rx(void)
{
	uint8_t fr[100], bad[sizeof(dgram)];
	unsigned long drops, udp_drops, rx_drop;
	unsigned int i;

	for (i = 0; i < sizeof(payload); i++)
		payload[i] = i + 100;
	put_udp(dgram, 4000, 7777, payload, sizeof(payload), peer_ip, our_ip);

	got.calls = 0;
	send_ip(1, 0, our_ip, dgram, sizeof(dgram), 0);
	ok(got_payload());
	ok(got.info.sport == 4000 && got.info.dport == 7777);
	ok(got.info.src.s_addr == ip4(peer_ip).s_addr);
	ok(got.info.dest.s_addr == ip4(our_ip).s_addr);
	ok(got.info.netdev == nd);
	/* Bytes after the IP length (link padding) are ignored. */
	got.calls = 0;
	send_ip(2, 0, our_ip, dgram, sizeof(dgram), 7);
	ok(got_payload());

	/* Three fragments, last first. */
	got.calls = 0;
	send_frag(0x4242, 32, 16, false);
	ok(got.calls == 0);
	send_frag(0x4242, 0, 16, true);
	ok(got.calls == 0);
	send_frag(0x4242, 16, 16, true);
	ok(got_payload());

	/* Overlapping pieces spoil the datagram. */
	got.calls = 0;
	drops = stat_of("ipv4", true);
	send_frag(0x4343, 0, 24, true);
	send_frag(0x4343, 16, 16, true);
	send_frag(0x4343, 32, 16, false);
	ok(got.calls == 0);
	ok(stat_of("ipv4", true) > drops);
	/* A piece past the largest datagram is refused; so is a middle
	 * piece that is not a multiple of 8 bytes. */
	drops = stat_of("ipv4", true);
	send_ip(0x4444, IP_FRAG_OFFSET, our_ip, dgram, 16, 0);
	send_ip(0x4545, IP_MF, our_ip, dgram, 12, 0);
	ok(stat_of("ipv4", true) == drops + 2);
	/* The abandoned one above still completes if the rest comes. */
	got.calls = 0;
	send_frag(0x4343, 0, 16, true);
	send_frag(0x4343, 16, 16, true);
	ok(got_payload());

	/* A bad header checksum is dropped and counted. */
	got.calls = 0;
	drops = stat_of("ipv4", true);
	i = put_eth(fr, our_mac, peer_mac, 0x0800);
	i += put_ip(fr + i, sizeof(dgram), IP_UDP, 9, 0, peer_ip, our_ip);
	memcpy(fr + i, dgram, sizeof(dgram));
	fr[14 + 10] ^= 0x55;
	test_inject(nd, fr, i + sizeof(dgram));
	ok(got.calls == 0);
	ok(stat_of("ipv4", true) == drops + 1);

	/* Not our address. */
	send_ip(10, 0, (const uint8_t[]){ 198, 18, 0, 99 }, dgram,
		sizeof(dgram), 0);
	ok(got.calls == 0);
	ok(stat_of("ipv4", true) == drops + 2);
	/* Directed broadcast is ours: IPv4 takes it, and UDP then finds
	 * the checksum was made for our_ip. */
	udp_drops = stat_of("udp", true);
	send_ip(11, 0, (const uint8_t[]){ 198, 18, 0, 255 }, dgram,
		sizeof(dgram), 0);
	ok(got.calls == 0);
	ok(stat_of("ipv4", true) == drops + 2);
	ok(stat_of("udp", true) == udp_drops + 1);

	/* UDP: bad checksum, no checksum, unknown port. */
	drops = stat_of("udp", true);
	memcpy(bad, dgram, sizeof(bad));
	bad[20] ^= 1;
	send_ip(12, 0, our_ip, bad, sizeof(bad), 0);
	ok(got.calls == 0);
	ok(stat_of("udp", true) == drops + 1);
	bad[6] = bad[7] = 0;
	send_ip(13, 0, our_ip, bad, sizeof(bad), 0);
	ok(got.calls == 1);
	memcpy(bad, dgram, sizeof(bad));
	put16(bad + 2, 7778);
	send_ip(14, 0, our_ip, bad, sizeof(bad), 0);
	ok(got.calls == 1);
	ok(stat_of("udp", true) == drops + 2);
	/* A UDP length beyond the packet. */
	memcpy(bad, dgram, sizeof(bad));
	put16(bad + 4, sizeof(bad) + 1);
	send_ip(15, 0, our_ip, bad, sizeof(bad), 0);
	ok(got.calls == 1);
	ok(stat_of("udp", true) == drops + 3);

	/* Link layer: runt, unknown type, another station's unicast. */
	rx_drop = nd->stats.rx_drop;
	test_inject(nd, fr, 10);
	put_eth(fr, our_mac, peer_mac, 0x88b5);
	test_inject(nd, fr, 60);
	put_eth(fr, peer_mac, our_mac, 0x0800);
	test_inject(nd, fr, 60);
	ok(nd->stats.rx_drop == rx_drop + 3);
}

static size_t put_icmp_echo(uint8_t *p, uint8_t type, uint16_t ident,
			    uint16_t seq, const void *data, size_t len)
{
	uint16_t sum;

	p[0] = type;
	p[1] = 0;
	put16(p + 2, 0);
	put16(p + 4, ident);
	put16(p + 6, seq);
	memcpy(p + 8, data, len);
	sum = tcpip_chksum(p, 8 + len);
	memcpy(p + 2, &sum, 2);
	return 8 + len;
}

static void check_icmp(void)
{
	uint8_t fr[200], data[24], *ip, *ic;
	size_t n, len;
	unsigned long drops;

	/* Echo request from the peer: answered with the same data. */
	test_ncap = 0;
	n = put_eth(fr, our_mac, peer_mac, 0x0800);
	len = put_icmp_echo(fr + 34, 8, 0x0102, 7, "0123456789", 10);
	n += put_ip(fr + n, len, IP_ICMP, 20, 0, peer_ip, our_ip);
	test_inject(nd, fr, n + len);
	ok(test_ncap == 1);
	ip = test_cap[0].data + 14;
	ic = ip + 20;
	ok_mem(test_cap[0].data, peer_mac, 6);
	ok(ip[9] == IP_ICMP && tcpip_chksum(ip, 20) == 0);
	ok_mem(ip + 12, our_ip, 4);
	ok_mem(ip + 16, peer_ip, 4);
	ok(get16(ip + 2) == 20 + 18);
	ok(ic[0] == 0 && ic[1] == 0);
	ok(tcpip_chksum(ic, 18) == 0);
	ok(get16(ic + 4) == 0x0102 && get16(ic + 6) == 7);
	ok_mem(ic + 8, "0123456789", 10);

	/* A corrupted request is dropped. */
	drops = stat_of("icmp", true);
	fr[34 + 9] ^= 1;
	test_inject(nd, fr, n + len);
	ok(test_ncap == 1);
	ok(stat_of("icmp", true) == drops + 1);

	/* Our ping, and the peer's reply made from it. */
	icmp_echo_reply_handler = test_echo_reply;
	ok(icmp_echo_request(ip4(peer_ip), 0x99, 3, 24) == 0);
	ok(test_ncap == 2);
	ip = test_cap[1].data + 14;
	ic = ip + 20;
	ok(ic[0] == 8 && tcpip_chksum(ic, 32) == 0);
	ok(get16(ic + 4) == 0x99 && get16(ic + 6) == 3);
	n = put_eth(fr, our_mac, peer_mac, 0x0800);
	len = put_icmp_echo(fr + 34, 0, 0x99, 3, ic + 8, 24);
	n += put_ip(fr + n, len, IP_ICMP, 21, 0, peer_ip, our_ip);
	test_inject(nd, fr, n + len);
	ok(echo_calls == 1);
	ok(echo_got.ident == 0x99 && echo_got.seq == 3);
	ok(echo_got.len == 24 && echo_got.payload_ok);
	ok(echo_got.src.s_addr == ip4(peer_ip).s_addr);
	/* A reply whose data differs says so. */
	memcpy(data, fr + 34 + 8, 24);
	data[5] ^= 0xff;
	len = put_icmp_echo(fr + 34, 0, 0x99, 4, data, 24);
	test_inject(nd, fr, n + len);
	ok(echo_calls == 2 && !echo_got.payload_ok && echo_got.seq == 4);
	icmp_echo_reply_handler = NULL;
}

/* A block under the device that holds nothing and counts the lookups
 * that reach it. */
static unsigned int probe_fetches;

static int probe_fetch(struct settings *s, struct setting *setting,
		       void *data, size_t len)
{
	probe_fetches++;
	return -ENOENT;
}

static const struct settings_ops probe_ops = { .fetch = probe_fetch };

/* IPv4 reads the device's settings again after a change, not for every
 * packet, and a change takes effect with the next packet. */
static void check_conf_cache(void)
{
	static const uint8_t new_ip[4] = { 198, 18, 0, 11 };
	uint8_t dgram2[sizeof(dgram)];
	struct settings probe;
	unsigned int i, once;

	settings_init(&probe, &probe_ops, NULL, 0);
	delete_setting(netdev_settings(nd), &gateway_setting);
	ok(register_settings(&probe, netdev_settings(nd), "probe") == 0);
	probe_fetches = 0;
	got.calls = 0;
	send_ip(100, 0, our_ip, dgram, sizeof(dgram), 0);
	once = probe_fetches;
	ok(once > 0);             /* the gateway lookup reached the probe */
	for (i = 1; i < 10; i++)
		send_ip(100 + i, 0, our_ip, dgram, sizeof(dgram), 0);
	ok(got.calls == 10);
	ok(probe_fetches == once);

	store_ip(&ip_setting, "198.18.0.11");
	put_udp(dgram2, 4000, 7777, payload, sizeof(payload), peer_ip, new_ip);
	got.calls = 0;
	send_ip(200, 0, our_ip, dgram, sizeof(dgram), 0);
	ok(got.calls == 0);
	send_ip(201, 0, new_ip, dgram2, sizeof(dgram2), 0);
	ok(got.calls == 1);
	ok(probe_fetches > once);

	store_ip(&ip_setting, "198.18.0.10");
	unregister_settings(&probe);
}

UNIT_TEST(net_stack)
{
	nd = alloc_etherdev(0);
	ok(nd != NULL);
	if (!nd)
		return;
	nd->op = &test_dev_ops;
	memcpy(nd->hw_addr, our_mac, 6);
	nd->driver_name = "testnic";
	nd->bus_type = "test";
	strcpy(nd->bus_location, "bus:1");
	ok(register_netdev(nd) == 0);

	check_device();
	check_routes();
	check_arp_udp();
	check_rx();
	check_icmp();
	check_conf_cache();

	udp_close(&c1);
	udp_close(&c3);
	unregister_netdev(nd);
	ok(find_netdev(nd->name) == NULL);
	netdev_put(nd);
	nd = NULL;
}

/* A device's burst: capped by its ring, halved by each lossy burst down
 * to the floor, grown back one frame per whole burst, never past the
 * ring; a device that states no ring leaves the caller's wish alone
 * until a loss teaches otherwise. */
UNIT_TEST(net_burst)
{
	struct net_device *nd = alloc_etherdev(0);

	ok(netdev_burst(nd, 64) == 64);
	nd->rx_burst = 31;
	ok(netdev_burst(nd, 64) == 31);
	ok(netdev_burst(nd, 8) == 8);
	netdev_burst_lost(nd, 31);
	ok(netdev_burst(nd, 64) == 15);
	netdev_burst_lost(nd, 15);
	netdev_burst_lost(nd, 7);
	netdev_burst_lost(nd, 4);
	ok(netdev_burst(nd, 64) == NETDEV_MIN_BURST);
	netdev_burst_ok(nd, 4);
	ok(netdev_burst(nd, 64) == 5);
	netdev_burst_ok(nd, 3);		/* a smaller burst proves nothing */
	ok(netdev_burst(nd, 64) == 5);
	for (int i = 0; i < 100; i++)
		netdev_burst_ok(nd, netdev_burst(nd, 64));
	ok(netdev_burst(nd, 64) == 31);

	nd->rx_burst = 0;
	nd->burst = 0;
	netdev_burst_lost(nd, 64);
	ok(netdev_burst(nd, 64) == 32);
	netdev_put(nd);
}
