/* prompt, read, login: asking the user at the console. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/console.h>
#include <cxboot/readline.h>
#include <cxboot/settings.h>
#include <usr/parseopt.h>
#include <usr/shell.h>

/* prompt [--key K] [--timeout MS] [TEXT]: succeeds when K (or any key
 * without --key) is pressed in time.  The text is erased again either
 * way, and a timeout prints nothing more. */
static int prompt_exec(int argc, char **argv)
{
	const char *key_text = NULL, *timeout_text = NULL;
	const struct option_desc opts[] = {
		{ "key", 'k', OPT_ARG, &key_text },
		{ "timeout", 't', OPT_ARG, &timeout_text },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
			      "[--key KEY] [--timeout MS] [TEXT...]", 0, -1);
	unsigned long timeout = 0;
	int want = 0, key;
	char *text;
	size_t len;

	if (i < 0)
		return i;
	if (key_text && parse_key(key_text, &want) != 0)
		return -EINVAL;
	if (timeout_text && parse_uint(timeout_text, &timeout) != 0)
		return -EINVAL;
	text = concat_args(argc - i, argv + i);
	if (!text)
		return -ENOMEM;
	printf("%s", text);
	key = getkey_timeout(timeout);
	len = strlen(text);
	if (len) {
		while (len--)
			putchar('\b');
		printf("\x1b[K");
	}
	free(text);
	if (key == KEY_NONE)
		return -ETIMEDOUT;
	if (key == KEY_EOF)
		return -EPIPE;
	/* Enter arrives as LF from a pipe and as CR from a keyboard. */
	if (key == '\n')
		key = '\r';
	return !want || key == want ? 0 : -ECANCELED;
}
COMMAND(prompt) = { "prompt", prompt_exec };

/* Read one line into the setting called name (a secret one shows as
 * '*'). */
static int read_into(const char *name, unsigned long timeout, bool secret)
{
	struct settings *settings;
	struct setting setting;
	char buf[128], *line, *old = NULL;
	int rc;

	snprintf(buf, sizeof(buf), "%s", name);
	rc = parse_setting_name(buf, &settings, &setting, NULL);
	if (rc) {
		printf("\"%s\": %s\n", name, strerror(rc));
		return rc;
	}
	rc = wait_for_key(timeout);
	if (rc == KEY_NONE)
		return -ETIMEDOUT;
	/* The current value is there to edit, as iPXE offers it. */
	fetchf_setting_copy(settings, &setting, &old);
	line = secret ? readline_secret(NULL, &rc) :
		readline_history(NULL, old, NULL, &rc);
	free(old);
	if (!line)
		return rc;
	rc = storef_setting(settings, &setting, line);
	if (rc)
		printf("Could not set \"%s\" to \"%s\": %s\n", name, line,
		       strerror(rc));
	free(line);
	return rc;
}

static int read_exec(int argc, char **argv)
{
	const char *timeout_text = NULL;
	const struct option_desc opts[] = {
		{ "timeout", 't', OPT_ARG, &timeout_text },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
			      "[--timeout MS] SETTING", 1, 1);
	unsigned long timeout = 0;

	if (i < 0)
		return i;
	if (timeout_text && parse_uint(timeout_text, &timeout) != 0)
		return -EINVAL;
	return read_into(argv[i], timeout, false);
}
COMMAND(read) = { "read", read_exec };

/* login: the username and password settings (HTTP authentication). */
static int login_exec(int argc, char **argv)
{
	int rc, i = parse_options(argc, argv, NULL, 0, "", 0, 0);

	if (i < 0)
		return i;
	printf("Username: ");
	if ((rc = read_into("username", 0, false)) != 0)
		return rc;
	printf("Password: ");
	return read_into("password", 0, true);
}
COMMAND(login) = { "login", login_exec };
