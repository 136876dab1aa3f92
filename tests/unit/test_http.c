/* Unit tests for reading HTTP responses (net/httpcore.c): status lines,
 * the header fields that matter, Content-Length, chunked bodies with
 * extensions and trailers, bodies up to the close, interim responses,
 * redirects' Location, and malformed input; each response is fed whole
 * and one byte at a time. */
#include <errno.h>
#include <net/http.h>
#include "test.h"

static struct http_rx rx;
static char body[256];
static size_t body_len;
static unsigned int headers_seen;

/* Feed text in pieces of at most step bytes; returns the first error,
 * or 0.  The body is gathered in body[]. */
static int feed(const char *text, size_t step)
{
	const uint8_t *p = (const uint8_t *)text;
	size_t len = strlen(text), piece, got;
	int n;

	http_rx_init(&rx);
	body_len = 0;
	headers_seen = 0;
	while (len) {
		piece = MIN(len, step);
		n = http_rx_feed(&rx, p, piece, &got);
		if (n < 0)
			return n;
		if (n == 0)
			break;
		if (got && body_len + got <= sizeof(body)) {
			memcpy(body + body_len, p, got);
			body_len += got;
		}
		if (rx.headers_end) {
			rx.headers_end = false;
			headers_seen++;
		}
		p += n;
		len -= n;
	}
	return 0;
}

/* Both ways, with the same outcome; the last is left in rx. */
static int feed_both(const char *text)
{
	int a = feed(text, 1);
	char one[256];
	size_t one_len = body_len;

	memcpy(one, body, body_len);
	int b = feed(text, 100000);

	ok(a == b);
	ok(one_len == body_len && memcmp(one, body, body_len) == 0);
	return b;
}

static bool body_is(const char *want)
{
	return body_len == strlen(want) && memcmp(body, want, body_len) == 0;
}

UNIT_TEST(http_status_line)
{
	struct http_response r;

	memset(&r, 0, sizeof(r));
	ok(http_parse_status("HTTP/1.1 200 OK", &r) == 0);
	ok(r.status == 200 && r.keepalive);
	ok_str(r.reason, "OK");
	ok(http_parse_status("HTTP/1.0 404 Not Found", &r) == 0);
	ok(r.status == 404 && !r.keepalive);
	ok_str(r.reason, "Not Found");
	/* The reason may be empty, or missing with its space. */
	ok(http_parse_status("HTTP/1.1 500 ", &r) == 0 && r.status == 500);
	ok(http_parse_status("HTTP/1.1 204", &r) == 0 && r.status == 204);
	ok_str(r.reason, "");
	ok(http_parse_status("HTTP/1.1 200 \x01" "bad\x7f", &r) == 0);
	ok_str(r.reason, "?bad?");
	ok(http_parse_status("HTTP/2 200 OK", &r) == -EPROTO);
	ok(http_parse_status("HTTP/1.1 20 OK", &r) == -EPROTO);
	ok(http_parse_status("HTTP/1.1 2000 OK", &r) == -EPROTO);
	ok(http_parse_status("HTTP/1.1 099 x", &r) == -EPROTO);
	ok(http_parse_status("ICY 200 OK", &r) == -EPROTO);
	ok(http_parse_status("", &r) == -EPROTO);
}

UNIT_TEST(http_headers)
{
	struct http_response r;

	memset(&r, 0, sizeof(r));
	r.keepalive = true;
	ok(http_parse_header("Content-Length: 1234", &r) == 0);
	ok(r.has_length && r.length == 1234);
	/* The same value twice is allowed; another is not. */
	ok(http_parse_header("content-length:1234  ", &r) == 0);
	ok(http_parse_header("Content-Length: 1235", &r) == -EPROTO);
	ok(http_parse_header("Content-Length: -1", &r) == -EPROTO);
	ok(http_parse_header("Content-Length: 12a", &r) == -EPROTO);
	ok(http_parse_header("Content-Length: 99999999999999999999999", &r) ==
	   -EFBIG);
	ok(http_parse_header("Connection: close", &r) == 0 && !r.keepalive);
	ok(http_parse_header("Connection: Keep-Alive", &r) == 0 &&
	   r.keepalive);
	ok(http_parse_header("Location: /x/y?z ", &r) == 0);
	ok_str(r.location, "/x/y?z");
	ok(http_parse_header("Transfer-Encoding: chunked", &r) == 0 &&
	   r.chunked);
	ok(http_parse_header("Transfer-Encoding: gzip, chunked", &r) ==
	   -ENOTSUP);
	ok(http_parse_header("Transfer-Encoding: identity", &r) == -ENOTSUP);
	ok(http_parse_header("X-Anything: whatever: it is", &r) == 0);
	ok(http_parse_header("No colon here", &r) == -EPROTO);
	ok(http_parse_header(": empty name", &r) == -EPROTO);
	ok(http_parse_header("Bad name : x", &r) == -EPROTO);
}

UNIT_TEST(http_content_range)
{
	struct http_response r;

	memset(&r, 0, sizeof(r));
	ok(http_parse_header("Content-Range: bytes */1000", &r) == 0 &&
	   !r.has_range);
	ok(http_parse_header("Content-Range: items 1-2/3", &r) == 0 &&
	   !r.has_range);
	ok(http_parse_header("Content-Range: bytes 5-", &r) == 0 &&
	   !r.has_range);
	ok(http_parse_header("Content-Range: bytes 99999999999999999999-1/2",
			     &r) == 0 && !r.has_range);
	ok(http_parse_header("content-range: bytes 4294967296-8589934591/*",
			     &r) == 0);
	ok(r.has_range && r.range_start == 4294967296ULL);
	ok(r.has_range && !r.has_range_total);
	ok(http_parse_header("Content-Range: bytes 700-999/1000", &r) == 0);
	ok(r.has_range && r.range_start == 700);
	ok(r.has_range_total && r.range_total == 1000);
	memset(&r, 0, sizeof(r));
	ok(http_parse_header("Content-Range: bytes 9-8/1000", &r) == 0 &&
	   !r.has_range);
	ok(http_parse_header("Content-Range: bytes 0-999/999", &r) == 0 &&
	   r.has_range && !r.has_range_total);
}

UNIT_TEST(http_bodies)
{
	/* Content-Length, and what comes after it is not read. */
	ok(feed_both("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA")
	   == 0);
	ok(rx.state == HTTP_RX_DONE && body_is("hello"));
	ok(rx.resp.keepalive && rx.resp.has_length && rx.resp.length == 5);
	ok(headers_seen == 1);

	/* Empty bodies: a zero length, 204, 304. */
	ok(feed_both("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") == 0);
	ok(rx.state == HTTP_RX_DONE && body_len == 0);
	ok(feed_both("HTTP/1.1 204 No Content\r\n\r\n") == 0);
	ok(rx.state == HTTP_RX_DONE);
	ok(feed_both("HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n")
	   == 0);
	ok(rx.state == HTTP_RX_DONE && body_len == 0);

	/* Bare LF line ends are accepted; so are empty lines before the
	 * status line. */
	ok(feed_both("\r\nHTTP/1.1 200 OK\nContent-Length: 2\n\nhi") == 0);
	ok(rx.state == HTTP_RX_DONE && body_is("hi"));

	/* Chunked, with extensions, a chunk in upper-case hex and
	 * trailers; Content-Length is ignored beside it. */
	ok(feed_both("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
		     "Content-Length: 99\r\n\r\n"
		     "5;name=value\r\nhello\r\n"
		     "1 ; quoted=\"a;b\"\r\n \r\n"
		     "A\r\n0123456789\r\n"
		     "0;last\r\nExpires: never\r\nX-Sum: 1\r\n\r\nNEXT") == 0);
	ok(rx.state == HTTP_RX_DONE && body_is("hello 0123456789"));
	ok(!rx.resp.has_length && rx.resp.keepalive);

	/* Up to the close: the connection cannot be kept. */
	ok(feed_both("HTTP/1.1 200 OK\r\n\r\nuntil the end") == 0);
	ok(rx.state == HTTP_RX_BODY && rx.until_close &&
	   !rx.resp.keepalive && body_is("until the end"));

	/* An interim response, then the real one. */
	ok(feed_both("HTTP/1.1 100 Continue\r\n\r\n"
		     "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx") == 0);
	ok(rx.state == HTTP_RX_DONE && body_is("x") && headers_seen == 1);

	/* Redirects carry their Location. */
	ok(feed_both("HTTP/1.1 302 Found\r\nLocation: http://a/b\r\n"
		     "Content-Length: 3\r\n\r\nabc") == 0);
	ok(rx.resp.status == 302);
	ok_str(rx.resp.location, "http://a/b");
	ok(feed_both("HTTP/1.1 307 Temporary Redirect\r\n"
		     "Location: ../c\r\nContent-Length: 0\r\n\r\n") == 0);
	ok(rx.resp.status == 307);
	ok_str(rx.resp.location, "../c");
}

UNIT_TEST(http_malformed)
{
	static char line[HTTP_LINE_MAX + 40];
	size_t got;

	ok(feed_both("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		     "xyz\r\n") == -EPROTO);
	ok(feed_both("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		     "3\r\nabcX\r\n") == -EPROTO);
	ok(feed_both("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		     "fffffffffffffffff\r\n") == -EFBIG);
	/* A NUL inside a header line. */
	ok(feed("HTTP/1.1 200 OK\r\n", 1) == 0 && rx.state == HTTP_RX_HEADER);
	ok(http_rx_feed(&rx, (const uint8_t *)"X: a\0b\r\n", 8, &got) ==
	   -EPROTO);
	ok(feed_both("SSH-2.0-OpenSSH\r\n") == -EPROTO);
	/* A line longer than the buffer. */
	memset(line, 'a', sizeof(line) - 1);
	memcpy(line, "HTTP/1.1 200 OK\r\nX: ", 20);
	line[sizeof(line) - 1] = '\0';
	ok(feed_both(line) == -EMSGSIZE);
}
