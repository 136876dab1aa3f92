/* Reading HTTP/1.1 responses (RFC 9112): lines are gathered into a
 * buffer, body bytes are only counted, so the caller can hand them on
 * in the buffers they came in. */
#include <errno.h>
#include <string.h>
#include <ctype.h>
#include <net/http.h>

void http_rx_init(struct http_rx *rx)
{
	memset(rx, 0, sizeof(*rx));
	rx->state = HTTP_RX_STATUS;
}

static const char *skip_ows(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Decimal digits (saturating), then nothing but whitespace. */
static int parse_length(const char *s, uint64_t *value)
{
	uint64_t v = 0;

	if (!isdigit(*s))
		return -EPROTO;
	for (; isdigit(*s); s++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -EFBIG;
		v = v * 10 + (*s - '0');
	}
	if (*skip_ows(s))
		return -EPROTO;
	*value = v;
	return 0;
}

int http_parse_status(const char *line, struct http_response *resp)
{
	const char *p = line;
	size_t n;

	if (strncmp(p, "HTTP/1.", 7) != 0 || !isdigit(p[7]) || p[8] != ' ')
		return -EPROTO;
	/* HTTP/1.1 keeps the connection unless told otherwise; 1.0 does
	 * not unless told so. */
	resp->keepalive = p[7] != '0';
	p += 9;
	if (!isdigit(p[0]) || !isdigit(p[1]) || !isdigit(p[2]) ||
	    (p[3] != ' ' && p[3] != '\0'))
		return -EPROTO;
	resp->status = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
	if (resp->status < 100)
		return -EPROTO;
	p += 3;
	if (*p)
		p++;
	n = MIN(strlen(p), sizeof(resp->reason) - 1);
	memcpy(resp->reason, p, n);
	resp->reason[n] = '\0';
	/* Printable text only: the reason is shown on the console. */
	for (char *r = resp->reason; *r; r++) {
		if (!isprint(*r))
			*r = '?';
	}
	return 0;
}

/* Whether the comma-separated list value holds token. */
static bool has_token(const char *value, const char *token)
{
	size_t n = strlen(token);
	const char *p = value;

	while (*p) {
		p = skip_ows(p);
		if (strncasecmp(p, token, n) == 0) {
			const char *end = skip_ows(p + n);

			if (*end == ',' || *end == '\0')
				return true;
		}
		p = strchr(p, ',');
		if (!p)
			break;
		p++;
	}
	return false;
}

/* The last transfer coding must be chunked; anything else we cannot
 * undo (RFC 9112 section 6.1). */
static int parse_transfer_encoding(const char *value,
				   struct http_response *resp)
{
	const char *last = strrchr(value, ',');
	size_t n;

	last = skip_ows(last ? last + 1 : value);
	n = strlen(last);
	while (n && (last[n - 1] == ' ' || last[n - 1] == '\t'))
		n--;
	if (n != 7 || strncasecmp(last, "chunked", 7) != 0 ||
	    has_token(value, "gzip") || has_token(value, "deflate") ||
	    has_token(value, "compress"))
		return -ENOTSUP;
	resp->chunked = true;
	return 0;
}

/* A decimal number at *p, advancing *p; false if none or too big. */
static bool parse_u64(const char **p, uint64_t *v)
{
	const char *s = *p;

	*v = 0;
	if (!isdigit(*s))
		return false;
	for (; isdigit(*s); s++) {
		if (*v > (UINT64_MAX - 9) / 10)
			return false;
		*v = *v * 10 + (*s - '0');
	}
	*p = s;
	return true;
}

/* "bytes FIRST-LAST/LENGTH" (RFC 9110 section 14.4): FIRST, and LENGTH
 * unless it is "*".  Any other form (a 416's "bytes *" form) is left
 * unset, so a 206 that carries it is refused by the client. */
static void parse_content_range(const char *p, struct http_response *resp)
{
	uint64_t first, last, total;

	if (strncasecmp(p, "bytes ", 6) != 0)
		return;
	p = skip_ows(p + 6);
	if (!parse_u64(&p, &first) || *p++ != '-' || !parse_u64(&p, &last) ||
	    *p++ != '/' || last < first)
		return;
	resp->has_range = true;
	resp->range_start = first;
	resp->has_range_total = parse_u64(&p, &total) && total > last;
	resp->range_total = resp->has_range_total ? total : 0;
}

int http_parse_header(const char *line, struct http_response *resp)
{
	const char *colon = strchr(line, ':'), *value;
	size_t name_len, n;
	uint64_t length;
	int rc;

	if (!colon || colon == line)
		return -EPROTO;
	name_len = colon - line;
	/* No whitespace between name and colon (RFC 9112 section 5.1). */
	if (line[name_len - 1] == ' ' || line[name_len - 1] == '\t')
		return -EPROTO;
	value = skip_ows(colon + 1);

#define IS(name) (name_len == sizeof(name) - 1 && \
		  strncasecmp(line, name, name_len) == 0)
	if (IS("Content-Length")) {
		rc = parse_length(value, &length);
		if (rc)
			return rc;
		if (resp->has_length && resp->length != length)
			return -EPROTO;
		resp->has_length = true;
		resp->length = length;
	} else if (IS("Transfer-Encoding")) {
		return parse_transfer_encoding(value, resp);
	} else if (IS("Connection")) {
		if (has_token(value, "close"))
			resp->keepalive = false;
		else if (has_token(value, "keep-alive"))
			resp->keepalive = true;
	} else if (IS("Content-Range")) {
		parse_content_range(value, resp);
	} else if (IS("Location")) {
		n = strlen(value);
		while (n && (value[n - 1] == ' ' || value[n - 1] == '\t'))
			n--;
		if (n >= sizeof(resp->location))
			return -ENAMETOOLONG;
		memcpy(resp->location, value, n);
		resp->location[n] = '\0';
	} else if (IS("WWW-Authenticate")) {
		/* One we cannot read is one we cannot answer: the 401
		 * then fails as it would without credentials. */
		http_parse_challenge(value, &resp->challenge);
	}
#undef IS
	return 0;
}

/* A chunk-size line: hex digits, then optional extensions. */
static int parse_chunk_size(const char *line, uint64_t *size)
{
	uint64_t v = 0;
	const char *p = line;

	if (!isxdigit(*p))
		return -EPROTO;
	for (; isxdigit(*p); p++) {
		if (v >> 60)
			return -EFBIG;
		v = v * 16 + (isdigit(*p) ? *p - '0' : (*p | 0x20) - 'a' + 10);
	}
	p = skip_ows(p);
	if (*p && *p != ';')
		return -EPROTO;
	*size = v;
	return 0;
}

/* How the body is framed, once the headers are in. */
static void rx_headers_done(struct http_rx *rx)
{
	struct http_response *r = &rx->resp;

	rx->headers_end = true;
	if (r->status < 200) {
		/* An interim response (100 Continue): the real one follows. */
		http_rx_init(rx);
		rx->headers_end = false;
		return;
	}
	if (r->status == 204 || r->status == 304) {
		rx->state = HTTP_RX_DONE;
	} else if (r->chunked) {
		r->has_length = false;
		rx->state = HTTP_RX_CHUNK_SIZE;
	} else if (r->has_length) {
		rx->remaining = r->length;
		rx->state = r->length ? HTTP_RX_BODY : HTTP_RX_DONE;
	} else {
		rx->until_close = true;
		r->keepalive = false;
		rx->remaining = UINT64_MAX;
		rx->state = HTTP_RX_BODY;
	}
}

static int rx_line(struct http_rx *rx, char *line)
{
	uint64_t size;
	int rc;

	switch (rx->state) {
	case HTTP_RX_STATUS:
		/* Empty lines before the status line may be skipped. */
		if (!*line)
			return 0;
		rc = http_parse_status(line, &rx->resp);
		if (rc)
			return rc;
		rx->state = HTTP_RX_HEADER;
		return 0;
	case HTTP_RX_HEADER:
		if (!*line) {
			rx_headers_done(rx);
			return 0;
		}
		return http_parse_header(line, &rx->resp);
	case HTTP_RX_CHUNK_SIZE:
		rc = parse_chunk_size(line, &size);
		if (rc)
			return rc;
		rx->remaining = size;
		rx->state = size ? HTTP_RX_CHUNK_DATA : HTTP_RX_TRAILER;
		return 0;
	case HTTP_RX_CHUNK_END:
		if (*line)
			return -EPROTO;
		rx->state = HTTP_RX_CHUNK_SIZE;
		return 0;
	case HTTP_RX_TRAILER:
		/* Trailer fields are read and ignored. */
		if (!*line)
			rx->state = HTTP_RX_DONE;
		return 0;
	default:
		return -EPROTO;
	}
}

/* Gather a line; process it once its LF is in. */
static int rx_feed_line(struct http_rx *rx, const uint8_t *data, size_t len)
{
	const uint8_t *lf = memchr(data, '\n', len);
	size_t n = lf ? (size_t)(lf - data) + 1 : len;
	size_t take = n - (lf != NULL);
	int rc;

	if (take > sizeof(rx->line) - 1 - rx->line_len)
		return -EMSGSIZE;
	if (memchr(data, '\0', take))
		return -EPROTO;
	memcpy(rx->line + rx->line_len, data, take);
	rx->line_len += take;
	if (!lf)
		return n;
	if (rx->line_len && rx->line[rx->line_len - 1] == '\r')
		rx->line_len--;
	rx->line[rx->line_len] = '\0';
	rx->line_len = 0;
	rc = rx_line(rx, rx->line);
	return rc ? rc : (int)n;
}

int http_rx_feed(struct http_rx *rx, const uint8_t *data, size_t len,
		 size_t *body)
{
	size_t n;

	*body = 0;
	if (!len || rx->state == HTTP_RX_DONE)
		return 0;
	if (rx->state == HTTP_RX_BODY || rx->state == HTTP_RX_CHUNK_DATA) {
		n = len;
		if (n > rx->remaining)
			n = rx->remaining;
		n = MIN(n, (size_t)INT32_MAX);
		rx->remaining -= n;
		if (!rx->remaining)
			rx->state = rx->state == HTTP_RX_BODY ?
				    HTTP_RX_DONE : HTTP_RX_CHUNK_END;
		*body = n;
		return n;
	}
	return rx_feed_line(rx, data, MIN(len, (size_t)INT32_MAX));
}
