/* Opening data transfers by URI.  Protocols register an opener per
 * scheme; open_uri() finds it and plugs the new transfer into xfer.  A
 * scheme that serves disks (iscsi:, http:) also opens a block device
 * (the block operations of xfer.h) with open_block. */
#ifndef CXBOOT_OPEN_H
#define CXBOOT_OPEN_H
#include <cxboot/tables.h>
#include <cxboot/xfer.h>
#include <cxboot/uri.h>

struct uri_opener {
	const char *scheme;
	int (*open)(struct xfer *xfer, const struct uri *uri);
	int (*open_block)(struct xfer *xfer, const struct uri *uri);
};
#define URI_OPENER(name) TABLE_ENTRY(uri_openers, struct uri_opener, name)

int xfer_open_uri(struct xfer *xfer, const struct uri *uri);
int xfer_open_uri_string(struct xfer *xfer, const char *text);
int xfer_open_block_uri(struct xfer *xfer, const struct uri *uri);
/* Whether uri's scheme serves disks. */
bool uri_is_block(const struct uri *uri);

/* The URI that relative names resolve against (the current working
 * URI): while an image runs, the URI it came from (image_exec() sets
 * it and puts the old one back afterwards), so a script's relative
 * names are relative to the script, as in iPXE; with none, the TFTP
 * server next-server names. */
struct uri *cwuri_resolve(const char *text);
void cwuri_set(const struct uri *uri);
/* The current working URI itself (NULL if none); valid until the next
 * cwuri_set(). */
const struct uri *cwuri_current(void);

#endif
