/* HTTP/1.1 (RFC 9112) responses, as the client reads them
 * (net/httpcore.c): the status line, the header fields it acts on, and
 * the framing of the body (Content-Length, chunked with extensions and
 * trailers, or up to the close).  net/http.c is the http:// opener. */
#ifndef NET_HTTP_H
#define NET_HTTP_H
#include <cxboot/compiler.h>
#include <net/httpauth.h>

#define HTTP_PORT 80
/* The longest status, header, chunk-size or trailer line accepted. */
#define HTTP_LINE_MAX 4096

struct http_response {
	unsigned int status;
	char reason[64];
	bool keepalive;       /* the connection may carry another request */
	bool chunked;
	bool has_length;
	uint64_t length;      /* Content-Length */
	bool has_range;
	uint64_t range_start; /* first byte of a 206's Content-Range */
	bool has_range_total;
	uint64_t range_total; /* the whole resource's length, if given */
	char location[HTTP_LINE_MAX];   /* "" if none */
	struct http_challenge challenge;  /* from WWW-Authenticate */
};

enum http_rx_state {
	HTTP_RX_STATUS,
	HTTP_RX_HEADER,
	HTTP_RX_BODY,         /* Content-Length bytes, or up to the close */
	HTTP_RX_CHUNK_SIZE,
	HTTP_RX_CHUNK_DATA,
	HTTP_RX_CHUNK_END,    /* the CRLF after a chunk's data */
	HTTP_RX_TRAILER,
	HTTP_RX_DONE,
};

struct http_rx {
	enum http_rx_state state;
	struct http_response resp;
	bool headers_end;     /* set when the headers end; the caller clears */
	bool until_close;     /* the body ends when the connection does */
	uint64_t remaining;   /* of the body or the current chunk */
	size_t line_len;
	char line[HTTP_LINE_MAX];
};

/* Open uri asking for the len bytes at start only: delivered at their
 * offsets in the resource, whose whole size comes as a size hint.  A
 * server that ignores Range fails it (-ENOTSUP). */
struct xfer;
struct uri;
int http_open_range(struct xfer *xfer, const struct uri *uri,
		    uint64_t start, uint64_t len);
/* Open uri as a read-only disk (net/httpdisk.c). */
int http_open_disk(struct xfer *xfer, const struct uri *uri);

void http_rx_init(struct http_rx *rx);
/* Read from data: returns how many bytes were used (0 only once the
 * response is complete), or a negative error.  *body is how many of
 * them, from the start of data, are body bytes.  A call stops at the
 * end of the headers, setting headers_end, so that the caller may
 * look at them before any body. */
int http_rx_feed(struct http_rx *rx, const uint8_t *data, size_t len,
		 size_t *body);
/* One line without its CRLF. */
int http_parse_status(const char *line, struct http_response *resp);
int http_parse_header(const char *line, struct http_response *resp);

#endif
