/* The image list. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/image.h>
#include <cxboot/open.h>
#include <net/netdevice.h>

static LIST_HEAD(images);

struct list_head *image_list(void)
{
	return &images;
}

static void free_image(struct refcnt *ref)
{
	struct image *image = container_of(ref, struct image, refcnt);

	free(image->name);
	free(image->uri);
	image_set_netdev(image, NULL);
	free(image->data);
	free(image->cmdline);
	free(image);
}

static const char *uri_basename(const struct uri *uri)
{
	const char *path = uri->path ? uri->path : uri->opaque;
	const char *slash;

	if (!path)
		return NULL;
	slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

void image_set_netdev(struct image *image, struct net_device *netdev)
{
	if (netdev)
		ref_get(&netdev->refcnt);
	if (image->netdev)
		netdev_put(image->netdev);
	image->netdev = netdev;
}

struct image *alloc_image(const struct uri *uri)
{
	struct image *image = zalloc(sizeof(*image));

	if (!image)
		return NULL;
	ref_init(&image->refcnt, free_image);
	INIT_LIST_HEAD(&image->list);
	if (uri) {
		const char *base;

		image->uri = uri_dup(uri);
		base = image->uri ? uri_basename(image->uri) : NULL;
		if (!image->uri || (base && image_set_name(image, base))) {
			image_put(image);
			return NULL;
		}
	}
	return image;
}

int image_set_name(struct image *image, const char *name)
{
	char *copy = strdup(name);

	if (!copy)
		return -ENOMEM;
	uri_decode(copy);
	free(image->name);
	image->name = copy;
	return 0;
}

int image_set_cmdline(struct image *image, const char *cmdline)
{
	char *copy = cmdline ? strdup(cmdline) : NULL;

	if (cmdline && !copy)
		return -ENOMEM;
	free(image->cmdline);
	image->cmdline = copy;
	return 0;
}

int register_image(struct image *image)
{
	struct image *old;

	if (!image->name || !image->name[0])
		image_set_name(image, "img");
	if (!image->name)
		return -ENOMEM;
	old = find_image(image->name);
	if (old)
		unregister_image(old);
	ref_get(&image->refcnt);
	list_add_tail(&image->list, &images);
	return 0;
}

void unregister_image(struct image *image)
{
	if (list_empty(&image->list))
		return;
	list_del(&image->list);
	image_put(image);
}

struct image *find_image(const char *name)
{
	struct image *image;

	for_each_image(image)
		if (strcmp(image->name, name) == 0)
			return image;
	return NULL;
}

int image_probe(struct image *image)
{
	int order = -1;

	/* Few types: pick the next order each pass. */
	for (;;) {
		int next = 1 << 30;

		for_each_table_entry(type, image_types, struct image_type)
			if (type->order > order && type->order < next)
				next = type->order;
		if (next == 1 << 30)
			return -ENOEXEC;
		for_each_table_entry(type, image_types, struct image_type) {
			if (type->order == next && type->probe(image) == 0) {
				image->type = type;
				return 0;
			}
		}
		order = next;
	}
}

int image_exec(struct image *image)
{
	struct uri *saved;
	int rc;

	if (!image->type && (rc = image_probe(image)) != 0)
		return rc;
	/* While it runs, relative names resolve against where the image
	 * came from (a script's next fetch), and afterwards against what
	 * they did before (the script that chained it). */
	saved = cwuri_current() ? uri_dup(cwuri_current()) : NULL;
	if (image->uri)
		cwuri_set(image->uri);
	ref_get(&image->refcnt);
	rc = image->type->exec(image);
	image_put(image);
	cwuri_set(saved);
	free(saved);
	return rc;
}
