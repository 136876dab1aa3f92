/* Fuzz URI handling (src/uri.c) with arbitrary text: parse_uri,
 * format_uri into exact and short buffers, resolve_uri, resolve_path,
 * uri_port and uri_decode.
 *
 * Input: text.  A NUL byte splits it into a base URI and a reference
 * to resolve against it; without one the text is also resolved against
 * a fixed base.  Each URI must format to text that parses back to the
 * same text, and a resolved URI keeps the base's scheme and holds no
 * "." or ".." segments. */
#include <stdlib.h>
#include <string.h>
#include <cxboot/uri.h>
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

/* Format u, checking the lengths format_uri reports and the prefix it
 * leaves in a short buffer.  Returns the text (caller frees). */
static char *format_checked(const struct uri *u)
{
	size_t n = format_uri(u, NULL, 0), small;
	char *text = malloc(n + 1), *alloc, *buf;

	fuzz_assert(text != NULL);
	fuzz_assert(format_uri(u, text, n + 1) == n);
	fuzz_assert(strlen(text) == n);
	for (small = 1; small <= n && small <= 3; small++) {
		buf = malloc(small);
		fuzz_assert(buf != NULL);
		fuzz_assert(format_uri(u, buf, small) == n);
		fuzz_assert(strlen(buf) == small - 1);
		fuzz_assert(memcmp(buf, text, small - 1) == 0);
		free(buf);
	}
	alloc = format_uri_alloc(u);
	fuzz_assert(alloc != NULL && strcmp(alloc, text) == 0);
	free(alloc);
	return text;
}

static bool same_field(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Parse text, and check that formatting it and parsing that gives the
 * same parts. */
static struct uri *parse_checked(const char *text)
{
	struct uri *u = parse_uri(text), *again;
	char *once;

	fuzz_assert(u != NULL);
	fuzz_assert(!u->opaque || u->scheme);
	fuzz_assert(uri_port(u, 69) <= 65535);
	once = format_checked(u);
	again = parse_uri(once);
	fuzz_assert(again != NULL);
	if (!same_field(u->scheme, again->scheme) ||
	    !same_field(u->opaque, again->opaque) ||
	    !same_field(u->user, again->user) ||
	    !same_field(u->password, again->password) ||
	    !same_field(u->host, again->host) ||
	    !same_field(u->port, again->port) ||
	    !same_field(u->path, again->path) ||
	    !same_field(u->query, again->query) ||
	    !same_field(u->fragment, again->fragment))
		fuzz_fail("\"%s\" formats as \"%s\", which parses to other "
			  "parts", text, once);
	free(once);
	free(again);
	return u;
}

static bool has_dot_segment(const char *path)
{
	const char *seg = path, *end;
	size_t n;

	while (*seg) {
		end = strchr(seg, '/');
		n = end ? (size_t)(end - seg) : strlen(seg);
		if ((n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return true;
		seg += n;
		if (*seg)
			seg++;
	}
	return false;
}

static void check_resolve(const char *base_text, const char *ref_text)
{
	struct uri *base = parse_checked(base_text);
	struct uri *ref = parse_checked(ref_text);
	struct uri *res = resolve_uri(base, ref);
	char *text, *path;

	fuzz_assert(res != NULL);
	text = format_checked(res);
	if (base->scheme && !ref->scheme &&
	    (!res->scheme || strcmp(res->scheme, base->scheme) != 0))
		fuzz_fail("\"%s\" against \"%s\" loses the scheme: \"%s\"",
			  ref_text, base_text, text);
	if (res->path && (ref->scheme || ref->host || ref->path) &&
	    has_dot_segment(res->path))
		fuzz_fail("\"%s\" against \"%s\" keeps dot segments: \"%s\"",
			  ref_text, base_text, text);
	path = resolve_path(base->path, ref->path);
	fuzz_assert(path != NULL);
	free(path);
	free(text);
	free(res);
	free(ref);
	free(base);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char fixed_base[] =
		"tftp://198.18.0.1:69/boot/dir/./file.ipxe?x=1#top";
	char *text, *copy;
	size_t len;
	long blocks;

	fuzz_heap_watch(true);
	blocks = fuzz_live_blocks();
	text = malloc(size + 1);
	fuzz_assert(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	len = strlen(text);

	free(parse_checked(text));
	copy = strdup(text);
	fuzz_assert(copy != NULL);
	uri_decode(copy);
	fuzz_assert(strlen(copy) <= len);
	free(copy);

	if (len < size)
		check_resolve(text, text + len + 1);
	else
		check_resolve(fixed_base, text);
	free(text);

	fuzz_assert(fuzz_live_blocks() == blocks);
	fuzz_heap_watch(false);
	return 0;
}
