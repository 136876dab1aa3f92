/* set, show, clear, isset, iseq: the settings from the shell. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/settings.h>
#include <usr/parseopt.h>
#include <usr/shell.h>

/* Parse a setting name argument, reporting errors.  A name without a
 * type gets string for storing; fetching keeps the stored type. */
static int parse_name(char *name, struct settings **settings,
		      struct setting *setting,
		      const struct setting_type *default_type)
{
	int rc = parse_setting_name(name, settings, setting, default_type);

	if (rc)
		printf("\"%s\": %s\n", name, strerror(rc));
	return rc;
}

static int set_exec(int argc, char **argv)
{
	struct settings *settings;
	struct setting setting;
	char *value;
	int rc, i = parse_options(argc, argv, NULL, 0, "NAME [VALUE...]", 1,
				  -1);

	if (i < 0)
		return i;
	if ((rc = parse_name(argv[i], &settings, &setting,
			      &setting_type_string)) != 0)
		return rc;
	value = concat_args(argc - i - 1, argv + i + 1);
	if (!value)
		return -ENOMEM;
	rc = value[0] ? storef_setting(settings, &setting, value) :
		delete_setting(settings, &setting);
	if (rc)
		printf("Could not set \"%s\" to \"%s\": %s\n", argv[i], value,
		       strerror(rc));
	free(value);
	return rc;
}
COMMAND(set) = { "set", set_exec };

static int clear_exec(int argc, char **argv)
{
	struct settings *settings;
	struct setting setting;
	int rc, i = parse_options(argc, argv, NULL, 0, "NAME", 1, 1);

	if (i < 0)
		return i;
	if ((rc = parse_name(argv[i], &settings, &setting,
			      &setting_type_string)) != 0)
		return rc;
	rc = delete_setting(settings, &setting);
	if (rc)
		printf("Could not clear \"%s\": %s\n", argv[i], strerror(rc));
	return rc;
}
COMMAND(clear) = { "clear", clear_exec };

static int show_exec(int argc, char **argv)
{
	struct settings *settings, *origin;
	struct setting setting;
	char name[128], *value;
	int rc, i = parse_options(argc, argv, NULL, 0, "NAME", 1, 1);

	if (i < 0)
		return i;
	if ((rc = parse_name(argv[i], &settings, &setting,
			      NULL)) != 0)
		return rc;
	rc = fetch_setting(settings, &setting, &origin, NULL, 0);
	if (rc < 0) {
		printf("\"%s\": %s\n", argv[i], strerror(rc));
		return rc;
	}
	rc = fetchf_setting_copy(origin, &setting, &value);
	if (rc < 0) {
		printf("\"%s\": %s\n", argv[i], strerror(rc));
		return rc;
	}
	setting_name(origin, &setting, name, sizeof(name));
	printf("%s = %s\n", name, value);
	free(value);
	return 0;
}
COMMAND(show) = { "show", show_exec };

static int isset_exec(int argc, char **argv)
{
	int i = parse_options(argc, argv, NULL, 0, "VALUE", 1, 1);

	if (i < 0)
		return i;
	/* An unset setting expands to an empty argument. */
	return argv[i][0] ? 0 : -ENOENT;
}
COMMAND(isset) = { "isset", isset_exec };

static int iseq_exec(int argc, char **argv)
{
	int i = parse_options(argc, argv, NULL, 0, "VALUE1 VALUE2", 2, 2);

	if (i < 0)
		return i;
	return strcmp(argv[i], argv[i + 1]) == 0 ? 0 : -ERANGE;
}
COMMAND(iseq) = { "iseq", iseq_exec };

/* inc NAME [N]: add N (default 1) to a number setting; an unset
 * setting counts as 0. */
static int inc_exec(int argc, char **argv)
{
	struct settings *settings;
	struct setting setting;
	unsigned long value = 0, step = 1;
	char *text, num[24];
	int rc, i = parse_options(argc, argv, NULL, 0, "NAME [N]", 1, 2);

	if (i < 0)
		return i;
	if (i + 1 < argc && parse_uint(argv[i + 1], &step) != 0)
		return -EINVAL;
	if ((rc = parse_name(argv[i], &settings, &setting,
			      NULL)) != 0)
		return rc;
	if (fetchf_setting_copy(settings, &setting, &text) >= 0) {
		rc = parse_uint(text, &value);
		free(text);
		if (rc)
			return rc;
	}
	snprintf(num, sizeof(num), "%lu", value + step);
	rc = storef_setting(settings, &setting, num);
	if (rc)
		printf("Could not set \"%s\": %s\n", argv[i], strerror(rc));
	return rc;
}
COMMAND(inc) = { "inc", inc_exec };
