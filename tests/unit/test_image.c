/* Image types are probed in their order, not in link order: a
 * catch-all defined (and linked) before the others is tried last. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/image.h>
#include "test.h"

static bool named(struct image *image, const char *prefix)
{
	return image->name && strncmp(image->name, prefix, strlen(prefix)) == 0;
}

static int late_probe(struct image *image)
{
	return named(image, "t-order") ? 0 : -ENOEXEC;
}

static int first_probe(struct image *image)
{
	return named(image, "t-order-first") ? 0 : -ENOEXEC;
}

static int no_exec(struct image *image)
{
	return -ENOEXEC;
}

IMAGE_TYPE(t_late_type) = {
	.name = "t-late", .order = IMAGE_ORDER_CATCHALL,
	.probe = late_probe, .exec = no_exec,
};
IMAGE_TYPE(t_first_type) = {
	.name = "t-first", .order = IMAGE_ORDER_SIGNATURE - 1,
	.probe = first_probe, .exec = no_exec,
};

static const char *probed(const char *name, const char *text)
{
	static char type[16];
	struct image *image = alloc_image(NULL);

	image_set_name(image, name);
	image->data = (uint8_t *)strdup(text);
	image->len = strlen(text);
	strcpy(type, image_probe(image) == 0 ? image->type->name : "none");
	image_put(image);
	return type;
}

UNIT_TEST(image_probe_order)
{
	ok_str(probed("t-order-first", "junk"), "t-first");
	ok_str(probed("t-order-script", "#!ipxe\necho hi\n"), "script");
	ok_str(probed("t-order-junk", "junk"), "t-late");
	ok_str(probed("other", "junk"), "none");
}
