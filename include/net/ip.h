/* IPv4: routing from each device's settings (ip, netmask, gateway),
 * transmission with ARP resolution, reception with reassembly, and
 * dispatch to transport protocols. */
#ifndef NET_IP_H
#define NET_IP_H
#include <net/in.h>
#include <net/netdevice.h>

#define IP_ICMP 1
#define IP_TCP 6
#define IP_UDP 17

struct iphdr {
	uint8_t verhdrlen;
	uint8_t service;
	uint16_t len;
	uint16_t ident;
	uint16_t frags;
	uint8_t ttl;
	uint8_t protocol;
	uint16_t chksum;
	struct in_addr src;
	struct in_addr dest;
} __packed;
#define IP_MF 0x2000
#define IP_DF 0x4000
#define IP_FRAG_OFFSET 0x1fff

/* Where a packet to some destination goes. */
struct ipv4_route {
	struct net_device *netdev;
	struct in_addr src;      /* our address on that device (may be 0) */
	struct in_addr nexthop;  /* dest or gateway; broadcast as is */
};
/* Choose device, source and next hop.  netdev, if given, forces the
 * device (needed to broadcast before we have an address).  Returns
 * -ENETUNREACH when no device has a route. */
int ipv4_route(struct in_addr dest, struct net_device *netdev,
	       struct ipv4_route *route);

/* Sum of the pseudo-header for transport checksums (not folded, not
 * complemented): feed into tcpip_continue_chksum. */
uint16_t ipv4_pshdr_chksum(struct in_addr src, struct in_addr dest,
			   uint8_t protocol, size_t len);

/* Send a transport payload; pushes the IPv4 header and resolves the
 * next hop with ARP (queueing while it resolves).  Consumes iob. */
int ipv4_tx(struct io_buffer *iob, uint8_t protocol, struct in_addr dest,
	    const struct ipv4_route *route);

/* A transport protocol's receive handler; consumes iob, whose data
 * starts at the transport header. */
struct ip_rx_info {
	struct net_device *netdev;
	struct in_addr src, dest;
	unsigned int ll_flags;     /* LL_BROADCAST ... */
};
struct ip_protocol {
	const char *name;
	uint8_t protocol;
	int (*rx)(struct io_buffer *iob, const struct ip_rx_info *info);
};
#define IP_PROTOCOL(name) TABLE_ENTRY(ip_protocols, struct ip_protocol, name)

/* Our address on a device (0 if none). */
struct in_addr ipv4_netdev_addr(struct net_device *netdev);
/* True if addr is one of ours (or broadcast to us). */
bool ipv4_is_local(struct in_addr addr);

/* ARP: resolve and send, queueing while a request is outstanding. */
int arp_tx(struct io_buffer *iob, struct net_device *netdev,
	   const struct net_protocol *net_protocol, struct in_addr nexthop,
	   struct in_addr src);
extern struct net_protocol ipv4_protocol;

#endif
