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

/* The device packets to host go out of now: host is an address in
 * dotted form or a name the DNS cache holds (a name is not looked up
 * here); NULL otherwise or when no device has a route. */
struct net_device *ipv4_host_netdev(const char *host);

/* Checksum of the pseudo-header for transport checksums, in the form
 * tcpip_continue_chksum() takes as its partial:
 *   tcpip_continue_chksum(ipv4_pshdr_chksum(...), udp, len) */
uint16_t ipv4_pshdr_chksum(struct in_addr src, struct in_addr dest,
			   uint8_t protocol, size_t len);

/* Send a transport payload; pushes the IPv4 header and resolves the
 * next hop with ARP (queueing while it resolves).  route may be NULL to
 * route by dest.  Packets larger than the device's MTU are refused
 * (-EMSGSIZE): there is no fragmentation on transmit.  Consumes iob. */
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
/* A device's configuration as routing sees it (for `route`): address,
 * netmask (by class if not set) and gateway (0 if none); any pointer may
 * be NULL.  Returns 0, or -ENOENT when the device has no address. */
int ipv4_route_info(struct net_device *netdev, struct in_addr *addr,
		    struct in_addr *netmask, struct in_addr *gateway);
/* True if addr is one of ours (or broadcast to us). */
bool ipv4_is_local(struct in_addr addr);

/* ARP: resolve and send, queueing while a request is outstanding. */
int arp_tx(struct io_buffer *iob, struct net_device *netdev,
	   const struct net_protocol *net_protocol, struct in_addr nexthop,
	   struct in_addr src);
extern struct net_protocol ipv4_protocol;

#endif
