/* help, echo, exit, sleep. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cxboot/job.h>
#include <cxboot/timer.h>
#include <usr/parseopt.h>
#include <usr/shell.h>

static int help_exec(int argc, char **argv)
{
	unsigned int col = 0;

	printf("Available commands:\n\n");
	for_each_table_entry(cmd, commands, struct command) {
		printf("  %-12s", cmd->name);
		if (++col % 5 == 0)
			printf("\n");
	}
	if (col % 5)
		printf("\n");
	printf("\nType \"<command> --help\" for usage\n");
	return 0;
}
COMMAND(help) = { "help", help_exec };

static int echo_exec(int argc, char **argv)
{
	bool no_newline = false;
	const struct option_desc opts[] = {
		{ "no-newline", 'n', OPT_FLAG, &no_newline },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
			      "[-n] [TEXT...]", 0, -1);

	if (i < 0)
		return i;
	for (int first = i; i < argc; i++)
		printf("%s%s", i > first ? " " : "", argv[i]);
	if (!no_newline)
		printf("\n");
	return 0;
}
COMMAND(echo) = { "echo", echo_exec };

static int exit_exec(int argc, char **argv)
{
	unsigned long status = 0;
	int i = parse_options(argc, argv, NULL, 0, "[STATUS]", 0, 1);

	if (i < 0)
		return i;
	if (i < argc && parse_uint(argv[i], &status) != 0)
		return -EINVAL;
	shell_stop(SHELL_STOP_SCRIPT);
	return status;
}
COMMAND(exit) = { "exit", exit_exec };

struct sleeper {
	struct retry_timer timer;
	struct job *job;
};

static void sleep_expired(struct retry_timer *timer, int fail)
{
	struct sleeper *s = container_of(timer, struct sleeper, timer);

	job_finish(s->job, 0);
}

static void sleep_cancel(struct job *job)
{
	struct sleeper *s = job->priv;

	stop_timer(&s->timer);
}

static int sleep_exec(int argc, char **argv)
{
	struct sleeper s;
	struct job job;
	unsigned long secs;
	int i = parse_options(argc, argv, NULL, 0, "SECONDS", 1, 1);

	if (i < 0)
		return i;
	if (parse_uint(argv[i], &secs) != 0)
		return -EINVAL;
	job_init(&job, sleep_cancel);
	job.priv = &s;
	s.job = &job;
	timer_init(&s.timer, sleep_expired, NULL);
	start_timer_fixed(&s.timer, secs * TICKS_PER_SEC);
	return job_wait(&job, NULL, false);
}
COMMAND(sleep) = { "sleep", sleep_exec };
