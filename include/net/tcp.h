/* TCP client connections (RFC 9293) with window scaling (RFC 7323) and
 * selective acknowledgements (RFC 2018).  A connection is an xfer end:
 * what the upper layer delivers is sent in order, what arrives in order
 * is delivered to it (without a copy), and the upper layer's window
 * bounds the window we advertise.  Closing with status 0 ends the
 * connection gracefully (FIN); any other status resets it.  The peer's
 * FIN closes the upper end with status 0. */
#ifndef NET_TCP_H
#define NET_TCP_H
#include <cxboot/xfer.h>
#include <net/ip.h>

struct tcphdr {
	uint16_t src;
	uint16_t dest;
	uint32_t seq;
	uint32_t ack;
	uint8_t hlen;          /* header length in words, high nibble */
	uint8_t flags;
	uint16_t win;
	uint16_t chksum;
	uint16_t urg;
} __packed;

#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_PSH 0x08
#define TCP_ACK 0x10

#define TCP_OPT_END 0
#define TCP_OPT_NOP 1
#define TCP_OPT_MSS 2
#define TCP_OPT_WS 3
#define TCP_OPT_SACK_OK 4
#define TCP_OPT_SACK 5

/* The window we advertise at first and at most, and the scale that
 * carries it. */
#define TCP_WINDOW_INITIAL (64UL << 10)
#define TCP_WINDOW_MAX (4UL << 20)
#define TCP_WSCALE 7

/* Open a connection to dest:port (host order) and plug it into xfer. */
int tcp_open(struct xfer *xfer, struct in_addr dest, uint16_t port);
/* Connections alive now (open, closing, or waiting to be freed). */
unsigned int tcp_live(void);

#endif
