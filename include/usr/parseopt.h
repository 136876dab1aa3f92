/* Command-line option parsing shared by every command.
 *
 *   static const struct option_desc opts[] = {
 *       { "name", 'n', OPT_ARG, &name },  { "no-newline", 'n', OPT_FLAG, &flag }
 *   };
 *   rc = parse_options(argc, argv, opts, count, "[--name NAME] URI", 1, 1);
 *
 * On success returns the index of the first non-option argument; on a
 * bad option or argument count it prints the usage and returns a
 * negative error. */
#ifndef USR_PARSEOPT_H
#define USR_PARSEOPT_H
#include <cxboot/compiler.h>

enum option_kind { OPT_FLAG, OPT_ARG };

struct option_desc {
	const char *longname;
	char shortname;
	enum option_kind kind;
	void *value;   /* bool * for OPT_FLAG, const char ** for OPT_ARG */
};

int parse_options(int argc, char **argv, const struct option_desc *opts,
		  unsigned int nopts, const char *usage, int min_args,
		  int max_args /* -1: unlimited */);
/* Parse an unsigned number argument; prints an error on failure. */
int parse_uint(const char *text, unsigned long *value);
/* Parse a key: one character stands for itself, anything longer is
 * a number (0x02 for Ctrl-B); prints an error on failure. */
int parse_key(const char *text, int *key);
/* Join argv[0..argc) with single spaces (allocated; "" when argc is
 * 0); NULL when out of memory. */
char *concat_args(int argc, char **argv);
/* Find a network device by name; prints an error on failure. */
struct net_device;
int parse_netdev(const char *text, struct net_device **netdev);

#endif
