/* Round-trip time estimation and retransmission timeouts (RFC 6298 with
 * Karn's rule left to the caller: feed only samples of exchanges that
 * were never retransmitted).  Shared by the transports (TFTP, TCP); each
 * chooses its own RTO bounds.  Times are kept in eighths of a
 * millisecond so that sub-millisecond LAN samples still average. */
#ifndef NET_RTT_H
#define NET_RTT_H
#include <cxboot/compiler.h>

struct rtt {
	bool valid;                 /* at least one sample taken */
	unsigned long srtt;         /* smoothed RTT, ms / 8 */
	unsigned long rttvar;       /* RTT variation, ms / 8 */
	unsigned long initial;      /* RTO before any sample, ms */
	unsigned long min, max;     /* RTO bounds, ms */
};

/* Samples longer than this (ms) count as this long. */
#define RTT_SAMPLE_MAX 60000UL

void rtt_init(struct rtt *rtt, unsigned long initial, unsigned long min,
	      unsigned long max);
/* Feed one round-trip sample of ms milliseconds. */
void rtt_sample(struct rtt *rtt, unsigned long ms);
/* Retransmission timeout in ms after backoff consecutive timeouts. */
unsigned long rtt_rto(const struct rtt *rtt, unsigned int backoff);
/* The smoothed round trip in whole ms (0 before any sample). */
static inline unsigned long rtt_srtt_ms(const struct rtt *rtt)
{
	return rtt->srtt / 8;
}

#endif
