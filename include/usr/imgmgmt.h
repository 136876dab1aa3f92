/* Image management used by commands, autoboot and the CLI. */
#ifndef USR_IMGMGMT_H
#define USR_IMGMGMT_H
#include <cxboot/image.h>

/* Fetch a URI (relative to the current working URI) into a new
 * registered image named name (default: the last path component);
 * *fetched (if not NULL) points at it while it stays registered. */
int imgfetch(const char *uri, const char *name, const char *cmdline,
	     struct image **fetched);

#endif
