/* Retry timers with exponential back-off, run from the main loop. */
#include <cxboot/timer.h>
#include <limits.h>

static LIST_HEAD(timers);

static unsigned long tmin(const struct retry_timer *t)
{
	return t->min ? t->min : DEFAULT_MIN_TIMEOUT;
}

static unsigned long tmax(const struct retry_timer *t)
{
	return t->max ? t->max : DEFAULT_MAX_TIMEOUT;
}

void start_timer_fixed(struct retry_timer *t, unsigned long timeout)
{
	if (!t->running) {
		list_add_tail(&t->list, &timers);
		ref_get(t->refcnt);
		t->running = true;
	}
	t->start = currticks();
	t->timeout = timeout;
}

void start_timer(struct retry_timer *t)
{
	unsigned long timeout = t->timeout;

	if (timeout < tmin(t))
		timeout = tmin(t);
	if (timeout > tmax(t))
		timeout = tmax(t);
	start_timer_fixed(t, timeout);
}

void stop_timer(struct retry_timer *t)
{
	if (!t->running)
		return;
	list_del(&t->list);
	t->running = false;
	t->count = 0;
	t->timeout = 0;   /* the next start begins the back-off afresh */
	ref_put(t->refcnt);
}

static void timer_expire(struct retry_timer *t)
{
	struct refcnt *ref = t->refcnt;
	int fail;

	list_del(&t->list);
	t->running = false;
	t->count++;
	/* Back off: double for the next start_timer(). */
	fail = t->timeout >= tmax(t);
	t->timeout = t->timeout ? t->timeout * 2 : tmin(t);
	if (t->timeout > tmax(t))
		t->timeout = tmax(t);
	t->expired(t, fail);
	ref_put(ref);
}

void timers_run(void)
{
	unsigned long now = currticks();
	struct retry_timer *t, *tmp;

	/* One expiry per pass: a handler may start or stop other timers. */
	list_for_each_entry_safe(t, tmp, &timers, list) {
		if (now - t->start >= t->timeout) {
			timer_expire(t);
			return;
		}
	}
}

unsigned long timers_next(void)
{
	unsigned long now = currticks(), best = ULONG_MAX;
	struct retry_timer *t;

	list_for_each_entry(t, &timers, list) {
		unsigned long left = now - t->start >= t->timeout ?
			0 : t->timeout - (now - t->start);
		if (left < best)
			best = left;
	}
	return best;
}
