/* ARP (RFC 826) for IPv4 over any link layer: a small cache of
 * neighbours keyed by device and address, requests repeated while the
 * packets for an unresolved neighbour wait, learning from what others
 * send, and answers to requests for our own address. */
#include <stdlib.h>
#include <string.h>
#include <cxboot/timer.h>
#include <net/ip.h>
#include <net/ethernet.h>

#define ARP_CACHE_SIZE 16
#define ARP_QUEUE_MAX 8           /* packets waiting for one neighbour */
/* Requests are repeated after 1/8 s, then twice as long each time up to
 * 1 s: a request lost to a link still coming up costs little, and an
 * absent neighbour is given up after about 3 s. */
#define ARP_RETRY_MIN (TICKS_PER_SEC / 8)
#define ARP_RETRY_MAX TICKS_PER_SEC
#define ARP_MAX_TRIES 6
#define ARPOP_REQUEST 1
#define ARPOP_REPLY 2

struct arphdr {
	uint16_t htype;
	uint16_t ptype;
	uint8_t hlen;
	uint8_t plen;
	uint16_t op;
	/* sender link address, sender IP, target link address, target IP */
} __packed;

struct arp_entry {
	struct list_head list;        /* in the cache, most recent first */
	struct net_device *netdev;    /* holds a reference */
	struct in_addr ip;
	uint8_t ll_addr[MAX_LL_ADDR_LEN];
	bool resolved;
	/* While unresolved: */
	struct in_addr src;           /* our address, for the requests */
	const struct net_protocol *net_protocol;
	struct list_head tx_queue;
	unsigned int queued;
	unsigned int tries;
	struct retry_timer timer;
};

static LIST_HEAD(arp_cache);
static unsigned int arp_count;

PROTO_STATS(arp_stats, "arp");

static int arp_rx(struct io_buffer *iob, struct net_device *netdev,
		  const void *ll_dest, const void *ll_source,
		  unsigned int flags);

NET_PROTOCOL(arp_protocol) = {
	.name = "ARP",
	.net_proto = htons(ETH_P_ARP),
	.net_addr_len = sizeof(struct in_addr),
	.rx = arp_rx,
};

/* Forget a neighbour; packets still waiting for it are lost. */
static void arp_entry_free(struct arp_entry *e)
{
	struct io_buffer *iob, *tmp;

	stop_timer(&e->timer);
	list_for_each_entry_safe(iob, tmp, &e->tx_queue, list) {
		list_del(&iob->list);
		arp_stats.drop++;
		free_iob(iob);
	}
	list_del(&e->list);
	arp_count--;
	netdev_put(e->netdev);
	free(e);
}

static struct arp_entry *arp_find(struct net_device *netdev,
				  struct in_addr ip)
{
	struct arp_entry *e;

	list_for_each_entry(e, &arp_cache, list) {
		if (e->netdev == netdev && e->ip.s_addr == ip.s_addr) {
			list_del(&e->list);
			list_add(&e->list, &arp_cache);
			return e;
		}
	}
	return NULL;
}

static void arp_expired(struct retry_timer *timer, int fail);

static struct arp_entry *arp_new(struct net_device *netdev, struct in_addr ip)
{
	struct arp_entry *e;

	if (arp_count >= ARP_CACHE_SIZE)
		arp_entry_free(list_entry(arp_cache.prev, struct arp_entry,
					  list));
	e = zalloc(sizeof(*e));
	if (!e)
		return NULL;
	e->netdev = netdev;
	ref_get(&netdev->refcnt);
	e->ip = ip;
	INIT_LIST_HEAD(&e->tx_queue);
	timer_init(&e->timer, arp_expired, NULL);
	e->timer.min = ARP_RETRY_MIN;
	e->timer.max = ARP_RETRY_MAX;
	list_add(&e->list, &arp_cache);
	arp_count++;
	return e;
}

static int arp_send(struct net_device *netdev, unsigned int op,
		    struct in_addr src, const void *target_ll,
		    struct in_addr target, const void *ll_dest)
{
	const struct ll_protocol *ll = netdev->ll_protocol;
	size_t alen = ll->ll_addr_len;
	struct io_buffer *iob;
	struct arphdr *arp;

	iob = alloc_iob(sizeof(*arp) + 2 * (alen + sizeof(target)) +
			LL_PAD_ROOM);
	if (!iob)
		return -ENOMEM;
	arp = iob_put(iob, sizeof(*arp));
	arp->htype = ll->arp_hw_type;
	arp->ptype = htons(ETH_P_IP);
	arp->hlen = alen;
	arp->plen = sizeof(target);
	arp->op = htons(op);
	memcpy(iob_put(iob, alen), netdev->ll_addr, alen);
	memcpy(iob_put(iob, sizeof(src)), &src, sizeof(src));
	if (target_ll)
		memcpy(iob_put(iob, alen), target_ll, alen);
	else
		memset(iob_put(iob, alen), 0, alen);
	memcpy(iob_put(iob, sizeof(target)), &target, sizeof(target));
	return net_tx(iob, netdev, &arp_protocol, ll_dest, netdev->ll_addr);
}

static void arp_request(struct arp_entry *e)
{
	e->tries++;
	start_timer(&e->timer);
	arp_send(e->netdev, ARPOP_REQUEST, e->src, NULL, e->ip,
		 e->netdev->ll_protocol->ll_broadcast);
}

static void arp_expired(struct retry_timer *timer, int fail)
{
	struct arp_entry *e = container_of(timer, struct arp_entry, timer);

	/* No answer: drop the entry so that the next packet asks anew. */
	if (e->tries >= ARP_MAX_TRIES)
		arp_entry_free(e);
	else
		arp_request(e);
}

/* Record a neighbour's link address and send what waited for it. */
static void arp_resolved(struct arp_entry *e, const void *ll_addr)
{
	struct io_buffer *iob;

	memcpy(e->ll_addr, ll_addr, e->netdev->ll_protocol->ll_addr_len);
	e->resolved = true;
	stop_timer(&e->timer);
	while ((iob = list_first_entry(&e->tx_queue, struct io_buffer,
				       list))) {
		list_del(&iob->list);
		e->queued--;
		net_tx(iob, e->netdev, e->net_protocol, e->ll_addr,
		       e->netdev->ll_addr);
	}
}

int arp_tx(struct io_buffer *iob, struct net_device *netdev,
	   const struct net_protocol *net_protocol, struct in_addr nexthop,
	   struct in_addr src)
{
	struct arp_entry *e = arp_find(netdev, nexthop);

	if (e && e->resolved)
		return net_tx(iob, netdev, net_protocol, e->ll_addr,
			      netdev->ll_addr);
	if (e) {
		if (e->queued >= ARP_QUEUE_MAX) {
			arp_stats.drop++;
			free_iob(iob);
			return -ENOBUFS;
		}
		list_add_tail(&iob->list, &e->tx_queue);
		e->queued++;
		return 0;
	}
	e = arp_new(netdev, nexthop);
	if (!e) {
		free_iob(iob);
		return -ENOMEM;
	}
	e->src = src;
	e->net_protocol = net_protocol;
	list_add_tail(&iob->list, &e->tx_queue);
	e->queued++;
	arp_request(e);
	return 0;
}

static int arp_rx(struct io_buffer *iob, struct net_device *netdev,
		  const void *ll_dest, const void *ll_source,
		  unsigned int flags)
{
	const struct ll_protocol *ll = netdev->ll_protocol;
	struct arphdr *arp = (struct arphdr *)iob->data;
	const uint8_t *sha, *tha;
	struct in_addr spa, tpa, ours;
	struct arp_entry *e;
	size_t alen = ll->ll_addr_len;
	bool merged = false;
	unsigned int op;

	arp_stats.rx++;
	if (iob_len(iob) < sizeof(*arp) ||
	    arp->htype != ll->arp_hw_type || arp->ptype != htons(ETH_P_IP) ||
	    arp->hlen != alen || arp->plen != sizeof(spa) ||
	    iob_len(iob) < sizeof(*arp) + 2 * (alen + sizeof(spa)))
		goto drop;
	op = ntohs(arp->op);
	if (op != ARPOP_REQUEST && op != ARPOP_REPLY)
		goto drop;
	sha = (const uint8_t *)(arp + 1);
	memcpy(&spa, sha + alen, sizeof(spa));
	tha = sha + alen + sizeof(spa);
	memcpy(&tpa, tha + alen, sizeof(tpa));

	/* Some links echo our own broadcasts back to us. */
	if (memcmp(sha, netdev->ll_addr, alen) == 0)
		goto done;

	/* RFC 826: refresh a neighbour we know; learn a new one only
	 * when it is talking to us.  A probe (sender 0.0.0.0) teaches
	 * nothing. */
	if (spa.s_addr != INADDR_ANY && (e = arp_find(netdev, spa))) {
		arp_resolved(e, sha);
		merged = true;
	}
	ours = ipv4_netdev_addr(netdev);
	if (ours.s_addr == INADDR_ANY || tpa.s_addr != ours.s_addr)
		goto done;
	if (!merged && spa.s_addr != INADDR_ANY && (e = arp_new(netdev, spa)))
		arp_resolved(e, sha);
	if (op == ARPOP_REQUEST)
		arp_send(netdev, ARPOP_REPLY, ours, sha, spa, sha);
done:
	free_iob(iob);
	return 0;
drop:
	arp_stats.drop++;
	free_iob(iob);
	return 0;
}
