/* The shell: splitting a line into commands and running them. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <config/branding.h>
#include <cxboot/console.h>
#include <cxboot/readline.h>
#include <cxboot/settings.h>
#include <usr/script_parse.h>
#include <usr/shell.h>

static enum shell_stop_level stop_level;

void shell_stop(enum shell_stop_level level)
{
	stop_level = level;
}

bool shell_stopped(enum shell_stop_level level)
{
	bool stopped = stop_level && stop_level >= level;

	if (stop_level <= level)
		stop_level = 0;
	return stopped;
}

int shell_status(int rc)
{
	return rc > 0 ? (rc & 0xff) : rc ? 1 : 0;
}

int run_command(int argc, char **argv)
{
	if (!argc)
		return 0;
	for_each_table_entry(cmd, commands, struct command) {
		if (strcmp(cmd->name, argv[0]) == 0)
			return cmd->exec(argc, argv);
	}
	printf("%s: command not found\n", argv[0]);
	return -ENOENT;
}

/* Expand ${...} in each word separately (a value with spaces stays one
 * argument; an empty one stays an empty argument) and run them. */
static int run_words(int argc, char **words)
{
	char **argv = zalloc((argc + 1) * sizeof(*argv));
	int rc = 0;

	if (!argv)
		return -ENOMEM;
	for (int i = 0; i < argc && rc == 0; i++) {
		argv[i] = expand_settings(words[i]);
		if (!argv[i])
			rc = -ENOMEM;
	}
	if (rc == 0)
		rc = run_command(argc, argv);
	else
		printf("Out of memory\n");
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
	return rc;
}

int system(const char *line)
{
	char *copy = strdup(line);
	char **words;
	int count, rc = 0;
	bool run = true;

	if (!copy)
		return -ENOMEM;
	count = shell_split(copy, NULL);
	words = malloc((count + 1) * sizeof(*words));
	if (!words) {
		free(copy);
		return -ENOMEM;
	}
	shell_split(copy, words);
	for (int i = 0; ; ) {
		enum shell_sep sep;
		int n = shell_command_end(words + i, count - i, &sep);

		if (run)
			rc = run_words(n, words + i);
		if (shell_stopped(SHELL_STOP_LINE) || sep == SEP_END)
			break;
		/* The last command that ran decides, left to right. */
		run = shell_sep_runs_next(sep, rc);
		i += n + 1;
	}
	free(words);
	free(copy);
	return rc;
}

int shell(void)
{
	static struct history history;
	int rc = 0;

	for (;;) {
		int rl_rc;
		char *line = readline_history(PRODUCT_PROMPT, NULL, &history,
					       &rl_rc);

		if (!line) {
			if (rl_rc == -ECANCELED)
				continue;
			break;  /* end of input */
		}
		rc = system(line);
		free(line);
		if (shell_stopped(SHELL_STOP_SCRIPT))
			break;
	}
	return shell_status(rc);
}
