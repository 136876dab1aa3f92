/* IPv4 (RFC 791): routing from each device's settings, transmission
 * through ARP, reception with header checks and fragment reassembly,
 * and dispatch to the transport protocols of the ip_protocols table.
 *
 * A device's address, netmask and gateway come from its settings
 * subtree, read again whenever the settings have changed since (so a
 * DHCP lease, netN.dhcp, and a value set by hand, netN/ip, both take
 * effect at once) and otherwise kept with the device. */
#include <stdlib.h>
#include <string.h>
#include <cxboot/timer.h>
#include <net/ip.h>
#include <net/dns.h>
#include <net/ethernet.h>

#define IP_TTL 64
#define IP_MAX_LEN 65535
/* Reassembly limits: how long an incomplete datagram waits, how many
 * may wait at once, and how many pieces one may be cut into (bounds the
 * memory a stream of tiny fragments can pin). */
#define IP_REASM_TIMEOUT (10 * TICKS_PER_SEC)
#define IP_REASM_MAX 4
#define IP_REASM_MAX_FRAGS 128

PROTO_STATS(ipv4_stats, "ipv4");

static uint16_t next_ident;

static bool is_multicast(struct in_addr a)
{
	return (ntohl(a.s_addr) >> 28) == 0xe;
}

/* The classful mask (RFC 791 classes A, B, C) for an address that comes
 * without one. */
static struct in_addr default_netmask(struct in_addr addr)
{
	uint32_t a = ntohl(addr.s_addr);
	struct in_addr mask;

	if (!(a & 0x80000000))
		mask.s_addr = htonl(0xff000000);
	else if ((a & 0xc0000000) == 0x80000000)
		mask.s_addr = htonl(0xffff0000);
	else
		mask.s_addr = htonl(0xffffff00);
	return mask;
}

static bool fetch_addr(struct net_device *netdev, const struct setting *st,
		       struct in_addr *out)
{
	uint32_t v;

	if (fetch_ipv4_setting(netdev_settings(netdev), st, &v) <
	    (int)sizeof(v))
		return false;
	out->s_addr = v;
	return true;
}

static void read_conf(struct net_device *netdev, struct ipv4_conf *conf)
{
	memset(conf, 0, sizeof(*conf));
	if (!fetch_addr(netdev, &ip_setting, &conf->addr) ||
	    conf->addr.s_addr == INADDR_ANY) {
		conf->addr.s_addr = INADDR_ANY;
		return;
	}
	conf->have = true;
	if (!fetch_addr(netdev, &netmask_setting, &conf->netmask) ||
	    conf->netmask.s_addr == 0)
		conf->netmask = default_netmask(conf->addr);
	if (!fetch_addr(netdev, &gateway_setting, &conf->gateway))
		conf->gateway.s_addr = INADDR_ANY;
}

/* A device's configuration; false if it has no address. */
static bool ipv4_conf(struct net_device *netdev, struct ipv4_conf *conf)
{
	if (netdev->ipv4_changes != settings_changes()) {
		read_conf(netdev, &netdev->ipv4);
		netdev->ipv4_changes = settings_changes();
	}
	*conf = netdev->ipv4;
	return conf->have;
}

static bool on_link(const struct ipv4_conf *conf, struct in_addr dest)
{
	return ((dest.s_addr ^ conf->addr.s_addr) & conf->netmask.s_addr) == 0;
}

/* Limited broadcast, or the directed broadcast of the device's subnet. */
static bool is_broadcast(const struct ipv4_conf *conf, bool have,
			 struct in_addr dest)
{
	if (dest.s_addr == INADDR_BROADCAST)
		return true;
	return have &&
	       dest.s_addr == (conf->addr.s_addr | ~conf->netmask.s_addr);
}

int ipv4_route_info(struct net_device *netdev, struct in_addr *addr,
		    struct in_addr *netmask, struct in_addr *gateway)
{
	struct ipv4_conf conf;
	bool have = ipv4_conf(netdev, &conf);

	if (addr)
		*addr = conf.addr;
	if (netmask)
		*netmask = conf.netmask;
	if (gateway)
		*gateway = conf.gateway;
	return have ? 0 : -ENOENT;
}

struct in_addr ipv4_netdev_addr(struct net_device *netdev)
{
	struct ipv4_conf conf;

	ipv4_conf(netdev, &conf);
	return conf.addr;
}

bool ipv4_is_local(struct in_addr addr)
{
	struct net_device *netdev;
	struct ipv4_conf conf;
	bool have;

	if (addr.s_addr == INADDR_BROADCAST)
		return true;
	for_each_netdev(netdev) {
		have = ipv4_conf(netdev, &conf);
		if (have && (addr.s_addr == conf.addr.s_addr ||
			     is_broadcast(&conf, have, addr)))
			return true;
	}
	return false;
}

/* Route through one given device. */
static int route_via(struct net_device *netdev, struct in_addr dest,
		     struct ipv4_route *route)
{
	struct ipv4_conf conf;
	bool have = ipv4_conf(netdev, &conf);

	route->netdev = netdev;
	route->src = conf.addr;
	if (is_broadcast(&conf, have, dest) || (have && on_link(&conf, dest)))
		route->nexthop = dest;
	else if (have && conf.gateway.s_addr != INADDR_ANY)
		route->nexthop = conf.gateway;
	else
		return -ENETUNREACH;
	return 0;
}

int ipv4_route(struct in_addr dest, struct net_device *netdev,
	       struct ipv4_route *route)
{
	struct net_device *nd, *any = NULL;
	struct ipv4_conf conf;

	memset(route, 0, sizeof(*route));
	if (dest.s_addr == INADDR_ANY)
		return -ENETUNREACH;
	if (netdev)
		return route_via(netdev, dest, route);

	/* Devices in registration order: first a directly attached subnet
	 * (or a broadcast), then the first device with a gateway. */
	for_each_netdev(nd) {
		if (!netdev_is_open(nd))
			continue;
		if (!any)
			any = nd;
		if (ipv4_conf(nd, &conf) &&
		    (on_link(&conf, dest) || is_broadcast(&conf, true, dest)))
			return route_via(nd, dest, route);
	}
	for_each_netdev(nd) {
		if (netdev_is_open(nd) && ipv4_conf(nd, &conf) &&
		    conf.gateway.s_addr != INADDR_ANY)
			return route_via(nd, dest, route);
	}
	/* A limited broadcast can leave by an unconfigured device. */
	if (dest.s_addr == INADDR_BROADCAST && any)
		return route_via(any, dest, route);
	return -ENETUNREACH;
}

struct net_device *ipv4_host_netdev(const char *host)
{
	struct ipv4_route route;
	struct in_addr addr;

	if (!host)
		return NULL;
	if (!inet_aton(host, &addr) && resolv_cached(host, &addr) != 0)
		return NULL;
	if (ipv4_route(addr, NULL, &route) != 0)
		return NULL;
	return route.netdev;
}

uint16_t ipv4_pshdr_chksum(struct in_addr src, struct in_addr dest,
			   uint8_t protocol, size_t len)
{
	struct {
		struct in_addr src, dest;
		uint8_t zero, protocol;
		uint16_t len;
	} __packed pshdr = {
		.src = src,
		.dest = dest,
		.protocol = protocol,
		.len = htons(len),
	};

	return tcpip_chksum(&pshdr, sizeof(pshdr));
}

int ipv4_tx(struct io_buffer *iob, uint8_t protocol, struct in_addr dest,
	    const struct ipv4_route *route)
{
	struct ipv4_route local;
	struct net_device *netdev;
	const struct ll_protocol *ll;
	struct ipv4_conf conf;
	struct iphdr *ip;
	size_t len = iob_len(iob) + sizeof(*ip);
	bool have;
	int rc;

	if (!route) {
		rc = ipv4_route(dest, NULL, &local);
		if (rc)
			goto err;
		route = &local;
	}
	netdev = route->netdev;
	ll = netdev->ll_protocol;
	/* No fragmentation on the way out: apart from answers to
	 * oversized pings, nothing we send needs it. */
	if ((netdev->mtu && len > netdev->mtu) || len > IP_MAX_LEN) {
		rc = -EMSGSIZE;
		goto err;
	}
	if (iob_headroom(iob) < sizeof(*ip) + ll->ll_header_len) {
		rc = -ENOBUFS;
		goto err;
	}
	ip = iob_push(iob, sizeof(*ip));
	ip->verhdrlen = 0x45;
	ip->service = 0;
	ip->len = htons(len);
	ip->ident = htons(++next_ident);
	ip->frags = 0;
	ip->ttl = IP_TTL;
	ip->protocol = protocol;
	ip->chksum = 0;
	ip->src = route->src;
	ip->dest = dest;
	ip->chksum = tcpip_chksum(ip, sizeof(*ip));

	have = ipv4_conf(netdev, &conf);
	if (is_broadcast(&conf, have, route->nexthop))
		return net_tx(iob, netdev, &ipv4_protocol, ll->ll_broadcast,
			      netdev->ll_addr);
	if (is_multicast(route->nexthop)) {
		rc = -ENOTSUP;
		goto err;
	}
	return arp_tx(iob, netdev, &ipv4_protocol, route->nexthop, route->src);
err:
	free_iob(iob);
	return rc;
}

/* Reassembly of fragmented datagrams (RFC 791 section 3.2).  Each held
 * fragment keeps its IP header in front of its data, so offsets and
 * lengths are read from the fragment itself. */
struct ipv4_reasm {
	struct list_head list;        /* pending reassemblies, oldest first */
	struct in_addr src, dest;
	uint16_t ident;               /* network order */
	uint8_t protocol;
	size_t total;                 /* payload length; 0 until known */
	unsigned int count;
	struct list_head frags;       /* held fragments, by offset */
	struct retry_timer timer;
};

static LIST_HEAD(reasm_list);
static unsigned int reasm_count;

static size_t frag_hlen(struct io_buffer *iob)
{
	return (((struct iphdr *)iob->data)->verhdrlen & 0xf) * 4;
}

static size_t frag_offset(struct io_buffer *iob)
{
	struct iphdr *ip = (struct iphdr *)iob->data;

	return (ntohs(ip->frags) & IP_FRAG_OFFSET) * 8;
}

static size_t frag_len(struct io_buffer *iob)
{
	return iob_len(iob) - frag_hlen(iob);
}

static void reasm_free(struct ipv4_reasm *r)
{
	struct io_buffer *iob, *tmp;

	stop_timer(&r->timer);
	list_for_each_entry_safe(iob, tmp, &r->frags, list) {
		list_del(&iob->list);
		free_iob(iob);
	}
	list_del(&r->list);
	reasm_count--;
	free(r);
}

/* Give up on a datagram: everything held so far is lost. */
static void reasm_discard(struct ipv4_reasm *r)
{
	ipv4_stats.drop++;
	reasm_free(r);
}

static void reasm_expired(struct retry_timer *timer, int fail)
{
	reasm_discard(container_of(timer, struct ipv4_reasm, timer));
}

static struct ipv4_reasm *reasm_find(const struct iphdr *ip)
{
	struct ipv4_reasm *r;

	list_for_each_entry(r, &reasm_list, list) {
		if (r->src.s_addr == ip->src.s_addr &&
		    r->dest.s_addr == ip->dest.s_addr &&
		    r->ident == ip->ident && r->protocol == ip->protocol)
			return r;
	}
	return NULL;
}

static struct ipv4_reasm *reasm_new(const struct iphdr *ip)
{
	struct ipv4_reasm *r;

	if (reasm_count >= IP_REASM_MAX)
		reasm_discard(list_first_entry(&reasm_list, struct ipv4_reasm,
					       list));
	r = zalloc(sizeof(*r));
	if (!r)
		return NULL;
	r->src = ip->src;
	r->dest = ip->dest;
	r->ident = ip->ident;
	r->protocol = ip->protocol;
	INIT_LIST_HEAD(&r->frags);
	timer_init(&r->timer, reasm_expired, NULL);
	list_add_tail(&r->list, &reasm_list);
	reasm_count++;
	start_timer_fixed(&r->timer, IP_REASM_TIMEOUT);
	return r;
}

/* The whole datagram, header first, once every piece is held. */
static struct io_buffer *reasm_complete(struct ipv4_reasm *r)
{
	struct io_buffer *first, *frag, *iob;
	struct iphdr *ip;
	size_t expect = 0, hlen;

	if (!r->total)
		return NULL;
	list_for_each_entry(frag, &r->frags, list) {
		if (frag_offset(frag) != expect)
			return NULL;
		expect += frag_len(frag);
	}
	if (expect != r->total)
		return NULL;

	first = list_first_entry(&r->frags, struct io_buffer, list);
	hlen = frag_hlen(first);
	iob = hlen + r->total <= IP_MAX_LEN ? alloc_iob(hlen + r->total) : NULL;
	if (!iob) {
		reasm_discard(r);
		return NULL;
	}
	memcpy(iob_put(iob, hlen), first->data, hlen);
	list_for_each_entry(frag, &r->frags, list)
		memcpy(iob_put(iob, frag_len(frag)),
		       (uint8_t *)frag->data + frag_hlen(frag), frag_len(frag));
	ip = (struct iphdr *)iob->data;
	ip->len = htons(hlen + r->total);
	ip->frags = 0;
	ip->chksum = 0;
	ip->chksum = tcpip_chksum(ip, hlen);
	reasm_free(r);
	return iob;
}

/* Take one fragment (header checked, trimmed to its length).  Returns
 * the reassembled datagram when this was the last missing piece. */
static struct io_buffer *ipv4_reassemble(struct io_buffer *iob)
{
	struct iphdr *ip = (struct iphdr *)iob->data;
	size_t offset = frag_offset(iob), len = frag_len(iob);
	bool more = ntohs(ip->frags) & IP_MF;
	struct io_buffer *pos, *prev = NULL, *next = NULL;
	struct ipv4_reasm *r;

	/* Every piece but the last holds a multiple of 8 bytes, and no
	 * piece may reach past the largest datagram. */
	if (!len || (more && (len & 7)) ||
	    offset + len > IP_MAX_LEN - sizeof(*ip))
		goto drop;
	r = reasm_find(ip);
	if (!r && !(r = reasm_new(ip)))
		goto drop;

	if (r->total && offset + len > r->total)
		goto discard;
	if (!more) {
		if (r->total && r->total != offset + len)
			goto discard;
		if (!list_empty(&r->frags)) {
			pos = list_entry(r->frags.prev, struct io_buffer, list);
			if (frag_offset(pos) + frag_len(pos) > offset + len)
				goto discard;
		}
		r->total = offset + len;
	}

	list_for_each_entry(pos, &r->frags, list) {
		if (frag_offset(pos) >= offset) {
			next = pos;
			break;
		}
		prev = pos;
	}
	/* A duplicate (the network may repeat a packet) is harmless; any
	 * other overlap makes the datagram ambiguous. */
	if (next && frag_offset(next) == offset && frag_len(next) == len)
		goto drop;
	if ((prev && frag_offset(prev) + frag_len(prev) > offset) ||
	    (next && offset + len > frag_offset(next)))
		goto discard;
	if (r->count >= IP_REASM_MAX_FRAGS)
		goto discard;
	list_add_tail(&iob->list, next ? &next->list : &r->frags);
	r->count++;
	return reasm_complete(r);

discard:
	reasm_discard(r);
drop:
	ipv4_stats.drop++;
	free_iob(iob);
	return NULL;
}

/* Whether a datagram sent to dest is ours to take on this device. */
static bool ipv4_accepts(struct net_device *netdev, struct in_addr dest)
{
	struct ipv4_conf conf;
	bool have = ipv4_conf(netdev, &conf);

	if (is_broadcast(&conf, have, dest))
		return true;
	/* Without an address we take any unicast that reached our link
	 * address: a DHCP server may send its offer that way. */
	if (!have)
		return !is_multicast(dest);
	return dest.s_addr == conf.addr.s_addr;
}

static int ipv4_rx(struct io_buffer *iob, struct net_device *netdev,
		   const void *ll_dest, const void *ll_source,
		   unsigned int flags)
{
	struct iphdr *ip = (struct iphdr *)iob->data;
	struct ip_rx_info info;
	size_t hlen, len;

	ipv4_stats.rx++;
	if (iob_len(iob) < sizeof(*ip) || (ip->verhdrlen >> 4) != 4)
		goto drop;
	hlen = (ip->verhdrlen & 0xf) * 4;
	if (hlen < sizeof(*ip) || hlen > iob_len(iob))
		goto drop;
	if (tcpip_chksum(ip, hlen) != 0)
		goto drop;
	len = ntohs(ip->len);
	if (len < hlen || len > iob_len(iob))
		goto drop;
	/* Short frames arrive padded by the link layer. */
	iob_trim(iob, len);
	if (!ipv4_accepts(netdev, ip->dest))
		goto drop;
	if (is_multicast(ip->src) || ip->src.s_addr == INADDR_BROADCAST)
		goto drop;

	if (ntohs(ip->frags) & (IP_MF | IP_FRAG_OFFSET)) {
		iob = ipv4_reassemble(iob);
		if (!iob)
			return 0;
		ip = (struct iphdr *)iob->data;
		hlen = (ip->verhdrlen & 0xf) * 4;
	}

	info.netdev = netdev;
	info.src = ip->src;
	info.dest = ip->dest;
	info.ll_flags = flags;
	iob_pull(iob, hlen);
	for_each_table_entry(p, ip_protocols, struct ip_protocol) {
		if (p->protocol == ip->protocol)
			return p->rx(iob, &info);
	}
drop:
	ipv4_stats.drop++;
	free_iob(iob);
	return 0;
}

/* Spelled out instead of NET_PROTOCOL() because table entries are static
 * and other layers name this one. */
struct net_protocol ipv4_protocol
	__attribute__((used, section("tbl_net_protocols"),
		       aligned(__alignof__(struct net_protocol)))) = {
	.name = "IPv4",
	.net_proto = htons(ETH_P_IP),
	.net_addr_len = sizeof(struct in_addr),
	.rx = ipv4_rx,
};
