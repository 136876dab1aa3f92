/* Images: fetched files, kept in a list by name, typed by probing and
 * run by their type's exec (script, bzImage, PXE NBP ...). */
#ifndef CXBOOT_IMAGE_H
#define CXBOOT_IMAGE_H
#include <cxboot/compiler.h>
#include <cxboot/list.h>
#include <cxboot/refcnt.h>
#include <cxboot/tables.h>
#include <cxboot/uri.h>

struct image;
struct net_device;

/* Image types are probed lowest order first, whatever the link order:
 * a type that recognises its images by a signature is
 * IMAGE_ORDER_SIGNATURE; a catch-all (the PXE NBP: any program small
 * enough) is IMAGE_ORDER_CATCHALL, tried only when no other claims the
 * image. */
enum { IMAGE_ORDER_SIGNATURE = 10, IMAGE_ORDER_CATCHALL = 90 };

struct image_type {
	const char *name;
	int order;                           /* IMAGE_ORDER_... */
	int (*probe)(struct image *image);   /* 0 if the image is ours */
	int (*exec)(struct image *image);
};
#define IMAGE_TYPE(name) TABLE_ENTRY(image_types, struct image_type, name)

struct image {
	struct refcnt refcnt;
	struct list_head list;
	char *name;
	struct uri *uri;          /* where it came from (may be NULL) */
	/* The device it came over (held; NULL if not over the network or
	 * not known: a host name, not an address) */
	struct net_device *netdev;
	uint8_t *data;
	size_t len;
	char *cmdline;            /* arguments (imgargs) */
	const struct image_type *type;
	unsigned int flags;       /* IMAGE_* */
};

/* The image `boot` runs when given no name (set by `kernel`). */
#define IMAGE_SELECTED 0x1
/* Handed to the next operating system as an initrd (set by `initrd`). */
#define IMAGE_INITRD 0x2

struct image *alloc_image(const struct uri *uri);
static inline void image_put(struct image *image)
{
	ref_put(&image->refcnt);
}
int image_set_name(struct image *image, const char *name);
int image_set_cmdline(struct image *image, const char *cmdline);
/* Hold netdev (may be NULL) as the device the image came over. */
void image_set_netdev(struct image *image, struct net_device *netdev);
/* Add to the list (names must be unique: an old image of the same
 * name is replaced). */
int register_image(struct image *image);
void unregister_image(struct image *image);
struct image *find_image(const char *name);
struct list_head *image_list(void);
#define for_each_image(img) list_for_each_entry(img, image_list(), list)
int image_probe(struct image *image);
int image_exec(struct image *image);

/* Download uri into image (job_wait()ed with progress).  Prints the
 * usual "uri... ok" line. */
/* Download the image from its URI; timeout_ms (0: none) ends it when no
 * data came for that long.  On success image->netdev is the device the
 * route to the URI's host goes out of. */
int image_download(struct image *image, unsigned long timeout_ms);

#endif
