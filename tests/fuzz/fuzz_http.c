/* Fuzz the HTTP response reader (net/httpcore.c).
 *
 * Input: records (see fuzz.h), each one piece of a response as it might
 * arrive in one TCP segment; ctl bit 0 feeds the piece one byte at a
 * time.  The whole input is also parsed as one status line, as one
 * header line and as one WWW-Authenticate value.
 *
 * The reader must use no more than it is given, count body bytes only
 * within the pieces, never deliver past Content-Length, and use nothing
 * once the response is complete. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <net/http.h>
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

static struct http_rx rx;

static void check_lines(const uint8_t *data, size_t size)
{
	struct http_response resp;
	char *line = malloc(size + 1);

	fuzz_assert(line != NULL);
	memcpy(line, data, size);
	line[size] = '\0';
	memset(&resp, 0, sizeof(resp));
	http_parse_status(line, &resp);
	fuzz_assert(strlen(resp.reason) < sizeof(resp.reason));
	http_parse_header(line, &resp);
	fuzz_assert(strlen(resp.location) < sizeof(resp.location));
	memset(&resp.challenge, 0, sizeof(resp.challenge));
	http_parse_challenge(line, &resp.challenge);
	fuzz_assert(strlen(resp.challenge.nonce) < HTTP_AUTH_PARAM_MAX);
	free(line);
}

/* Feed one piece; false once the reader stopped (error or done). */
static bool feed(const uint8_t *p, size_t len, size_t step, uint64_t *body)
{
	while (len) {
		size_t piece = MIN(len, step), got;
		enum http_rx_state before = rx.state;
		int n = http_rx_feed(&rx, p, piece, &got);

		if (n < 0)
			return false;
		fuzz_assert((size_t)n <= piece && got <= (size_t)n);
		if (n == 0) {
			fuzz_assert(rx.state == HTTP_RX_DONE);
			return false;
		}
		if (got)
			fuzz_assert(before == HTTP_RX_BODY ||
				    before == HTTP_RX_CHUNK_DATA);
		*body += got;
		if (rx.resp.has_length && !rx.resp.chunked &&
		    !rx.until_close)
			fuzz_assert(*body <= rx.resp.length);
		rx.headers_end = false;
		p += n;
		len -= n;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *pos = data, *end = data + size;
	struct fuzz_record rec;
	uint64_t body = 0;

	check_lines(data, size);
	http_rx_init(&rx);
	while (fuzz_next_record(&pos, end, &rec)) {
		uint8_t *copy = fuzz_dup(rec.data, rec.len);
		bool go_on = feed(copy, rec.len, rec.ctl & 1 ? 1 : rec.len + 1,
				  &body);

		free(copy);
		if (!go_on)
			break;
	}
	return 0;
}
