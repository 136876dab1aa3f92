/* Opening transfers by URI, and the current working URI against which
 * relative names resolve. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <cxboot/open.h>
#include <cxboot/settings.h>

static struct uri *cwuri;

static const struct uri_opener *find_opener(const struct uri *uri)
{
	if (!uri->scheme)
		return NULL;
	for_each_table_entry(op, uri_openers, struct uri_opener) {
		if (strcasecmp(op->scheme, uri->scheme) == 0)
			return op;
	}
	return NULL;
}

int xfer_open_uri(struct xfer *xfer, const struct uri *uri)
{
	const struct uri_opener *op = find_opener(uri);

	return op && op->open ? op->open(xfer, uri) : -ENOTSUP;
}

bool uri_is_block(const struct uri *uri)
{
	const struct uri_opener *op = find_opener(uri);

	return op && op->open_block;
}

int xfer_open_block_uri(struct xfer *xfer, const struct uri *uri)
{
	const struct uri_opener *op = find_opener(uri);

	return op && op->open_block ? op->open_block(xfer, uri) : -ENOTSUP;
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

/* With no working URI, the DHCP server's next-server is the base (as
 * iPXE makes it after DHCP): "dhcp && chain ${filename}" works. */
static struct uri *next_server_uri(void)
{
	uint32_t addr;
	const uint8_t *a = (const uint8_t *)&addr;	/* network order */
	char text[32];

	if (fetch_ipv4_setting(NULL, &next_server_setting, &addr) < 0 ||
	    !addr)
		return NULL;
	snprintf(text, sizeof(text), "tftp://%u.%u.%u.%u/", a[0], a[1], a[2],
		 a[3]);
	return parse_uri(text);
}

struct uri *cwuri_resolve(const char *text)
{
	struct uri *ref = parse_uri(text), *base, *uri;

	if (!ref || ref->scheme)
		return ref;
	base = cwuri ? NULL : next_server_uri();
	if (!cwuri && !base)
		return ref;
	uri = resolve_uri(cwuri ? cwuri : base, ref);
	free(base);
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
