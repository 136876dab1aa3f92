/* Waiting for a long operation.  job_wait() runs the main loop until
 * the job finishes, cancels it on Ctrl-C and shows progress. */
#ifndef CXBOOT_JOB_H
#define CXBOOT_JOB_H
#include <cxboot/compiler.h>

struct job {
	bool done;
	int rc;
	/* Progress, if known: bytes so far and expected total (0 unknown) */
	uint64_t pos, total;
	/* Stop the operation; must make the job done (rc = -ECANCELED). */
	void (*cancel)(struct job *job);
	void *priv;     /* for the operation's own use (e.g. by cancel) */
};

static inline void job_init(struct job *job, void (*cancel)(struct job *))
{
	job->done = false;
	job->rc = 0;
	job->pos = job->total = 0;
	job->cancel = cancel;
	job->priv = NULL;
}
static inline void job_finish(struct job *job, int rc)
{
	if (!job->done) {
		job->done = true;
		job->rc = rc;
	}
}
/* Show progress when show_progress; prints the result line prefix msg
 * if not NULL ("msg... ok" / "msg... <error>"). */
int job_wait(struct job *job, const char *msg, bool show_progress);

#endif
