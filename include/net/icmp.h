/* ICMP: answers echo requests; sends echo requests for `ping`. */
#ifndef NET_ICMP_H
#define NET_ICMP_H
#include <net/ip.h>

struct icmp_echo_reply {
	struct in_addr src;
	uint16_t ident, seq;
	size_t len;         /* payload bytes */
	bool payload_ok;    /* payload matched what we sent */
};
/* Called for each echo reply received. */
extern void (*icmp_echo_reply_handler)(const struct icmp_echo_reply *r);
/* Send an echo request with len payload bytes of a known pattern. */
int icmp_echo_request(struct in_addr dest, uint16_t ident, uint16_t seq,
		      size_t len);

#endif
