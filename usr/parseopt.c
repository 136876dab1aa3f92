/* Option parsing for commands. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <usr/parseopt.h>
#include <net/netdevice.h>

static const struct option_desc *find_option(const struct option_desc *opts,
					     unsigned int n, const char *arg)
{
	for (unsigned int i = 0; i < n; i++) {
		if (arg[1] == '-' ? strcmp(arg + 2, opts[i].longname) == 0 :
		    (arg[1] == opts[i].shortname && !arg[2]))
			return &opts[i];
	}
	return NULL;
}

int parse_options(int argc, char **argv, const struct option_desc *opts,
		  unsigned int nopts, const char *usage, int min_args,
		  int max_args)
{
	int i, nargs;

	for (i = 1; i < argc; i++) {
		const struct option_desc *opt;
		char *arg = argv[i];

		if (arg[0] != '-' || !arg[1])
			break;
		if (strcmp(arg, "--") == 0) {
			i++;
			break;
		}
		opt = find_option(opts, nopts, arg);
		if (!opt) {
			printf("%s: unknown option \"%s\"\n", argv[0], arg);
			goto usage;
		}
		if (opt->kind == OPT_FLAG) {
			*(bool *)opt->value = true;
			continue;
		}
		if (++i >= argc) {
			printf("%s: option \"%s\" needs a value\n", argv[0],
			       arg);
			goto usage;
		}
		*(const char **)opt->value = argv[i];
	}
	nargs = argc - i;
	if (nargs < min_args || (max_args >= 0 && nargs > max_args)) {
		printf("%s: wrong number of arguments\n", argv[0]);
		goto usage;
	}
	return i;
usage:
	printf("Usage: %s %s\n", argv[0], usage);
	return -EINVAL;
}

int parse_uint(const char *text, unsigned long *value)
{
	char *end;

	*value = strtoul(text, &end, 0);
	if (!*text || *end) {
		printf("\"%s\": not a number\n", text);
		return -EINVAL;
	}
	return 0;
}

int parse_netdev(const char *text, struct net_device **netdev)
{
	*netdev = find_netdev(text);
	if (!*netdev) {
		printf("%s: no such network device\n", text);
		return -ENODEV;
	}
	return 0;
}

int parse_key(const char *text, int *key)
{
	unsigned long value;

	if (text[0] && !text[1]) {
		*key = (unsigned char)text[0];
		return 0;
	}
	if (parse_uint(text, &value) != 0)
		return -EINVAL;
	*key = value;
	return 0;
}

char *concat_args(int argc, char **argv)
{
	size_t len = 1;
	char *text;

	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	text = zalloc(len);
	for (int i = 0; text && i < argc; i++) {
		if (i)
			strcat(text, " ");
		strcat(text, argv[i]);
	}
	return text;
}
