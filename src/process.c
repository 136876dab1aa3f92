/* The cooperative main loop. */
#include <cxboot/process.h>
#include <cxboot/timer.h>

static LIST_HEAD(processes);

void process_add(struct process *p)
{
	if (list_empty(&p->list)) {
		list_add_tail(&p->list, &processes);
		ref_get(p->refcnt);
	}
}

void process_del(struct process *p)
{
	if (!list_empty(&p->list)) {
		list_del(&p->list);
		ref_put(p->refcnt);
	}
}

void step(void)
{
	struct process *p;

	for_each_table_entry(poller, pollers, struct poller)
		poller->poll();
	timers_run();
	/* One process per step, round robin: a step may add or remove
	 * processes, so the list is not walked. */
	p = list_first_entry(&processes, struct process, list);
	if (p) {
		struct refcnt *ref = ref_get(p->refcnt);

		list_del(&p->list);
		list_add_tail(&p->list, &processes);
		p->step(p);
		ref_put(ref);
	}
}
