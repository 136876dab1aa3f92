/* Unit tests for the RFC 6298 round-trip estimator (net/rtt.c). */
#include "test.h"
#include <net/rtt.h>

UNIT_TEST(rtt_rfc6298_vectors)
{
	struct rtt rtt;

	/* RFC 6298 (2.1): the initial RTO before any sample, then back-off
	 * up to the cap. */
	rtt_init(&rtt, 1000, 2, 3000);
	ok(rtt_rto(&rtt, 0) == 1000);
	ok(rtt_rto(&rtt, 1) == 2000);
	ok(rtt_rto(&rtt, 2) == 3000);
	ok(rtt_rto(&rtt, 100) == 3000);
	ok(rtt_srtt_ms(&rtt) == 0);

	/* First sample R: SRTT = R, RTTVAR = R/2, RTO = R + 4 R/2. */
	rtt_sample(&rtt, 100);
	ok(rtt_rto(&rtt, 0) == 300);
	ok(rtt_srtt_ms(&rtt) == 100);
	/* Same again: RTTVAR = 3/4 * 50 = 37.5, RTO = 100 + 150. */
	rtt_sample(&rtt, 100);
	ok(rtt_rto(&rtt, 0) == 250);
	ok(rtt_rto(&rtt, 1) == 500);
	ok(rtt_rto(&rtt, 3) == 2000);
	ok(rtt_rto(&rtt, 4) == 3000);

	/* A slower sample: RTTVAR = (3 * 37.5 + 100) / 4 = 53.125,
	 * SRTT = (7 * 100 + 200) / 8 = 112.5, RTO = 325 ms. */
	rtt_sample(&rtt, 200);
	ok(rtt_rto(&rtt, 0) == 325);
	ok(rtt_srtt_ms(&rtt) == 112);
}

UNIT_TEST(rtt_lan_floor)
{
	struct rtt rtt;
	int i;

	/* Sub-millisecond LAN: down to the floor, and doubling from it. */
	rtt_init(&rtt, 1000, 2, 3000);
	rtt_sample(&rtt, 0);
	ok(rtt_rto(&rtt, 0) == 2);
	ok(rtt_rto(&rtt, 1) == 4);
	ok(rtt_rto(&rtt, 30) == 3000);
	for (i = 0; i < 50; i++)
		rtt_sample(&rtt, 1);
	ok(rtt_rto(&rtt, 0) == 2);

	/* A steady 10 ms link: RTTVAR decays to nothing, leaving SRTT plus
	 * the 1 ms clock granularity. */
	rtt_init(&rtt, 1000, 2, 3000);
	for (i = 0; i < 100; i++)
		rtt_sample(&rtt, 10);
	ok(rtt_rto(&rtt, 0) == 11);
}

UNIT_TEST(rtt_bounds_are_the_callers)
{
	struct rtt rtt;

	/* TCP-like bounds: a 200 ms floor and a 60 s cap. */
	rtt_init(&rtt, 1000, 200, 60000);
	ok(rtt_rto(&rtt, 0) == 1000);
	ok(rtt_rto(&rtt, 5) == 32000);
	ok(rtt_rto(&rtt, 6) == 60000);
	rtt_sample(&rtt, 10);
	ok(rtt_rto(&rtt, 0) == 200);
	ok(rtt_rto(&rtt, 2) == 800);

	/* A huge sample counts as RTT_SAMPLE_MAX and overflows nothing:
	 * RTO = R + 4 R/2 = 3 R, capped. */
	rtt_init(&rtt, 1000, 200, 60000);
	rtt_sample(&rtt, ~0UL);
	ok(rtt_srtt_ms(&rtt) == RTT_SAMPLE_MAX);
	ok(rtt_rto(&rtt, 0) == 60000);
	rtt_init(&rtt, 1000, 200, 1000000);
	rtt_sample(&rtt, ~0UL);
	ok(rtt_rto(&rtt, 0) == 3 * RTT_SAMPLE_MAX);
}
