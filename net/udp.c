/* UDP (RFC 768): connections bound to local ports (fixed or ephemeral),
 * datagrams sent with a checksum, and received ones checked and handed
 * to the connection bound to their destination port. */
#include <stdlib.h>
#include <net/udp.h>

#define UDP_EPHEMERAL_MIN 49152
#define UDP_EPHEMERAL_MAX 65535

static LIST_HEAD(udp_conns);
static unsigned int next_ephemeral;	/* 0: not chosen yet */

PROTO_STATS(udp_stats, "udp");

static struct udp_conn *udp_find(uint16_t port)
{
	struct udp_conn *conn;

	list_for_each_entry(conn, &udp_conns, list) {
		if (conn->local_port == port)
			return conn;
	}
	return NULL;
}

static int udp_ephemeral_port(void)
{
	unsigned int tries = UDP_EPHEMERAL_MAX - UDP_EPHEMERAL_MIN + 1;
	unsigned int port;

	/* A random first port: each boot's conversations look new to
	 * servers that still remember the last one's. */
	if (!next_ephemeral)
		next_ephemeral = UDP_EPHEMERAL_MIN + random() % tries;
	while (tries--) {
		port = next_ephemeral;
		next_ephemeral = port == UDP_EPHEMERAL_MAX ?
				 UDP_EPHEMERAL_MIN : port + 1;
		if (!udp_find(port))
			return port;
	}
	return -EADDRINUSE;
}

int udp_open(struct udp_conn *conn, uint16_t port,
	     void (*rx)(struct udp_conn *, struct io_buffer *,
			const struct udp_rx_info *))
{
	int rc;

	if (!port) {
		rc = udp_ephemeral_port();
		if (rc < 0)
			return rc;
		port = rc;
	} else if (udp_find(port)) {
		return -EADDRINUSE;
	}
	conn->local_port = port;
	conn->rx = rx;
	list_add_tail(&conn->list, &udp_conns);
	return 0;
}

void udp_close(struct udp_conn *conn)
{
	/* list_del leaves the node pointing at itself: closing twice is
	 * harmless. */
	list_del(&conn->list);
}

struct io_buffer *udp_alloc_iob(size_t len)
{
	return alloc_iob_plus(len, LL_PAD_ROOM);
}

int udp_tx(struct udp_conn *conn, struct io_buffer *iob, struct in_addr dest,
	   uint16_t dport, struct net_device *netdev)
{
	struct ipv4_route route;
	struct udphdr *udp;
	size_t len = iob_len(iob) + sizeof(*udp);
	uint16_t sum;
	int rc;

	rc = ipv4_route(dest, netdev, &route);
	if (rc)
		goto err;
	if (len > 0xffff) {
		rc = -EMSGSIZE;
		goto err;
	}
	if (iob_headroom(iob) < sizeof(*udp)) {
		rc = -ENOBUFS;
		goto err;
	}
	udp = iob_push(iob, sizeof(*udp));
	udp->src = htons(conn->local_port);
	udp->dest = htons(dport);
	udp->len = htons(len);
	udp->chksum = 0;
	sum = ipv4_pshdr_chksum(route.src, dest, IP_UDP, len);
	sum = tcpip_continue_chksum(sum, udp, len);
	/* Zero on the wire means "no checksum"; its other form is sent. */
	udp->chksum = sum ? sum : 0xffff;
	return ipv4_tx(iob, IP_UDP, dest, &route);
err:
	free_iob(iob);
	return rc;
}

static int udp_rx(struct io_buffer *iob, const struct ip_rx_info *info)
{
	struct udphdr *udp = (struct udphdr *)iob->data;
	struct udp_rx_info rx_info;
	struct udp_conn *conn;
	size_t len;

	udp_stats.rx++;
	if (iob_len(iob) < sizeof(*udp))
		goto drop;
	len = ntohs(udp->len);
	if (len < sizeof(*udp) || len > iob_len(iob))
		goto drop;
	iob_trim(iob, len);
	if (udp->chksum &&
	    tcpip_continue_chksum(ipv4_pshdr_chksum(info->src, info->dest,
						    IP_UDP, len),
				  udp, len) != 0)
		goto drop;
	conn = udp_find(ntohs(udp->dest));
	if (!conn)
		goto drop;

	rx_info.netdev = info->netdev;
	rx_info.src = info->src;
	rx_info.dest = info->dest;
	rx_info.sport = ntohs(udp->src);
	rx_info.dport = ntohs(udp->dest);
	rx_info.ll_flags = info->ll_flags;
	iob_pull(iob, sizeof(*udp));
	conn->rx(conn, iob, &rx_info);
	return 0;
drop:
	udp_stats.drop++;
	free_iob(iob);
	return 0;
}

IP_PROTOCOL(udp_protocol) = {
	.name = "UDP",
	.protocol = IP_UDP,
	.rx = udp_rx,
};
