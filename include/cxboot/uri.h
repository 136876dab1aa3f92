/* RFC 3986 URIs: parsing, formatting and relative resolution. */
#ifndef CXBOOT_URI_H
#define CXBOOT_URI_H
#include <cxboot/compiler.h>

/* All fields are NUL-terminated, percent-decoded except opaque, path
 * and query, and NULL when absent (an empty path is absent; an empty
 * authority, as in "file:///x", has host "").  One allocation holds the
 * struct and strings. */
struct uri {
	char *scheme;
	char *opaque;   /* for "scheme:opaque" without "//" (iscsi:...) */
	char *user, *password;
	char *host;
	char *port;
	char *path;     /* still percent-encoded */
	char *query;
	char *fragment;
};

/* Returns NULL on allocation failure; a string without a scheme is a
 * relative reference.  Free with free(). */
struct uri *parse_uri(const char *text);
/* Format back to text; returns length (like snprintf). */
size_t format_uri(const struct uri *uri, char *buf, size_t size);
/* Allocated string, or NULL. */
char *format_uri_alloc(const struct uri *uri);
/* An allocated copy, or NULL. */
struct uri *uri_dup(const struct uri *uri);
/* Resolve reference against base (RFC 3986 §5.2); result is freshly
 * allocated. */
struct uri *resolve_uri(const struct uri *base, const struct uri *ref);
/* Resolve path strings only (RFC 3986 §5.2.3 and §5.2.4).  Allocated. */
char *resolve_path(const char *base_path, const char *rel_path);
unsigned int uri_port(const struct uri *uri, unsigned int default_port);
/* Decode %XX escapes in place. */
void uri_decode(char *s);

#endif
