/* ICMP (RFC 792): echo requests are answered, echo replies go to the
 * ping command's handler, and echo requests are sent for it. */
#include <net/icmp.h>

#define ICMP_ECHO_REPLY 0
#define ICMP_ECHO_REQUEST 8

struct icmp_echo {
	uint8_t type;
	uint8_t code;
	uint16_t chksum;
	uint16_t ident;
	uint16_t seq;
} __packed;

PROTO_STATS(icmp_stats, "icmp");

void (*icmp_echo_reply_handler)(const struct icmp_echo_reply *r);

/* What our echo requests carry, so replies can be checked. */
static uint8_t echo_pattern(size_t i)
{
	return i & 0xff;
}

static int icmp_answer(struct io_buffer *iob, const struct ip_rx_info *info)
{
	struct icmp_echo *echo = (struct icmp_echo *)iob->data;
	struct ipv4_route route;

	/* Like most hosts, stay quiet when pinged by broadcast. */
	if ((info->ll_flags & (LL_BROADCAST | LL_MULTICAST)) ||
	    info->dest.s_addr != ipv4_netdev_addr(info->netdev).s_addr ||
	    ipv4_route(info->src, info->netdev, &route) != 0) {
		icmp_stats.drop++;
		free_iob(iob);
		return 0;
	}
	echo->type = ICMP_ECHO_REPLY;
	echo->code = 0;
	echo->chksum = 0;
	echo->chksum = tcpip_chksum(echo, iob_len(iob));
	return ipv4_tx(iob, IP_ICMP, info->src, &route);
}

static void icmp_report(struct io_buffer *iob, const struct ip_rx_info *info)
{
	struct icmp_echo *echo = (struct icmp_echo *)iob->data;
	const uint8_t *payload = (const uint8_t *)(echo + 1);
	struct icmp_echo_reply r;
	size_t i;

	r.src = info->src;
	r.ident = ntohs(echo->ident);
	r.seq = ntohs(echo->seq);
	r.len = iob_len(iob) - sizeof(*echo);
	r.payload_ok = true;
	for (i = 0; i < r.len; i++) {
		if (payload[i] != echo_pattern(i)) {
			r.payload_ok = false;
			break;
		}
	}
	icmp_echo_reply_handler(&r);
}

static int icmp_rx(struct io_buffer *iob, const struct ip_rx_info *info)
{
	struct icmp_echo *echo = (struct icmp_echo *)iob->data;

	icmp_stats.rx++;
	if (iob_len(iob) < sizeof(*echo) ||
	    tcpip_chksum(iob->data, iob_len(iob)) != 0)
		goto drop;
	if (echo->type == ICMP_ECHO_REQUEST && echo->code == 0)
		return icmp_answer(iob, info);
	if (echo->type == ICMP_ECHO_REPLY && echo->code == 0 &&
	    icmp_echo_reply_handler) {
		icmp_report(iob, info);
		free_iob(iob);
		return 0;
	}
	/* Errors and other messages: nothing here acts on them. */
drop:
	icmp_stats.drop++;
	free_iob(iob);
	return 0;
}

IP_PROTOCOL(icmp_protocol) = {
	.name = "ICMP",
	.protocol = IP_ICMP,
	.rx = icmp_rx,
};

int icmp_echo_request(struct in_addr dest, uint16_t ident, uint16_t seq,
		      size_t len)
{
	struct io_buffer *iob;
	struct icmp_echo *echo;
	uint8_t *payload;
	size_t i;

	iob = alloc_iob_plus(len, sizeof(*echo) + LL_PAD_ROOM);
	if (!iob)
		return -ENOMEM;
	echo = iob_put(iob, sizeof(*echo));
	echo->type = ICMP_ECHO_REQUEST;
	echo->code = 0;
	echo->chksum = 0;
	echo->ident = htons(ident);
	echo->seq = htons(seq);
	payload = iob_put(iob, len);
	for (i = 0; i < len; i++)
		payload[i] = echo_pattern(i);
	echo->chksum = tcpip_chksum(echo, iob_len(iob));
	return ipv4_tx(iob, IP_ICMP, dest, NULL);
}
