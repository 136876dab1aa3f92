/* Image management used by commands, autoboot and the CLI. */
#ifndef USR_IMGMGMT_H
#define USR_IMGMGMT_H
#include <cxboot/image.h>

/* Fetch a URI (relative to the current working URI) into a new
 * registered image named name (default: the last path component);
 * *fetched (if not NULL) points at it while it stays registered.
 * timeout_ms: see image_download(). */
int imgfetch(const char *uri, const char *name, const char *cmdline,
	     unsigned long timeout_ms, struct image **fetched);
/* The --timeout argument of the fetching commands (NULL: none). */
int parse_fetch_timeout(const char *text, unsigned long *ms);

#endif
