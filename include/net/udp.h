/* UDP: connections bound to a local port, with checksums. */
#ifndef NET_UDP_H
#define NET_UDP_H
#include <net/ip.h>

struct udphdr {
	uint16_t src;
	uint16_t dest;
	uint16_t len;
	uint16_t chksum;
} __packed;

struct udp_rx_info {
	struct net_device *netdev;
	struct in_addr src, dest;
	uint16_t sport, dport;     /* host order */
	unsigned int ll_flags;
};

struct udp_conn {
	struct list_head list;
	uint16_t local_port;       /* host order */
	/* Consumes iob (data = UDP payload). */
	void (*rx)(struct udp_conn *conn, struct io_buffer *iob,
		   const struct udp_rx_info *info);
};

/* Bind to port (host order; 0 picks a free ephemeral port, 49152 and
 * up).  -EADDRINUSE if the port is taken. */
int udp_open(struct udp_conn *conn, uint16_t port,
	     void (*rx)(struct udp_conn *, struct io_buffer *,
			const struct udp_rx_info *));
void udp_close(struct udp_conn *conn);
/* A buffer with headroom for UDP/IP/link headers and len bytes room. */
struct io_buffer *udp_alloc_iob(size_t len);
/* Send iob's data as one datagram.  netdev (may be NULL) forces the
 * device; a device without an address sends from 0.0.0.0 (DHCP before
 * it has one).  Consumes iob. */
int udp_tx(struct udp_conn *conn, struct io_buffer *iob, struct in_addr dest,
	   uint16_t dport, struct net_device *netdev);

#endif
