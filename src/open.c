/* Opening transfers by URI, and the current working URI against which
 * relative names resolve. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/open.h>

static struct uri *cwuri;

int xfer_open_uri(struct xfer *xfer, const struct uri *uri)
{
	if (!uri->scheme)
		return -ENOTSUP;
	for_each_table_entry(op, uri_openers, struct uri_opener) {
		if (strcasecmp(op->scheme, uri->scheme) == 0)
			return op->open(xfer, uri);
	}
	return -ENOTSUP;
}

int xfer_open_uri_string(struct xfer *xfer, const char *text)
{
	struct uri *uri = cwuri_resolve(text);
	int rc;

	if (!uri)
		return -ENOMEM;
	rc = xfer_open_uri(xfer, uri);
	free(uri);
	return rc;
}

struct uri *cwuri_resolve(const char *text)
{
	struct uri *ref = parse_uri(text), *uri;

	if (!ref || !cwuri || ref->scheme)
		return ref;
	uri = resolve_uri(cwuri, ref);
	free(ref);
	return uri;
}

const struct uri *cwuri_current(void)
{
	return cwuri;
}

void cwuri_set(const struct uri *uri)
{
	struct uri *copy = uri ? uri_dup(uri) : NULL;

	free(cwuri);
	cwuri = copy;
}
