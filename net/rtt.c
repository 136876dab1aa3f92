/* RFC 6298 round-trip estimator and retransmission timeout. */
#include <net/rtt.h>

void rtt_init(struct rtt *rtt, unsigned long initial, unsigned long min,
	      unsigned long max)
{
	rtt->valid = false;
	rtt->srtt = rtt->rttvar = 0;
	rtt->initial = initial;
	rtt->min = min;
	rtt->max = max;
}

void rtt_sample(struct rtt *rtt, unsigned long ms)
{
	unsigned long r, delta;

	ms = MIN(ms, RTT_SAMPLE_MAX);
	r = ms * 8;
	if (!rtt->valid) {
		rtt->valid = true;
		rtt->srtt = r;
		rtt->rttvar = r / 2;
		return;
	}
	/* RFC 6298 (2.3) with alpha 1/8 and beta 1/4, arranged so that
	 * truncation cannot hold SRTT below the samples or leave RTTVAR
	 * stuck above zero on a steady link. */
	delta = rtt->srtt > r ? rtt->srtt - r : r - rtt->srtt;
	rtt->rttvar = rtt->rttvar - (rtt->rttvar + 3) / 4 + delta / 4;
	rtt->srtt = rtt->srtt - rtt->srtt / 8 + ms;
}

unsigned long rtt_rto(const struct rtt *rtt, unsigned int backoff)
{
	unsigned long rto = rtt->initial;

	if (rtt->valid) {
		/* RFC 6298 (2.3) with a clock granularity of 1 ms. */
		rto = rtt->srtt + MAX(8UL, 4 * rtt->rttvar);
		rto = (rto + 7) / 8;
	}
	rto = MAX(rto, rtt->min);
	while (backoff-- && rto < rtt->max)
		rto *= 2;
	return MIN(rto, rtt->max);
}
