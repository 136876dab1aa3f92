/* Unit tests for URI parsing, formatting and resolution (RFC 3986). */
#include "test.h"
#include <stdlib.h>
#include <cxboot/uri.h>

/* Field check where want == NULL means "absent". */
#define ok_part(got, want)                        \
	do {                                      \
		if (want)                         \
			ok_str(got, want);        \
		else                              \
			ok((got) == NULL);        \
	} while (0)

struct parse_case {
	const char *text;
	const char *scheme, *opaque, *user, *password, *host, *port;
	const char *path, *query, *fragment;
	const char *formatted;	/* NULL: same as text */
};

static const struct parse_case parse_cases[] = {
	{ "tftp://198.18.0.1/boot/pxelinux.0", "tftp", NULL, NULL, NULL,
	  "198.18.0.1", NULL, "/boot/pxelinux.0", NULL, NULL, NULL },
	{ "http://user:pw@host:8080/a/b?x=1#frag", "http", NULL, "user", "pw",
	  "host", "8080", "/a/b", "x=1", "frag", NULL },
	{ "http://boot.example", "http", NULL, NULL, NULL, "boot.example",
	  NULL, NULL, NULL, NULL, NULL },
	{ "http://h/", "http", NULL, NULL, NULL, "h", NULL, "/", NULL, NULL,
	  NULL },
	{ "iscsi:198.18.0.1::::iqn.2007-08.x:y", "iscsi",
	  "198.18.0.1::::iqn.2007-08.x:y", NULL, NULL, NULL, NULL, NULL, NULL,
	  NULL, NULL },
	{ "data:text/plain,hi?there#f", "data", "text/plain,hi?there", NULL,
	  NULL, NULL, NULL, NULL, NULL, "f", NULL },
	{ "mailto:a%40b", "mailto", "a%40b", NULL, NULL, NULL, NULL, NULL,
	  NULL, NULL, NULL },
	{ "file:///boot/x.efi", "file", NULL, NULL, NULL, "", NULL,
	  "/boot/x.efi", NULL, NULL, NULL },
	{ "file:/boot", "file", NULL, NULL, NULL, NULL, NULL, "/boot", NULL,
	  NULL, NULL },
	{ "http:", "http", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	  NULL },
	/* Relative references. */
	{ "boot/menu.ipxe", NULL, NULL, NULL, NULL, NULL, NULL,
	  "boot/menu.ipxe", NULL, NULL, NULL },
	{ "/abs/x", NULL, NULL, NULL, NULL, NULL, NULL, "/abs/x", NULL, NULL,
	  NULL },
	{ "../x", NULL, NULL, NULL, NULL, NULL, NULL, "../x", NULL, NULL,
	  NULL },
	{ "//host/p", NULL, NULL, NULL, NULL, "host", NULL, "/p", NULL, NULL,
	  NULL },
	{ "?q", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "q", NULL, NULL },
	{ "#f", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "f", NULL },
	{ "", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL },
	{ "198.18.0.1:69/x", NULL, NULL, NULL, NULL, NULL, NULL,
	  "198.18.0.1:69/x", NULL, NULL, NULL },
	/* Empty components stay distinct from absent ones. */
	{ "http://h/p?#", "http", NULL, NULL, NULL, "h", NULL, "/p", "", "",
	  NULL },
	{ "http://@h:/", "http", NULL, "", NULL, "h", "", "/", NULL, NULL,
	  NULL },
	{ "http://u:@h/", "http", NULL, "u", "", "h", NULL, "/", NULL, NULL,
	  NULL },
	/* Escapes: decoded in authority and fragment, kept in path/query. */
	{ "ftp://j%40x:p%3aw%25@h%2Dst/a%20b?c%20d#e%20f", "ftp", NULL, "j@x",
	  "p:w%", "h-st", NULL, "/a%20b", "c%20d", "e f",
	  "ftp://j%40x:p:w%25@h-st/a%20b?c%20d#e%20f" },
	{ "http://a@b@c/", "http", NULL, "a@b", NULL, "c", NULL, "/", NULL,
	  NULL, "http://a%40b@c/" },
	{ "http://[fe80::1]:8080/x", "http", NULL, NULL, NULL, "[fe80::1]",
	  "8080", "/x", NULL, NULL, NULL },
	{ "HTTP://H:80", "HTTP", NULL, NULL, NULL, "H", "80", NULL, NULL,
	  NULL, NULL },
};

UNIT_TEST(uri_parse)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(parse_cases); i++) {
		const struct parse_case *c = &parse_cases[i];
		struct uri *uri = parse_uri(c->text);
		char buf[128], *text;
		size_t len;

		ok(uri != NULL);
		if (!uri)
			continue;
		ok_part(uri->scheme, c->scheme);
		ok_part(uri->opaque, c->opaque);
		ok_part(uri->user, c->user);
		ok_part(uri->password, c->password);
		ok_part(uri->host, c->host);
		ok_part(uri->port, c->port);
		ok_part(uri->path, c->path);
		ok_part(uri->query, c->query);
		ok_part(uri->fragment, c->fragment);

		len = format_uri(uri, buf, sizeof(buf));
		ok_str(buf, c->formatted ? c->formatted : c->text);
		ok(len == strlen(buf));
		text = format_uri_alloc(uri);
		ok_str(text, buf);
		free(text);
		free(uri);
	}
}

UNIT_TEST(uri_format)
{
	struct uri uri = { 0 };
	char buf[8], *text;

	/* Parts set by hand get escaped where the syntax needs it. */
	uri.scheme = "http";
	uri.user = "a:b";
	uri.password = "c:d e";
	uri.host = "my host";
	uri.port = "81";
	uri.path = "/x";
	uri.fragment = "#1";
	text = format_uri_alloc(&uri);
	ok_str(text, "http://a%3Ab:c:d%20e@my%20host:81/x#%231");
	free(text);

	/* snprintf-like truncation. */
	uri = (struct uri){ .scheme = "tftp", .host = "10.0.0.1",
			    .path = "/f" };
	ok(format_uri(&uri, buf, sizeof(buf)) == 17);
	ok_str(buf, "tftp://");
	ok(format_uri(&uri, NULL, 0) == 17);
	ok(format_uri(&uri, buf, 1) == 17 && buf[0] == '\0');
}

/* Brackets that do not make an IP literal survive a round trip. */
UNIT_TEST(uri_brackets)
{
	static const char *const texts[] = {
		"http://%5Bx:80/", "h://[fe80:%5DA", "http://[::1]x:80/p",
		"http://[::1]:8080/p",
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(texts); i++) {
		struct uri *uri = parse_uri(texts[i]), *again;
		char *text = format_uri_alloc(uri);

		again = parse_uri(text);
		ok(again && !strcmp(uri->host, again->host));
		ok(again && !strcmp(uri->port ? uri->port : "",
				    again->port ? again->port : ""));
		free(again);
		free(text);
		free(uri);
	}
	{
		struct uri *uri = parse_uri("http://[::1]:8080/p");

		ok_str(uri->host, "[::1]");
		ok_str(uri->port, "8080");
		free(uri);
	}
}

UNIT_TEST(uri_port_decode)
{
	struct uri *uri;
	char s[] = "a%20b%zz%4%41%2f%";

	uri = parse_uri("http://h:8080/");
	ok(uri_port(uri, 80) == 8080);
	free(uri);
	uri = parse_uri("http://h/");
	ok(uri_port(uri, 80) == 80);
	free(uri);
	uri = parse_uri("http://h:/");
	ok(uri_port(uri, 80) == 80);
	free(uri);
	uri = parse_uri("http://h:8x/");
	ok(uri_port(uri, 80) == 80);
	free(uri);
	uri = parse_uri("http://h:99999/");
	ok(uri_port(uri, 80) == 80);
	free(uri);

	uri_decode(s);
	ok_str(s, "a b%zz%4A/%");
}

/* RFC 3986 §5.4: reference and expected target against the base. */
static const char *const rfc_examples[][2] = {
	/* §5.4.1 normal examples */
	{ "g:h", "g:h" },
	{ "g", "http://a/b/c/g" },
	{ "./g", "http://a/b/c/g" },
	{ "g/", "http://a/b/c/g/" },
	{ "/g", "http://a/g" },
	{ "//g", "http://g" },
	{ "?y", "http://a/b/c/d;p?y" },
	{ "g?y", "http://a/b/c/g?y" },
	{ "#s", "http://a/b/c/d;p?q#s" },
	{ "g#s", "http://a/b/c/g#s" },
	{ "g?y#s", "http://a/b/c/g?y#s" },
	{ ";x", "http://a/b/c/;x" },
	{ "g;x", "http://a/b/c/g;x" },
	{ "g;x?y#s", "http://a/b/c/g;x?y#s" },
	{ "", "http://a/b/c/d;p?q" },
	{ ".", "http://a/b/c/" },
	{ "./", "http://a/b/c/" },
	{ "..", "http://a/b/" },
	{ "../", "http://a/b/" },
	{ "../g", "http://a/b/g" },
	{ "../..", "http://a/" },
	{ "../../", "http://a/" },
	{ "../../g", "http://a/g" },
	/* §5.4.2 abnormal examples */
	{ "../../../g", "http://a/g" },
	{ "../../../../g", "http://a/g" },
	{ "/./g", "http://a/g" },
	{ "/../g", "http://a/g" },
	{ "g.", "http://a/b/c/g." },
	{ ".g", "http://a/b/c/.g" },
	{ "g..", "http://a/b/c/g.." },
	{ "..g", "http://a/b/c/..g" },
	{ "./../g", "http://a/b/g" },
	{ "./g/.", "http://a/b/c/g/" },
	{ "g/./h", "http://a/b/c/g/h" },
	{ "g/../h", "http://a/b/c/h" },
	{ "g;x=1/./y", "http://a/b/c/g;x=1/y" },
	{ "g;x=1/../y", "http://a/b/c/y" },
	{ "g?y/./x", "http://a/b/c/g?y/./x" },
	{ "g?y/../x", "http://a/b/c/g?y/../x" },
	{ "g#s/./x", "http://a/b/c/g#s/./x" },
	{ "g#s/../x", "http://a/b/c/g#s/../x" },
	{ "http:g", "http:g" },
};

static void check_resolve(const char *base_text, const char *ref_text,
			  const char *want)
{
	struct uri *base = parse_uri(base_text);
	struct uri *ref = parse_uri(ref_text);
	struct uri *res = resolve_uri(base, ref);
	char *text = res ? format_uri_alloc(res) : NULL;

	ok_str(text, want);
	free(text);
	free(res);
	free(ref);
	free(base);
}

UNIT_TEST(uri_resolve_rfc3986)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rfc_examples); i++)
		check_resolve("http://a/b/c/d;p?q", rfc_examples[i][0],
			      rfc_examples[i][1]);
}

UNIT_TEST(uri_resolve_boot)
{
	check_resolve("tftp://198.18.0.1/boot/pxelinux.0", "menu.ipxe",
		      "tftp://198.18.0.1/boot/menu.ipxe");
	check_resolve("http://h:8080/a/b?x", "http://u:p@o/k",
		      "http://u:p@o/k");
	check_resolve("http://h:8080", "x", "http://h:8080/x");
	check_resolve("http://u%40v@h/a", "b#c%20d",
		      "http://u%40v@h/b#c%20d");
	check_resolve("http://h/a/b", "iscsi:1.2.3.4::::iqn.x:y",
		      "iscsi:1.2.3.4::::iqn.x:y");
	check_resolve("iscsi:1.2.3.4::::iqn.x:y", "#f",
		      "iscsi:1.2.3.4::::iqn.x:y#f");
}

UNIT_TEST(uri_resolve_path)
{
	static const char *const cases[][3] = {
		{ "/b/c/d", "g", "/b/c/g" },
		{ "/b/c/d", "/x/./y/../z", "/x/z" },
		{ "/b/c/", "..", "/b/" },
		/* §5.2.4 as written turns the "/.." into a leading "/". */
		{ NULL, "a/../b", "/b" },
		{ "", "./a", "a" },
		{ "x", "y", "y" },
		{ "/a/b", "", "/a/" },
		{ "/", "../../..", "/" },
		{ "/a", "/..//x", "//x" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char *path = resolve_path(cases[i][0], cases[i][1]);

		ok_str(path, cases[i][2]);
		free(path);
	}
}
