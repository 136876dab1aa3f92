/* Unit tests for HTTP authentication (net/httpauth.c): Digest responses
 * against the RFCs' worked examples, WWW-Authenticate parsing (quoted
 * strings, commas, several challenges), and the Authorization lines. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <net/http.h>
#include "test.h"

UNIT_TEST(http_digest_rfc7616)
{
	/* RFC 7616 section 3.9.1. */
	struct http_digest_input in = {
		.scheme = HTTP_AUTH_DIGEST_MD5, .user = "Mufasa",
		.realm = "http-auth@example.org", .password = "Circle of Life",
		.method = "GET", .uri = "/dir/index.html",
		.nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
		.qop = "auth", .nc = "00000001",
		.cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
	};
	char hex[65];

	http_digest_response(&in, hex);
	ok_str(hex, "8ca523f5e9506fed4657c9700eebdbec");
	in.scheme = HTTP_AUTH_DIGEST_SHA256;
	http_digest_response(&in, hex);
	ok_str(hex, "753927fa0e85d155564e2e272a28d180"
		    "2ca10daf4496794697cf8db5856cb6c1");
}

UNIT_TEST(http_digest_rfc2617)
{
	/* RFC 2617 section 3.5. */
	struct http_digest_input in = {
		.scheme = HTTP_AUTH_DIGEST_MD5, .user = "Mufasa",
		.realm = "testrealm@host.com", .password = "Circle Of Life",
		.method = "GET", .uri = "/dir/index.html",
		.nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093",
		.qop = "auth", .nc = "00000001", .cnonce = "0a4f113b",
	};
	char hex[65];

	http_digest_response(&in, hex);
	ok_str(hex, "6629fae49393a05397450978507c4ef1");
	/* The RFC 2069 form, MD5(HA1:nonce:HA2); RFC 2069's own printed
	 * example is known to be wrong, this value is the formula's. */
	in.qop = NULL;
	http_digest_response(&in, hex);
	ok_str(hex, "670fd8c2df070c60b045671b8b24ff02");
}

static struct http_challenge parse(const char *value, int want_rc)
{
	struct http_challenge ch;

	memset(&ch, 0, sizeof(ch));
	ok(http_parse_challenge(value, &ch) == want_rc);
	return ch;
}

UNIT_TEST(http_challenge_parse)
{
	struct http_challenge ch;

	ch = parse("Basic realm=\"a, \\\"b\\\"\"", 0);
	ok(ch.scheme == HTTP_AUTH_BASIC);
	ok_str(ch.realm, "a, \"b\"");
	/* RFC 7616 section 3.9.1: two challenges in one header. */
	ch = parse("Digest realm=\"http-auth@example.org\", "
		   "qop=\"auth, auth-int\", algorithm=SHA-256, "
		   "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
		   "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\", "
		   "Digest realm=\"http-auth@example.org\", qop=\"auth\", "
		   "algorithm=MD5, nonce=\"x\", opaque=\"y\"", 0);
	ok(ch.scheme == HTTP_AUTH_DIGEST_SHA256 && ch.qop_auth);
	ok_str(ch.realm, "http-auth@example.org");
	ok_str(ch.nonce, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v");
	ok_str(ch.opaque, "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
	/* Basic before Digest, an unknown scheme, empty list elements. */
	ch = parse("Basic realm=x, Foo bar=1,, Digest nonce=n1,realm=r", 0);
	ok(ch.scheme == HTTP_AUTH_DIGEST_MD5 && !ch.qop_auth);
	ok_str(ch.nonce, "n1");
	ok_str(ch.realm, "r");
	/* What we cannot answer: -sess, auth-int only, no nonce. */
	ok(parse("Digest nonce=a, algorithm=MD5-sess", 0).scheme ==
	   HTTP_AUTH_NONE);
	ok(parse("Digest nonce=a, qop=auth-int", 0).scheme == HTTP_AUTH_NONE);
	ok(parse("Digest realm=a", 0).scheme == HTTP_AUTH_NONE);
	ok(parse("Negotiate", 0).scheme == HTTP_AUTH_NONE);
	/* An unterminated quoted string. */
	parse("Basic realm=\"abc", -EPROTO);
}

UNIT_TEST(http_challenge_strongest_wins)
{
	struct http_challenge ch;

	memset(&ch, 0, sizeof(ch));
	ok(http_parse_challenge("Digest nonce=n, algorithm=SHA-256", &ch) == 0);
	ok(http_parse_challenge("Basic realm=b", &ch) == 0);
	ok(ch.scheme == HTTP_AUTH_DIGEST_SHA256);
	ok_str(ch.nonce, "n");
}

/* stale=true (any case, quoted or not) says only the nonce expired. */
UNIT_TEST(http_challenge_stale)
{
	struct http_challenge ch;

	memset(&ch, 0, sizeof(ch));
	ok(http_parse_challenge("Digest realm=r, nonce=n2, stale=TRUE", &ch)
	   == 0);
	ok(ch.stale);
	ok_str(ch.nonce, "n2");
	memset(&ch, 0, sizeof(ch));
	ok(http_parse_challenge("Digest realm=r, nonce=n, stale=\"false\"",
				&ch) == 0);
	ok(!ch.stale);
}

/* One Authorization line, compared and freed. */
static void ok_line(char *line, const char *want)
{
	ok(line != NULL);
	if (line)
		ok_str(line, want);
	free(line);
}

UNIT_TEST(http_authorization_lines)
{
	struct http_challenge ch;
	char *line;

	memset(&ch, 0, sizeof(ch));
	ok(http_authorization(&ch, "u", "p", "GET", "/") == NULL);
	ch.scheme = HTTP_AUTH_BASIC;
	/* RFC 7617 section 2's example. */
	ok_line(http_authorization(&ch, "Aladdin", "open sesame", "GET", "/"),
		"Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n");
	ok_line(http_authorization(&ch, "a", "", "GET", "/"),
		"Authorization: Basic YTo=\r\n");
	ok_line(http_authorization(&ch, "ab", "", "GET", "/"),
		"Authorization: Basic YWI6\r\n");
	/* The RFC 2069 form has no qop, nc or cnonce; quoted values are
	 * escaped again. */
	ch = parse("Digest realm=\"testrealm@host.com\", "
		   "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"", 0);
	ok_line(http_authorization(&ch, "Mufasa", "Circle Of Life", "GET",
				   "/dir/index.html"),
		"Authorization: Digest algorithm=MD5, username=\"Mufasa\", "
		"realm=\"testrealm@host.com\", "
		"nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
		"uri=\"/dir/index.html\", "
		"response=\"670fd8c2df070c60b045671b8b24ff02\"\r\n");
	ok(strcmp(ch.realm, "testrealm@host.com") == 0);
	strcpy(ch.realm, "a\"b\\c");
	line = http_authorization(&ch, "u", "p", "GET", "/");
	ok(line && strstr(line, ", realm=\"a\\\"b\\\\c\", ") != NULL);
	free(line);
	ch.qop_auth = true;
	strcpy(ch.opaque, "op");
	line = http_authorization(&ch, "u", "p", "POST", "/");
	ok(line && strstr(line, ", opaque=\"op\", qop=auth, nc=00000001, "
			  "cnonce=\"") != NULL);
	free(line);
}

UNIT_TEST(http_challenge_in_response)
{
	static const char text[] = "HTTP/1.1 401 Unauthorized\r\n"
		"WWW-Authenticate: Basic realm=\"r\"\r\n"
		"WWW-Authenticate: Digest realm=\"r\", nonce=\"abc\", "
		"qop=\"auth\", algorithm=SHA-256\r\n"
		"WWW-Authenticate: Digest realm=\"r\", nonce=\"xyz\"\r\n"
		"Content-Length: 0\r\n\r\n";
	const uint8_t *p = (const uint8_t *)text;
	size_t len = sizeof(text) - 1, body;
	struct http_rx rx;
	int n;

	http_rx_init(&rx);
	while (len && (n = http_rx_feed(&rx, p, len, &body)) > 0) {
		p += n;
		len -= n;
	}
	ok(rx.state == HTTP_RX_DONE && rx.resp.status == 401);
	ok(rx.resp.challenge.scheme == HTTP_AUTH_DIGEST_SHA256);
	ok(rx.resp.challenge.qop_auth);
	ok_str(rx.resp.challenge.nonce, "abc");
}
