/* The hosted program:  cxboot [--net IFNAME]... [SCRIPT]
 *
 * Each --net attaches a host interface as net0, net1, ...  A SCRIPT runs
 * as the embedded script; otherwise commands are read from standard
 * input.  The exit status is that of the last command, or exit's N. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <config/branding.h>
#include <cxboot/image.h>
#include <usr/shell.h>
#include "linux_api.h"

static int usage(void)
{
	printf("Usage: cxboot [--net IFNAME]... [SCRIPT]\n");
	return 2;
}

static int run_script_file(const char *path)
{
	struct image *image;
	void *data;
	size_t len;
	int rc;

	rc = linux_read_file(path, &data, &len);
	if (rc) {
		printf("%s: %s\n", path, strerror(rc));
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
		printf("%s: not a script (%s)\n", path, strerror(rc));
	if (rc == 0)
		rc = image_exec(image);
	image_put(image);
	return rc;
}

int cxboot_main(int argc, char **argv)
{
	const char *script = NULL;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--net") == 0 && i + 1 < argc) {
			rc = linux_net_attach(argv[++i]);
			if (rc) {
				printf("--net %s: %s\n", argv[i], strerror(rc));
				return 2;
			}
		} else if (argv[i][0] == '-' || script) {
			return usage();
		} else {
			script = argv[i];
		}
	}
	if (script) {
		rc = run_script_file(script);
	} else {
		printf(PRODUCT_NAME " " VERSION
		       " -- network boot firmware (hosted)\n");
		return shell();
	}
	if (shell_exit_pending)
		return shell_exit_status;
	return rc ? 1 : 0;
}
