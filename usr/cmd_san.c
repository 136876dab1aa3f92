/* sanboot, sanhook, sanunhook: SAN drives from URIs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/errdetail.h>
#include <cxboot/open.h>
#include <cxboot/san.h>
#include <usr/parseopt.h>
#include <usr/san.h>
#include <usr/shell.h>

int parse_san_drive(const char *text, unsigned int *drive)
{
	unsigned long n = SAN_DEFAULT_DRIVE;
	int rc = text ? parse_uint(text, &n) : 0;

	if (rc == 0 && n > 0xff) {
		printf("%s: not a BIOS drive number\n", text);
		rc = -EINVAL;
	}
	*drive = n;
	return rc;
}

int san_hook_uris(unsigned int drive, int count, char **texts,
		  unsigned int flags, struct san_device **out)
{
	struct uri *uris[SAN_MAX_PATHS] = { NULL };
	int i, rc = 0;

	if (count > SAN_MAX_PATHS) {
		printf("at most %d paths to one drive\n", SAN_MAX_PATHS);
		return -E2BIG;
	}
	for (i = 0; i < count && rc == 0; i++) {
		uris[i] = cwuri_resolve(texts[i]);
		if (!uris[i])
			rc = -ENOMEM;
	}
	error_detail_forget();
	if (rc == 0)
		rc = san_hook(drive, uris, count, flags, out);
	if (rc) {
		printf("Could not open SAN device: %s\n", strerror(rc));
		error_detail_print(rc);
	}
	for (i = 0; i < count; i++)
		free(uris[i]);
	return rc;
}

int san_boot_drive(unsigned int drive, bool keep)
{
	int rc;

	printf("Booting from drive %#x\n", drive);
	rc = arch_san_boot(drive);
	printf("Could not boot from drive %#x: %s\n", drive, strerror(rc));
	if (!keep && san_find(drive))
		san_unhook(drive);
	return rc;
}

static int sanhook_exec(int argc, char **argv)
{
	const char *drive_text = NULL;
	bool no_describe = false;
	const struct option_desc opts[] = {
		{ "drive", 'd', OPT_ARG, &drive_text },
		{ "no-describe", 'n', OPT_FLAG, &no_describe },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
			      "[--drive N] [--no-describe] URI...", 1, -1);
	struct san_device *s;
	unsigned int drive;
	int rc;

	if (i < 0)
		return i;
	rc = parse_san_drive(drive_text, &drive);
	if (rc)
		return rc;
	rc = san_hook_uris(drive_text ? drive : 0, argc - i, argv + i,
			   no_describe ? SAN_NO_DESCRIBE : 0, &s);
	if (rc == 0)
		printf("Registered SAN device %#x\n", s->drive);
	return rc;
}

static int sanboot_exec(int argc, char **argv)
{
	const char *drive_text = NULL;
	bool no_describe = false, keep = false;
	const struct option_desc opts[] = {
		{ "drive", 'd', OPT_ARG, &drive_text },
		{ "no-describe", 'n', OPT_FLAG, &no_describe },
		{ "keep", 'k', OPT_FLAG, &keep },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
			      "[--drive N] [--no-describe] [--keep] [URI...]",
			      0, -1);
	struct san_device *s = NULL;
	unsigned int drive;
	int rc;

	if (i < 0)
		return i;
	rc = parse_san_drive(drive_text, &drive);
	if (rc)
		return rc;
	/* No URI: boot a drive hooked before (kept on failure) or the
	 * BIOS's own. */
	if (i == argc)
		return san_boot_drive(drive, true);
	rc = san_hook_uris(drive_text ? drive : 0, argc - i, argv + i,
			   no_describe ? SAN_NO_DESCRIBE : 0, &s);
	if (rc)
		return rc;
	return san_boot_drive(s->drive, keep);
}

static int sanunhook_exec(int argc, char **argv)
{
	const char *drive_text = NULL;
	const struct option_desc opts[] = {
		{ "drive", 'd', OPT_ARG, &drive_text },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
			      "[--drive N]", 0, 0);
	unsigned int drive;
	int rc;

	if (i < 0)
		return i;
	rc = parse_san_drive(drive_text, &drive);
	if (rc)
		return rc;
	rc = san_unhook(drive);
	if (rc)
		printf("No SAN drive %#x\n", drive);
	return rc;
}

COMMAND(sanhook) = { "sanhook", sanhook_exec };
COMMAND(sanboot) = { "sanboot", sanboot_exec };
COMMAND(sanunhook) = { "sanunhook", sanunhook_exec };
