/* The cooperative main loop.  Everything polls; step() runs one round:
 * network devices, due timers and every registered process. */
#ifndef CXBOOT_PROCESS_H
#define CXBOOT_PROCESS_H
#include <cxboot/list.h>
#include <cxboot/refcnt.h>
#include <cxboot/tables.h>

struct process {
	struct list_head list;
	void (*step)(struct process *p);
	struct refcnt *refcnt;
};

static inline void process_init(struct process *p,
				void (*fn)(struct process *),
				struct refcnt *refcnt)
{
	INIT_LIST_HEAD(&p->list);
	p->step = fn;
	p->refcnt = refcnt;
}
void process_add(struct process *p);
void process_del(struct process *p);

/* Always-running activities (e.g. network polling) register here. */
struct poller {
	void (*poll)(void);
};
#define POLLER(name) TABLE_ENTRY(pollers, struct poller, name)

void step(void);
/* Let the CPU rest until something may have happened (platform hook);
 * max_ticks bounds the wait. */
void cpu_nap(unsigned long max_ticks);

#endif
