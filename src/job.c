/* Waiting for a job, with Ctrl-C to cancel and a progress line. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cxboot/job.h>
#include <cxboot/console.h>
#include <cxboot/process.h>
#include <cxboot/timer.h>

#define PROGRESS_INTERVAL (TICKS_PER_SEC / 2)

/* "12.3 MiB" style, with integer arithmetic only. */
static void print_size(unsigned long long bytes)
{
	static const char units[] = "KMG";
	unsigned int i = 0;
	unsigned long long scaled;

	if (bytes < 1024) {
		printf("%llu B", bytes);
		return;
	}
	scaled = bytes * 10 / 1024;
	while (scaled >= 10240 && i < 2) {
		scaled /= 1024;
		i++;
	}
	printf("%llu.%llu %ciB", scaled / 10, scaled % 10, units[i]);
}

static void show_progress(const struct job *job, const char *msg,
			  unsigned long elapsed)
{
	printf("\r%s... ", msg ? msg : "");
	print_size(job->pos);
	if (job->total) {
		printf(" of ");
		print_size(job->total);
	}
	if (elapsed) {
		printf(" (");
		print_size((unsigned long long)job->pos * TICKS_PER_SEC /
			   elapsed);
		printf("/s)");
	}
	printf("\x1b[K");
}

/* ", 32.0 MiB at 48.1 MiB/s" after a transfer's "ok". */
static void show_summary(const struct job *job, unsigned long elapsed)
{
	printf(", ");
	print_size(job->pos);
	if (elapsed) {
		printf(" at ");
		print_size((unsigned long long)job->pos * TICKS_PER_SEC /
			   elapsed);
		printf("/s");
	}
}

int job_wait(struct job *job, const char *msg, bool progress)
{
	unsigned long start = currticks(), last = start;
	bool shown = false;

	if (msg)
		printf("%s...", msg);
	while (!job->done) {
		step();
		if (peekkey() == CTRL('C')) {
			getkey();
			if (job->cancel)
				job->cancel(job);
			job_finish(job, -ECANCELED);
			break;
		}
		if (progress && currticks() - last >= PROGRESS_INTERVAL) {
			last = currticks();
			show_progress(job, msg, last - start);
			shown = true;
		}
		if (!job->done)
			cpu_nap(timers_next());
	}
	/* Rewrite the line as "msg... result", erasing the progress tail. */
	if (shown)
		printf("\r%s...", msg ? msg : "");
	if (msg) {
		printf(" %s", job->rc == 0 ? "ok" : strerror(job->rc));
		if (progress && job->rc == 0)
			show_summary(job, currticks() - start);
	}
	if (shown)
		printf("\x1b[K");
	if (msg || shown)
		printf("\n");
	return job->rc;
}
