/* Command-line options that a linked-in module adds to the hosted
 * program (cxboot-sim's --connectx).  cli.c offers every option it does
 * not know itself to this table:
 *
 *   HOST_OPTION(connectx_opt) = {
 *           .name = "--connectx", .usage = "port1=eth:IFNAME[,...]",
 *           .handle = connectx_attach,
 *   };
 *
 * handle() runs before the PCI bus is probed; it prints its own message
 * and returns non-zero when the argument is wrong. */
#ifndef HOST_OPT_H
#define HOST_OPT_H
#include <cxboot/tables.h>

struct host_option {
	const char *name;
	const char *usage;
	int (*handle)(const char *arg);
};
#define HOST_OPTION(name) TABLE_ENTRY(host_options, struct host_option, name)

#endif
