/* Fuzz the network stack's receive path: arbitrary Ethernet frames go
 * into the fake device and through Ethernet, ARP, IPv4 (with fragment
 * reassembly), ICMP and UDP.  Nothing may crash, and once every timer
 * has run out nothing may stay allocated except resolved ARP entries.
 *
 * Input: records (see fuzz.h), one frame each.  ctl bits 0-2 pause
 * before the frame (so reassembly and ARP timers fire between frames);
 * bit 3 queues the frame without polling, so that several wait in the
 * receive queue; bit 4 fills in the IPv4 header checksum and, for an
 * unfragmented datagram, the UDP or ICMP checksum; bit 5 rewrites the
 * Ethernet header to come from the peer to us. */
#include <stdlib.h>
#include <string.h>
#include <byteswap.h>
#include <net/ethernet.h>
#include <net/ip.h>
#include <net/udp.h>
#include <net/icmp.h>
#include "fuzz.h"

/* net/arp.c keeps up to this many neighbours, one heap block each, and
 * never forgets a resolved one on its own. */
#define ARP_CACHE_MAX 16

#define CTL_QUEUE 0x08
#define CTL_CHECKSUMS 0x10
#define CTL_TO_US 0x20

static struct udp_conn conns[2];
static long base_blocks;

static void udp_sink(struct udp_conn *conn, struct io_buffer *iob,
		     const struct udp_rx_info *info)
{
	fuzz_assert(info->netdev == fuzz_netdev());
	fuzz_assert(info->dport == conn->local_port);
	fuzz_assert(iob_len(iob) <= 0xffff - 8);
	free_iob(iob);
}

static void echo_reply(const struct icmp_echo_reply *r)
{
	fuzz_assert(r->len <= 0xffff);
}

static void store_ip(const struct setting *setting, unsigned int n)
{
	struct in_addr a = fuzz_ip(n);

	if (store_setting(netdev_settings(fuzz_netdev()), setting, &a, 4))
		fuzz_fail("cannot configure the device");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct in_addr mask = { htonl(0xffffff00) };

	fuzz_heap_watch(true);
	store_ip(&ip_setting, 10);
	store_setting(netdev_settings(fuzz_netdev()), &netmask_setting,
		      &mask, 4);
	store_ip(&gateway_setting, 1);
	if (udp_open(&conns[0], 7777, udp_sink) ||
	    udp_open(&conns[1], 69, udp_sink))
		fuzz_fail("cannot open UDP ports");
	icmp_echo_reply_handler = echo_reply;
	base_blocks = fuzz_live_blocks();
	fuzz_heap_watch(false);
	return 0;
}

/* Make the checksums right, so that mutations reach past them. */
static void fix_checksums(uint8_t *f, size_t len)
{
	struct iphdr *ip = (struct iphdr *)(f + ETH_HLEN);
	size_t hlen, total, plen, ulen;
	uint8_t *p;
	uint16_t sum;

	if (len < ETH_HLEN + sizeof(*ip) || f[12] != (ETH_P_IP >> 8) ||
	    f[13] != (ETH_P_IP & 0xff))
		return;
	hlen = (ip->verhdrlen & 0xf) * 4;
	if (hlen < sizeof(*ip) || ETH_HLEN + hlen > len)
		return;
	ip->chksum = 0;
	ip->chksum = tcpip_chksum(ip, hlen);
	total = ntohs(ip->len);
	if ((ntohs(ip->frags) & (IP_MF | IP_FRAG_OFFSET)) || total < hlen ||
	    ETH_HLEN + total > len)
		return;
	p = (uint8_t *)ip + hlen;
	plen = total - hlen;
	if (ip->protocol == IP_UDP && plen >= 8) {
		ulen = p[4] << 8 | p[5];
		if (ulen < 8 || ulen > plen)
			return;
		p[6] = p[7] = 0;
		sum = tcpip_continue_chksum(ipv4_pshdr_chksum(ip->src,
							      ip->dest,
							      IP_UDP, ulen),
					    p, ulen);
		if (!sum)
			sum = 0xffff;
		memcpy(p + 6, &sum, 2);
	} else if (ip->protocol == IP_ICMP && plen >= 4) {
		p[2] = p[3] = 0;
		sum = tcpip_chksum(p, plen);
		memcpy(p + 2, &sum, 2);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *pos = data, *end = data + size;
	struct net_device *netdev = fuzz_netdev();
	struct fuzz_record rec;
	uint8_t *frame;
	long held;

	fuzz_heap_watch(true);
	while (fuzz_next_record(&pos, end, &rec)) {
		fuzz_advance(fuzz_delay(rec.ctl));
		frame = fuzz_dup(rec.data, rec.len);
		if ((rec.ctl & CTL_TO_US) && rec.len >= ETH_HLEN) {
			memcpy(frame, fuzz_our_mac, ETH_ALEN);
			memcpy(frame + ETH_ALEN, fuzz_peer_mac, ETH_ALEN);
		}
		if (rec.ctl & CTL_CHECKSUMS)
			fix_checksums(frame, rec.len);
		fuzz_rx(frame, rec.len);
		free(frame);
		if (!(rec.ctl & CTL_QUEUE))
			net_poll();
	}
	while (!list_empty(&netdev->rx_queue))
		net_poll();

	fuzz_settle();
	held = fuzz_live_blocks() - base_blocks;
	if (held > ARP_CACHE_MAX)
		fuzz_fail("%ld heap blocks still held after every timeout",
			  held);
	fuzz_heap_watch(false);
	return 0;
}
