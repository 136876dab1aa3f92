/* Start-up: run every registered init function in priority order. */
#include <cxboot/tables.h>

void run_init_fns(void)
{
	int prio = -1;

	/* Few entries: pick the next priority each pass. */
	for (;;) {
		int next = 1 << 30;

		for_each_table_entry(fn, init_fns, struct init_fn)
			if (fn->priority > prio && fn->priority < next)
				next = fn->priority;
		if (next == 1 << 30)
			return;
		for_each_table_entry(fn, init_fns, struct init_fn)
			if (fn->priority == next)
				fn->init();
		prio = next;
	}
}
