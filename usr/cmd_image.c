/* imgfetch, imgstat, imgfree, md5sum, sha256sum. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/image.h>
#include <cxboot/open.h>
#include <cxboot/md5.h>
#include <cxboot/sha256.h>
#include <usr/imgmgmt.h>
#include <usr/parseopt.h>
#include <usr/shell.h>

/* Fetch uri_text (relative names resolve against the current working
 * URI) into a new registered image. */
int parse_fetch_timeout(const char *text, unsigned long *ms)
{
	*ms = 0;
	return text ? parse_uint(text, ms) : 0;
}

int imgfetch(const char *uri_text, const char *name, const char *cmdline,
	     unsigned long timeout_ms, struct image **fetched)
{
	struct uri *uri = cwuri_resolve(uri_text);
	struct image *image;
	int rc;

	if (!uri)
		return -ENOMEM;
	if (!uri->scheme) {
		printf("%s: not a URI\n", uri_text);
		free(uri);
		return -EINVAL;
	}
	image = alloc_image(uri);
	free(uri);
	if (!image)
		return -ENOMEM;
	rc = name ? image_set_name(image, name) : 0;
	if (rc == 0)
		rc = image_set_cmdline(image, cmdline);
	if (rc == 0)
		rc = image_download(image, timeout_ms);
	if (rc == 0)
		rc = register_image(image);
	if (rc == 0 && fetched)
		*fetched = image;
	image_put(image);
	return rc;
}

static int imgfetch_exec(int argc, char **argv)
{
	const char *name = NULL, *timeout = NULL;
	bool autofree = false;
	const struct option_desc opts[] = {
		{ "name", 'n', OPT_ARG, &name },
		{ "timeout", 't', OPT_ARG, &timeout },
		{ "autofree", 'a', OPT_FLAG, &autofree },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
			      "[--name NAME] [--timeout MS] URI [ARGS...]", 1,
			      -1);
	unsigned long ms;
	char *args;
	int rc;

	if (i < 0)
		return i;
	rc = parse_fetch_timeout(timeout, &ms);
	if (rc)
		return rc;
	/* No arguments: no command line at all. */
	args = i + 1 < argc ? concat_args(argc - i - 1, argv + i + 1) : NULL;
	if (i + 1 < argc && !args)
		return -ENOMEM;
	rc = imgfetch(argv[i], name, args, ms, NULL);
	free(args);
	return rc;
}
COMMAND(imgfetch) = { "imgfetch", imgfetch_exec };
COMMAND(fetch) = { "fetch", imgfetch_exec };

/* Apply fn to the named images, or to all when none are named. */
static int for_images(int argc, char **argv, const char *usage,
		      void (*fn)(struct image *))
{
	struct image *image, *tmp;
	int i = parse_options(argc, argv, NULL, 0, usage, 0, -1);

	if (i < 0)
		return i;
	if (i == argc) {
		list_for_each_entry_safe(image, tmp, image_list(), list)
			fn(image);
		return 0;
	}
	for (; i < argc; i++) {
		image = find_image(argv[i]);
		if (!image) {
			printf("%s: no such image\n", argv[i]);
			return -ENOENT;
		}
		fn(image);
	}
	return 0;
}

static void imgstat_one(struct image *image)
{
	char *uri = image->uri ? format_uri_alloc(image->uri) : NULL;

	printf("%s : %zu bytes [%s]", image->name, image->len,
	       image->type ? image->type->name : "unknown");
	if (uri)
		printf(" %s", uri);
	if (image->cmdline)
		printf(" \"%s\"", image->cmdline);
	printf("\n");
	free(uri);
}

static int imgstat_exec(int argc, char **argv)
{
	return for_images(argc, argv, "[NAME...]", imgstat_one);
}
COMMAND(imgstat) = { "imgstat", imgstat_exec };

static int imgfree_exec(int argc, char **argv)
{
	return for_images(argc, argv, "[NAME...]", unregister_image);
}
COMMAND(imgfree) = { "imgfree", imgfree_exec };

static void sha256_one(struct image *image)
{
	uint8_t digest[32];

	sha256(image->data, image->len, digest);
	for (unsigned int i = 0; i < sizeof(digest); i++)
		printf("%02x", digest[i]);
	printf("  %s\n", image->name);
}

static void md5_one(struct image *image)
{
	uint8_t digest[MD5_DIGEST_SIZE];

	md5(image->data, image->len, digest);
	for (unsigned int i = 0; i < sizeof(digest); i++)
		printf("%02x", digest[i]);
	printf("  %s\n", image->name);
}

static int md5sum_exec(int argc, char **argv)
{
	return for_images(argc, argv, "[NAME...]", md5_one);
}
COMMAND(md5sum) = { "md5sum", md5sum_exec };

static int sha256sum_exec(int argc, char **argv)
{
	return for_images(argc, argv, "[NAME...]", sha256_one);
}
COMMAND(sha256sum) = { "sha256sum", sha256sum_exec };
