/*
 * RFC 3986 URIs: split a string into its parts, format the parts back,
 * and resolve a relative reference against a base URI (§5.2).
 */
#include <cxboot/uri.h>
#include <string.h>
#include <stdlib.h>
#include <ctype.h>

/* Copies n bytes into the string pool that follows the struct. */
static char *take(char **pool, const char *src, size_t n)
{
	char *s = *pool;

	memcpy(s, src, n);
	s[n] = '\0';
	*pool += n + 1;
	return s;
}

static int hexval(int c)
{
	if (isdigit(c))
		return c - '0';
	return tolower(c) - 'a' + 10;
}

void uri_decode(char *s)
{
	char *out = s;

	while (*s) {
		if (s[0] == '%' && isxdigit(s[1]) && isxdigit(s[2])) {
			*out++ = hexval(s[1]) * 16 + hexval(s[2]);
			s += 3;
		} else {
			*out++ = *s++;
		}
	}
	*out = '\0';
}

/* Returns the ':' ending a valid scheme at p, or NULL. */
static const char *scheme_end(const char *p, const char *end)
{
	const char *s;

	if (p == end || !isalpha(*p))
		return NULL;
	for (s = p + 1; s < end; s++) {
		if (*s == ':')
			return s;
		if (!isalnum(*s) && *s != '+' && *s != '-' && *s != '.')
			return NULL;
	}
	return NULL;
}

/* [user[:password]@]host[:port], with host possibly an "[IPv6]". */
static void parse_authority(struct uri *uri, char **pool, const char *p,
			    const char *end)
{
	const char *at = NULL, *colon, *s;

	for (s = p; s < end; s++)
		if (*s == '@')
			at = s;
	if (at) {
		colon = memchr(p, ':', at - p);
		uri->user = take(pool, p, (colon ? colon : at) - p);
		uri_decode(uri->user);
		if (colon) {
			uri->password = take(pool, colon + 1, at - colon - 1);
			uri_decode(uri->password);
		}
		p = at + 1;
	}

	/* "[...]" is an IP literal only when a port or nothing follows;
	 * otherwise the brackets are just characters of the host. */
	s = p < end && *p == '[' ? memchr(p, ']', end - p) : NULL;
	if (s && (s + 1 == end || s[1] == ':')) {
		s++;
	} else {
		s = memchr(p, ':', end - p);
		if (!s)
			s = end;
	}
	uri->host = take(pool, p, s - p);
	uri_decode(uri->host);
	if (s < end && *s == ':') {
		uri->port = take(pool, s + 1, end - s - 1);
		uri_decode(uri->port);
	}
}

struct uri *parse_uri(const char *text)
{
	size_t len = strlen(text);
	const char *p = text, *end, *s;
	struct uri *uri;
	char *pool;

	/* The parts never hold more than the text, plus one NUL for each
	 * of the struct's string pointers. */
	uri = malloc(sizeof(*uri) + len + sizeof(*uri) / sizeof(char *));
	if (!uri)
		return NULL;
	memset(uri, 0, sizeof(*uri));
	pool = (char *)(uri + 1);

	end = strchr(text, '#');
	if (end) {
		uri->fragment = take(&pool, end + 1, text + len - end - 1);
		uri_decode(uri->fragment);
	} else {
		end = text + len;
	}

	s = scheme_end(p, end);
	if (s) {
		uri->scheme = take(&pool, p, s - p);
		p = s + 1;
		if (p < end && *p != '/') {
			uri->opaque = take(&pool, p, end - p);
			return uri;
		}
	}

	if (end - p >= 2 && p[0] == '/' && p[1] == '/') {
		p += 2;
		for (s = p; s < end && *s != '/' && *s != '?'; s++)
			;
		parse_authority(uri, &pool, p, s);
		p = s;
	}

	s = memchr(p, '?', end - p);
	if (s)
		uri->query = take(&pool, s + 1, end - s - 1);
	else
		s = end;
	if (s > p)
		uri->path = take(&pool, p, s - p);
	return uri;
}

/* Output that counts everything but stores only what fits. */
struct out {
	char *buf;
	size_t size, len;
};

static void put_char(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_str(struct out *o, const char *s)
{
	while (*s)
		put_char(o, *s++);
}

/* Escapes every byte outside unreserved, sub-delims and extra. */
/* "[...]" with no other bracket: written as is, escaped otherwise. */
static bool is_ip_literal(const char *host)
{
	size_t len = strlen(host);

	return len >= 2 && host[0] == '[' && host[len - 1] == ']' &&
	       !memchr(host + 1, '[', len - 1) &&
	       memchr(host, ']', len) == host + len - 1;
}

static void put_escaped(struct out *o, const char *s, const char *extra)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char c;

	for (; (c = *s); s++) {
		if (isalnum(c) || strchr("-._~!$&'()*+,;=", c) ||
		    strchr(extra, c)) {
			put_char(o, c);
		} else {
			put_char(o, '%');
			put_char(o, hex[c >> 4]);
			put_char(o, hex[c & 15]);
		}
	}
}

size_t format_uri(const struct uri *uri, char *buf, size_t size)
{
	struct out o = { buf, size, 0 };

	if (uri->scheme) {
		put_str(&o, uri->scheme);
		put_char(&o, ':');
	}
	if (uri->opaque) {
		put_str(&o, uri->opaque);
	} else {
		if (uri->host) {
			put_str(&o, "//");
			if (uri->user) {
				put_escaped(&o, uri->user, "");
				if (uri->password) {
					put_char(&o, ':');
					put_escaped(&o, uri->password, ":");
				}
				put_char(&o, '@');
			}
			put_escaped(&o, uri->host,
				    is_ip_literal(uri->host) ? ":[]" : "");
			if (uri->port) {
				put_char(&o, ':');
				put_escaped(&o, uri->port, "");
			}
		}
		if (uri->path)
			put_str(&o, uri->path);
		if (uri->query) {
			put_char(&o, '?');
			put_str(&o, uri->query);
		}
	}
	if (uri->fragment) {
		put_char(&o, '#');
		put_escaped(&o, uri->fragment, ":@/?");
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

char *format_uri_alloc(const struct uri *uri)
{
	size_t len = format_uri(uri, NULL, 0);
	char *buf = malloc(len + 1);

	if (buf)
		format_uri(uri, buf, len + 1);
	return buf;
}

struct uri *uri_dup(const struct uri *uri)
{
	char *text = format_uri_alloc(uri);
	struct uri *copy = text ? parse_uri(text) : NULL;

	free(text);
	return copy;
}

/* §5.2.4, in place: the output never grows past the input read so far. */
static void remove_dot_segments(char *path)
{
	char *in = path, *out = path;

	while (*in) {
		if (!strncmp(in, "../", 3)) {
			in += 3;
		} else if (!strncmp(in, "./", 2) || !strncmp(in, "/./", 3)) {
			in += 2;
		} else if (!strcmp(in, "/.")) {
			in[1] = '/';
			in++;
		} else if (!strncmp(in, "/../", 4) || !strcmp(in, "/..")) {
			if (in[3]) {
				in += 3;
			} else {
				in[2] = '/';
				in += 2;
			}
			while (out > path && *--out != '/')
				;
		} else if (!strcmp(in, ".") || !strcmp(in, "..")) {
			in += strlen(in);
		} else {
			do
				*out++ = *in++;
			while (*in && *in != '/');
		}
	}
	*out = '\0';
}

char *resolve_path(const char *base_path, const char *rel_path)
{
	const char *slash = NULL;
	size_t dir = 0;
	char *path;

	if (!rel_path)
		rel_path = "";
	/* §5.2.3: a relative path replaces the base's last segment. */
	if (rel_path[0] != '/' && base_path)
		slash = strrchr(base_path, '/');
	if (slash)
		dir = slash + 1 - base_path;
	path = malloc(dir + strlen(rel_path) + 1);
	if (!path)
		return NULL;
	if (dir)
		memcpy(path, base_path, dir);
	strcpy(path + dir, rel_path);
	remove_dot_segments(path);
	return path;
}

static void copy_authority(struct uri *dst, const struct uri *src)
{
	dst->user = src->user;
	dst->password = src->password;
	dst->host = src->host;
	dst->port = src->port;
}

struct uri *resolve_uri(const struct uri *base, const struct uri *ref)
{
	const char *base_path = "", *rel_path = NULL;
	struct uri t, *res;
	char *path = NULL, *text;

	memset(&t, 0, sizeof(t));
	if (ref->scheme) {
		t = *ref;
		rel_path = ref->path;
	} else if (ref->host) {
		t.scheme = base->scheme;
		copy_authority(&t, ref);
		rel_path = ref->path;
		t.query = ref->query;
	} else {
		t.scheme = base->scheme;
		copy_authority(&t, base);
		if (!ref->path || !ref->path[0]) {
			t.opaque = base->opaque;
			t.path = base->path;
			t.query = ref->query ? ref->query : base->query;
		} else {
			/* An authority with an empty path stands for "/". */
			if (base->path)
				base_path = base->path;
			else if (base->host)
				base_path = "/";
			rel_path = ref->path;
			t.query = ref->query;
		}
	}
	t.fragment = ref->fragment;

	if (rel_path) {
		path = resolve_path(base_path, rel_path);
		if (!path)
			return NULL;
		t.path = path;
	}
	/* Going through text gives the result its single allocation. */
	text = format_uri_alloc(&t);
	free(path);
	if (!text)
		return NULL;
	res = parse_uri(text);
	free(text);
	return res;
}

unsigned int uri_port(const struct uri *uri, unsigned int default_port)
{
	unsigned long port;
	char *end;

	if (!uri->port || !isdigit(uri->port[0]))
		return default_port;
	port = strtoul(uri->port, &end, 10);
	if (*end || port > 65535)
		return default_port;
	return port;
}
