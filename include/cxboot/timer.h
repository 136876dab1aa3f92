/* Time and retry timers.  Time is in milliseconds since start-up. */
#ifndef CXBOOT_TIMER_H
#define CXBOOT_TIMER_H
#include <cxboot/compiler.h>
#include <cxboot/list.h>
#include <cxboot/refcnt.h>

#define TICKS_PER_SEC 1000UL

/* Provided by the platform. */
unsigned long currticks(void);   /* monotonic milliseconds */
void udelay(unsigned long usecs);

/* A timer that fires once; retry timers double their timeout on each
 * expiry between min and max (exponential back-off). */
struct retry_timer {
	struct list_head list;
	bool running;
	unsigned long start;     /* ticks when started */
	unsigned long timeout;   /* current timeout in ticks */
	unsigned long min, max;  /* back-off bounds; 0 = defaults */
	unsigned int count;      /* expiries so far since last stop */
	struct refcnt *refcnt;   /* held while running */
	/* fail is true when the timer is already at its maximum */
	void (*expired)(struct retry_timer *timer, int fail);
};

static inline void timer_init(struct retry_timer *t,
			      void (*expired)(struct retry_timer *, int),
			      struct refcnt *refcnt)
{
	INIT_LIST_HEAD(&t->list);
	t->running = false;
	t->expired = expired;
	t->refcnt = refcnt;
	t->min = t->max = 0;
	t->timeout = 0;
	t->count = 0;
}
/* Start with the current (backed-off) timeout. */
void start_timer(struct retry_timer *t);
/* Start with an explicit timeout in ticks (does not alter back-off). */
void start_timer_fixed(struct retry_timer *t, unsigned long timeout);
static inline void start_timer_nodelay(struct retry_timer *t)
{
	start_timer_fixed(t, 0);
}
void stop_timer(struct retry_timer *t);
static inline bool timer_running(const struct retry_timer *t)
{
	return t->running;
}
/* Called from the main loop. */
void timers_run(void);
/* Ticks until the next timer expires (for idle waits); ULONG_MAX if none */
unsigned long timers_next(void);

#define DEFAULT_MIN_TIMEOUT (TICKS_PER_SEC / 4)
#define DEFAULT_MAX_TIMEOUT (10 * TICKS_PER_SEC)

#endif
