/* Ethernet II link layer: header push and pull, address flags, short
 * frame padding, and the helpers drivers use (alloc_etherdev, eth_ntoa). */
#include <stdio.h>
#include <string.h>
#include <byteswap.h>
#include <net/ethernet.h>

/* Shortest frame on the wire, without the FCS. */
#define ETH_ZLEN 60
#define ARPHRD_ETHER 1

static const uint8_t eth_broadcast[ETH_ALEN] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff
};

static int eth_push(struct net_device *netdev, struct io_buffer *iob,
		    const void *ll_dest, const void *ll_source,
		    uint16_t net_proto)
{
	struct ethhdr *eth;

	if (iob_headroom(iob) < ETH_HLEN)
		return -ENOBUFS;
	eth = iob_push(iob, ETH_HLEN);
	memcpy(eth->h_dest, ll_dest, ETH_ALEN);
	memcpy(eth->h_source, ll_source, ETH_ALEN);
	eth->h_protocol = net_proto;
	/* Pad here so that no driver has to; a buffer without room is
	 * left short and the hardware pads it. */
	if (iob_len(iob) < ETH_ZLEN) {
		size_t pad = ETH_ZLEN - iob_len(iob);

		if (iob_tailroom(iob) >= pad)
			memset(iob_put(iob, pad), 0, pad);
	}
	return 0;
}

static int eth_pull(struct net_device *netdev, struct io_buffer *iob,
		    const void **ll_dest, const void **ll_source,
		    uint16_t *net_proto, unsigned int *flags)
{
	struct ethhdr *eth = (struct ethhdr *)iob->data;

	if (iob_len(iob) < ETH_HLEN)
		return -EINVAL;
	iob_pull(iob, ETH_HLEN);
	*ll_dest = eth->h_dest;
	*ll_source = eth->h_source;
	*net_proto = eth->h_protocol;
	*flags = 0;
	/* The group bit is the first bit sent: bit 0 of the first byte. */
	if (eth->h_dest[0] & 0x01)
		*flags |= LL_MULTICAST;
	if (memcmp(eth->h_dest, eth_broadcast, ETH_ALEN) == 0)
		*flags |= LL_BROADCAST;
	return 0;
}

const char *eth_ntoa(const void *addr)
{
	static char buf[18];
	const uint8_t *a = addr;

	snprintf(buf, sizeof(buf), "%02x:%02x:%02x:%02x:%02x:%02x",
		 a[0], a[1], a[2], a[3], a[4], a[5]);
	return buf;
}

struct ll_protocol ethernet_protocol = {
	.name = "Ethernet",
	.push = eth_push,
	.pull = eth_pull,
	.ntoa = eth_ntoa,
	.ll_addr_len = ETH_ALEN,
	.ll_header_len = ETH_HLEN,
	.ll_broadcast = eth_broadcast,
	.arp_hw_type = htons(ARPHRD_ETHER),
};

struct net_device *alloc_etherdev(size_t priv_len)
{
	struct net_device *netdev = alloc_netdev(priv_len);

	if (!netdev)
		return NULL;
	netdev->ll_protocol = &ethernet_protocol;
	netdev->mtu = ETH_FRAME_LEN - ETH_HLEN;
	return netdev;
}
