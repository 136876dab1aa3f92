/* kernel (imgselect), initrd, imgargs, boot (imgexec), chain: choosing
 * what to boot and booting it.
 *
 *   kernel tftp://10.0.0.1/vmlinuz console=ttyS0
 *   initrd tftp://10.0.0.1/initrd.gz
 *   boot
 *
 * An image is named by its registered name or fetched by URI when no
 * image has that name. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/image.h>
#include <usr/autoboot.h>
#include <usr/imgmgmt.h>
#include <usr/parseopt.h>
#include <usr/shell.h>

/* argv[0..argc) joined with spaces (allocated); NULL if argc is 0. */
static char *join_args(int argc, char **argv, int *rc)
{
	char *text = argc > 0 ? concat_args(argc, argv) : NULL;

	*rc = argc > 0 && !text ? -ENOMEM : 0;
	return text;
}

/* The image called name_or_uri, or a new one fetched from it (named
 * name if given).  With args the image's command line becomes them. */
static int acquire(const char *name_or_uri, const char *name,
		   const char *timeout, int argc, char **argv,
		   struct image **image)
{
	unsigned long ms;
	char *args;
	int rc;

	rc = parse_fetch_timeout(timeout, &ms);
	if (rc)
		return rc;
	args = join_args(argc, argv, &rc);
	if (rc)
		return rc;
	*image = name ? NULL : find_image(name_or_uri);
	if (*image) {
		if (args)
			rc = image_set_cmdline(*image, args);
	} else {
		rc = imgfetch(name_or_uri, name, args, ms, image);
	}
	free(args);
	return rc;
}

static void select_image(struct image *image)
{
	struct image *other;

	for_each_image(other)
		other->flags &= ~IMAGE_SELECTED;
	image->flags |= IMAGE_SELECTED;
}

/* --timeout (ms without data before a download gives up) and
 * --autofree (images go when booted or freed) are accepted everywhere. */
#define FETCH_OPTIONS(name, timeout, autofree) \
	{ "name", 'n', OPT_ARG, &name }, \
	{ "timeout", 't', OPT_ARG, &timeout }, \
	{ "autofree", 'a', OPT_FLAG, &autofree }

static int kernel_exec(int argc, char **argv)
{
	const char *name = NULL, *timeout = NULL;
	bool autofree = false, replace = false;
	const struct option_desc opts[] = {
		FETCH_OPTIONS(name, timeout, autofree),
		{ "replace", 'r', OPT_FLAG, &replace },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
			      "[--name NAME] [--timeout MS] [--autofree] "
			      "URI|NAME [ARGS...]", 1, -1);
	struct image *image;
	int rc;

	if (i < 0)
		return i;
	rc = acquire(argv[i], name, timeout, argc - i - 1, argv + i + 1,
		     &image);
	if (rc == 0)
		select_image(image);
	return rc;
}
COMMAND(kernel) = { "kernel", kernel_exec };
COMMAND(imgselect) = { "imgselect", kernel_exec };
COMMAND(imgload) = { "imgload", kernel_exec };

/* initrd and module: images handed to the next operating system
 * (arguments after the URI are the image's command line). */
static int initrd_exec(int argc, char **argv)
{
	const char *name = NULL, *timeout = NULL;
	bool autofree = false;
	const struct option_desc opts[] = {
		FETCH_OPTIONS(name, timeout, autofree),
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
			      "[--name NAME] [--timeout MS] URI|NAME "
			      "[ARGS...]", 1, -1);
	struct image *image;
	int rc;

	if (i < 0)
		return i;
	rc = acquire(argv[i], name, timeout, argc - i - 1, argv + i + 1,
		     &image);
	if (rc == 0)
		image->flags |= IMAGE_INITRD;
	return rc;
}
COMMAND(initrd) = { "initrd", initrd_exec };
COMMAND(module) = { "module", initrd_exec };

static int imgargs_exec(int argc, char **argv)
{
	int i = parse_options(argc, argv, NULL, 0, "NAME [ARGS...]", 1, -1);
	struct image *image;
	char *args;
	int rc;

	if (i < 0)
		return i;
	image = find_image(argv[i]);
	if (!image) {
		printf("%s: no such image\n", argv[i]);
		return -ENOENT;
	}
	args = join_args(argc - i - 1, argv + i + 1, &rc);
	if (rc == 0)
		rc = image_set_cmdline(image, args);
	free(args);
	return rc;
}
COMMAND(imgargs) = { "imgargs", imgargs_exec };

static struct image *selected_image(void)
{
	struct image *image;

	for_each_image(image)
		if (image->flags & IMAGE_SELECTED)
			return image;
	return NULL;
}

/* boot [NAME|URI [ARGS...]]: the named (or fetched) image, or the one
 * `kernel` selected; chain names one.  An image that comes back (a
 * script that ended, a failed boot) stays registered unless --autofree,
 * as in iPXE. */
static int run(int argc, char **argv, bool named)
{
	const char *usage = named ?
		"[--name NAME] [--timeout MS] [--autofree] [--replace] "
		"URI|NAME [ARGS...]" :
		"[--autofree] [--replace] [NAME|URI [ARGS...]]";
	const char *name = NULL, *timeout = NULL;
	bool autofree = false, replace = false;
	const struct option_desc opts[] = {
		FETCH_OPTIONS(name, timeout, autofree),
		{ "replace", 'r', OPT_FLAG, &replace },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts), usage,
			      named ? 1 : 0, -1);
	struct image *image;
	int rc;

	if (i < 0)
		return i;
	if (i == argc) {
		image = selected_image();
		if (!image) {
			printf("%s: no image selected (use \"kernel\" or "
			       "name one)\n", argv[0]);
			return -ENOENT;
		}
	} else {
		rc = acquire(argv[i], name, timeout, argc - i - 1, argv + i + 1,
			     &image);
		if (rc)
			return rc;
	}
	ref_get(&image->refcnt);
	rc = boot_image(image);
	if (autofree)
		unregister_image(image);
	image_put(image);
	/* The image took the calling script's place: that script ends
	 * here, with the image's status. */
	if (replace)
		shell_stop(SHELL_STOP_SCRIPT);
	return rc;
}

static int boot_exec(int argc, char **argv)
{
	return run(argc, argv, false);
}
COMMAND(boot) = { "boot", boot_exec };
COMMAND(imgexec) = { "imgexec", boot_exec };

static int chain_exec(int argc, char **argv)
{
	return run(argc, argv, true);
}
COMMAND(chain) = { "chain", chain_exec };
