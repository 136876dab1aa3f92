/* The hosted program:  cxboot [--net IFNAME]... [OPTION ARG]... [SCRIPT]
 *
 * Options this file does not know are offered to the host-option table
 * (<host_opt.h>: device models linked in attach simulated PCI functions
 * there).  Once every option is handled the PCI bus is probed, and then
 * each --net attaches a host interface, so that network devices are
 * numbered net0, net1, ... with the PCI adapters' ports first.  A SCRIPT
 * runs as the embedded script; otherwise commands are read from standard
 * input.  The exit status is that of the last command, or exit's N.
 *
 * Standard output carries only what the commands print (the console);
 * the program's own words about its arguments and about a script that
 * could not run or failed go to standard error. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <config/branding.h>
#include <cxboot/image.h>
#include <cxboot/pci.h>
#include <usr/shell.h>
#include <host_opt.h>
#include "linux_api.h"

#define MAX_NETS 16

static void __attribute__((format(printf, 1, 2))) message(const char *fmt,
								 ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	linux_write(2, buf, MIN((size_t)n, sizeof(buf) - 1));
}

static int usage(void)
{
	message("Usage: cxboot [--net IFNAME]...");
	for_each_table_entry(opt, host_options, struct host_option)
		message(" [%s %s]...", opt->name, opt->usage);
	message(" [SCRIPT]\n");
	return 2;
}

static const struct host_option *host_option(const char *name)
{
	for_each_table_entry(opt, host_options, struct host_option) {
		if (strcmp(opt->name, name) == 0)
			return opt;
	}
	return NULL;
}

static int attach_nets(const char **nets, unsigned int count)
{
	int rc;

	for (unsigned int i = 0; i < count; i++) {
		rc = linux_net_attach(nets[i]);
		if (rc) {
			message("--net %s: %s\n", nets[i], strerror(rc));
			return rc;
		}
	}
	return 0;
}

static int run_script_file(const char *path)
{
	struct image *image;
	void *data;
	size_t len;
	int rc;

	rc = linux_read_file(path, &data, &len);
	if (rc) {
		message("%s: %s\n", path, strerror(rc));
		return rc;
	}
	image = alloc_image(NULL);
	if (!image) {
		free(data);
		return -ENOMEM;
	}
	image->data = data;
	image->len = len;
	rc = image_set_name(image, strrchr(path, '/') ?
			    strrchr(path, '/') + 1 : path);
	if (rc == 0)
		rc = register_image(image);
	if (rc == 0 && (rc = image_probe(image)) != 0)
		message("%s: not a script (%s)\n", path, strerror(rc));
	if (rc == 0) {
		rc = image_exec(image);
		if (rc > 0)
			message("%s: exit %d\n", path, rc);
		else if (rc < 0)
			message("%s: failed: %s\n", path, strerror(rc));
	}
	image_put(image);
	return rc;
}

int cxboot_main(int argc, char **argv)
{
	const char *script = NULL, *nets[MAX_NETS];
	const struct host_option *opt;
	unsigned int nnets = 0;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--net") == 0 && i + 1 < argc) {
			if (nnets == MAX_NETS)
				return usage();
			nets[nnets++] = argv[++i];
		} else if ((opt = host_option(argv[i])) && i + 1 < argc) {
			if (opt->handle(argv[++i]) != 0)
				return 2;
		} else if (argv[i][0] == '-' || script) {
			return usage();
		} else {
			script = argv[i];
		}
	}
	pci_probe_all();
	if (attach_nets(nets, nnets) != 0)
		return 2;
	if (script) {
		rc = shell_status(run_script_file(script));
	} else {
		printf(PRODUCT_NAME " " VERSION
		       " -- network boot firmware (hosted)\n");
		rc = shell();
	}
	/* The devices are left as the ROM leaves them for the BIOS. */
	pci_remove_all();
	return rc;
}
