/* ping: ICMP echo requests until the count is reached or Ctrl-C. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cxboot/job.h>
#include <cxboot/timer.h>
#include <net/icmp.h>
#include <usr/parseopt.h>
#include <usr/shell.h>

#define PING_IDENT 0x6378

struct pinger {
	struct job job;
	struct retry_timer timer;
	struct in_addr dest;
	unsigned long count, sent, received, size, timeout;
	unsigned long sent_at;
};

static struct pinger *active;

static void ping_reply(const struct icmp_echo_reply *r)
{
	struct pinger *p = active;

	/* A reply may come late (e.g. after ARP resolved): any sequence
	 * number we sent counts. */
	if (!p || r->ident != PING_IDENT || r->src.s_addr != p->dest.s_addr ||
	    r->seq == 0 || r->seq > p->sent)
		return;
	printf("%zu bytes from %s: seq=%u%s\n", r->len, inet_ntoa(r->src),
	       r->seq, r->payload_ok ? "" : " (corrupt payload)");
	p->received++;
	if (p->count && p->received >= p->count)
		job_finish(&p->job, 0);
}

static void ping_send(struct retry_timer *t, int fail)
{
	struct pinger *p = container_of(t, struct pinger, timer);
	int rc;

	if (p->count && p->sent >= p->count) {
		job_finish(&p->job, p->received ? 0 : -ETIMEDOUT);
		return;
	}
	p->sent++;
	rc = icmp_echo_request(p->dest, PING_IDENT, p->sent, p->size);
	if (rc)
		printf("From %s: seq=%lu %s\n", inet_ntoa(p->dest), p->sent,
		       strerror(rc));
	start_timer_fixed(&p->timer, p->timeout);
}

static void ping_cancel(struct job *job)
{
	struct pinger *p = container_of(job, struct pinger, job);

	stop_timer(&p->timer);
}

static int ping_exec(int argc, char **argv)
{
	const char *count = NULL, *size = NULL, *timeout = NULL;
	const struct option_desc opts[] = {
		{ "count", 'c', OPT_ARG, &count },
		{ "size", 's', OPT_ARG, &size },
		{ "timeout", 't', OPT_ARG, &timeout },
	};
	struct pinger p = { .size = 64, .timeout = 1000 };
	int rc, i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
				  "[--count N] [--size N] [--timeout MS] HOST",
				  1, 1);

	if (i < 0)
		return i;
	if ((count && parse_uint(count, &p.count)) ||
	    (size && parse_uint(size, &p.size)) ||
	    (timeout && parse_uint(timeout, &p.timeout)))
		return -EINVAL;
	if (p.size > 1400) {
		printf("ping: size %lu too large\n", p.size);
		return -EINVAL;
	}
	if (!inet_aton(argv[i], &p.dest)) {
		printf("ping: %s: not an IPv4 address\n", argv[i]);
		return -EINVAL;
	}
	job_init(&p.job, ping_cancel);
	timer_init(&p.timer, ping_send, NULL);
	active = &p;
	icmp_echo_reply_handler = ping_reply;
	start_timer_nodelay(&p.timer);
	rc = job_wait(&p.job, NULL, false);
	stop_timer(&p.timer);
	icmp_echo_reply_handler = NULL;
	active = NULL;
	if (rc == 0 && p.received < p.sent)
		rc = -ETIMEDOUT;
	if (rc && rc != -ECANCELED)
		printf("ping: %s: %lu sent, %lu received\n", argv[i], p.sent,
		       p.received);
	return rc == -ECANCELED && p.received ? 0 : rc;
}
COMMAND(ping) = { "ping", ping_exec };
