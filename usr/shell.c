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
#include <usr/shell.h>

bool shell_exit_pending;
int shell_exit_status;

#define MAX_ARGS 64
#define SEP_OR ((char *)1)
#define SEP_AND ((char *)2)

static char *separator(const char *p)
{
	if (p[0] == '|' && p[1] == '|')
		return SEP_OR;
	if (p[0] == '&' && p[1] == '&')
		return SEP_AND;
	return NULL;
}

/* Split text in place into words; quotes group, and an unquoted "||"
 * or "&&" becomes a separator marker.  Returns the count or -E2BIG. */
static int split_words(char *p, char **words, int max)
{
	int n = 0;

	while (*p) {
		char *out, *sep, quote = 0;

		if (isspace(*p)) {
			p++;
			continue;
		}
		if (n == max)
			return -E2BIG;
		if ((sep = separator(p))) {
			words[n++] = sep;
			p += 2;
			continue;
		}
		words[n++] = out = p;
		while (*p && (quote || (!isspace(*p) && !separator(p)))) {
			if (quote ? *p == quote : (*p == '"' || *p == '\'')) {
				quote = quote ? 0 : *p;
				p++;
				continue;
			}
			*out++ = *p++;
		}
		/* A separator right after the word stays for the next pass,
		 * unless terminating the word would overwrite it. */
		sep = separator(p);
		if (sep && out == p) {
			if (n == max)
				return -E2BIG;
			*out = '\0';
			words[n++] = sep;
			p += 2;
			continue;
		}
		if (*p && !sep)
			p++;
		*out = '\0';
	}
	return n;
}

static int run_command(int argc, char **argv)
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

int system(const char *line)
{
	char *text = expand_settings(line);
	char *words[MAX_ARGS + 1];
	int n, start = 0, rc = 0;
	bool skip = false;

	if (!text) {
		printf("Out of memory\n");
		return -ENOMEM;
	}
	n = split_words(text, words, MAX_ARGS);
	if (n < 0) {
		printf("Too many arguments\n");
		free(text);
		return n;
	}
	for (int i = 0; i <= n && !shell_exit_pending; i++) {
		char *sep = i < n ? words[i] : NULL;

		if (i < n && sep != SEP_OR && sep != SEP_AND)
			continue;
		words[i] = NULL;
		if (!skip)
			rc = run_command(i - start, &words[start]);
		/* "a || b" runs b only if a failed; "a && b" only if it
		 * succeeded. */
		skip = (sep == SEP_OR && rc == 0) || (sep == SEP_AND && rc != 0);
		start = i + 1;
	}
	free(text);
	return rc;
}

int script_run(const char *text, size_t len)
{
	const char *end = text + len;
	int rc = 0;

	while (text < end && !shell_exit_pending) {
		const char *nl = memchr(text, '\n', end - text);
		size_t n = (nl ? nl : end) - text;
		char *line = strndup(text, n);

		text += n + (nl ? 1 : 0);
		if (!line)
			return -ENOMEM;
		if (n && line[n - 1] == '\r')
			line[n - 1] = '\0';
		if (line[0] != '#' && line[0] != ':')
			rc = system(line);
		free(line);
		if (rc)
			break;
	}
	return rc;
}

int shell(void)
{
	static struct history history;
	int rc = 0;

	while (!shell_exit_pending) {
		int rl_rc;
		char *line = readline_history(PRODUCT_PROMPT, &history, &rl_rc);

		if (!line) {
			if (rl_rc == -ECANCELED)
				continue;
			break;  /* end of input */
		}
		rc = system(line);
		free(line);
	}
	if (shell_exit_pending)
		return shell_exit_status;
	return rc ? 1 : 0;
}
