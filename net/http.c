/* HTTP/1.1 client: the http:// URI opener.
 *
 * A request sends GET (or POST of a form, net/httpform.c) over a TCP
 * connection and hands the body on to its
 * consumer in the buffers TCP delivered.  A connection whose response
 * ended cleanly and which the server keeps open waits in a small pool
 * for the next request to the same host and port (a kernel, then its
 * initrd).  Redirects go back to the consumer, which reopens at the new
 * URI; a 401 is answered once with credentials (net/httpauth.c); a
 * status that is no success is an error naming it.  A body of known
 * length whose connection drops is asked for again from where it
 * stopped (Range), a few times at most.  A request may also ask for one
 * range of bytes only (http_open_range, for HTTP disks). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <config/branding.h>
#include <cxboot/errdetail.h>
#include <cxboot/open.h>
#include <cxboot/timer.h>
#include <cxboot/xfer.h>
#include <net/dns.h>
#include <net/http.h>
#include <net/httpform.h>
#include <net/tcp.h>

#define HTTP_MAX_REDIRECTS 8
#define HTTP_POOL_MAX 4
#define HTTP_MAX_RESUMES 5
/* A body that stops coming for this long is taken as lost. */
#define HTTP_STALL_MS (10 * TICKS_PER_SEC)

/* ---- Idle connections --------------------------------------------- */

struct http_idle {
	struct refcnt refcnt;
	struct xfer xfer;           /* to the parked TCP connection */
	struct list_head list;
	struct in_addr addr;
	uint16_t port;
};

static LIST_HEAD(http_pool);

static void idle_free(struct refcnt *ref)
{
	free(container_of(ref, struct http_idle, refcnt));
}

static void idle_end(struct http_idle *idle, int rc)
{
	list_del(&idle->list);
	xfer_close(&idle->xfer, rc);
	ref_put(&idle->refcnt);
}

/* The server closed it. */
static void idle_close(struct xfer *x, int rc __unused)
{
	struct http_idle *idle = container_of(x, struct http_idle, xfer);

	list_del(&idle->list);
	ref_put(&idle->refcnt);
}

/* Nothing may arrive between responses. */
static int idle_deliver(struct xfer *x, struct io_buffer *iob,
			const struct xfer_metadata *meta __unused)
{
	struct http_idle *idle = container_of(x, struct http_idle, xfer);

	free_iob(iob);
	idle_end(idle, -EPROTO);
	return -EPROTO;
}

static const struct xfer_ops idle_ops = {
	.deliver = idle_deliver,
	.close = idle_close,
};

/* Park the connection plugged into conn. */
static void pool_put(struct xfer *conn, struct in_addr addr, uint16_t port)
{
	struct http_idle *idle = zalloc(sizeof(*idle)), *old;
	unsigned int n = 0;

	if (!idle) {
		xfer_close(conn, 0);
		return;
	}
	ref_init(&idle->refcnt, idle_free);
	xfer_init(&idle->xfer, &idle_ops, &idle->refcnt);
	idle->addr = addr;
	idle->port = port;
	xfer_plug(&idle->xfer, conn->peer);
	list_add(&idle->list, &http_pool);
	list_for_each_entry(old, &http_pool, list)
		n++;
	if (n > HTTP_POOL_MAX) {
		old = list_entry(http_pool.prev, struct http_idle, list);
		idle_end(old, 0);
	}
}

/* Plug a parked connection to addr:port into conn; false if none. */
static bool pool_take(struct xfer *conn, struct in_addr addr, uint16_t port)
{
	struct http_idle *idle;

	list_for_each_entry(idle, &http_pool, list) {
		if (idle->addr.s_addr == addr.s_addr && idle->port == port) {
			xfer_plug(conn, idle->xfer.peer);
			list_del(&idle->list);
			ref_put(&idle->refcnt);
			return true;
		}
	}
	return false;
}

/* ---- Requests ----------------------------------------------------- */

struct http_request {
	struct refcnt refcnt;
	struct xfer xfer;           /* to the consumer */
	struct xfer conn;           /* to the TCP connection */
	struct uri *uri;
	struct resolv resolv;       /* the server's name */
	struct in_addr addr;
	uint16_t port;
	unsigned int hops;          /* redirects followed to get here */
	bool reused;                /* the connection came from the pool */
	bool answered;              /* anything of the response came */
	/* A body read only to keep the connection: a redirect's, followed
	 * afterwards, or an error's, which ends the request with rc. */
	bool discard;
	bool redirecting;
	bool reauth;                /* send again with credentials */
	bool renewed;               /* sent again once for a stale nonce */
	struct http_challenge auth; /* answered in each request, once set */
	int rc;
	bool done;
	struct http_rx rx;
	/* Resuming: the body's length, if known, and how much of it the
	 * consumer has had (offset counts from the resource's start).  A
	 * range request is resumable from the start, with total its end. */
	bool ranged;
	bool resumable;
	uint64_t total;
	uint64_t offset;
	unsigned int resumes;
	struct retry_timer stall;   /* looks for a silent server */
	uint64_t stall_offset;      /* offset when progress_at was taken */
	unsigned long progress_at;
};

/* Redirects behind the request being opened now (see http_redirect). */
static unsigned int redirect_hops;

static void http_free(struct refcnt *ref)
{
	struct http_request *req = container_of(ref, struct http_request,
						refcnt);

	free(req->uri);
	free(req);
}

static void http_finish(struct http_request *req, int rc)
{
	if (req->done)
		return;
	req->done = true;
	stop_timer(&req->stall);
	resolv_cancel(&req->resolv);
	xfer_close(&req->conn, rc);
	xfer_close(&req->xfer, rc);
	ref_put(&req->refcnt);
}

/* The Authorization line for this request, allocated ("" if none). */
static char *http_format_auth(struct http_request *req, const char *method,
			      const char *target)
{
	char *user, *password, *line;

	if (req->auth.scheme == HTTP_AUTH_NONE)
		return strdup("");
	if (http_credentials(req->uri, &user, &password) != 0)
		return NULL;
	line = http_authorization(&req->auth, user, password, method, target);
	free(user);
	free(password);
	return line;
}

/* The whole request, allocated into *text. */
static void http_range_field(const struct http_request *req, char *buf,
			     size_t size);

static int http_format_request(struct http_request *req, char **text)
{
	const struct uri *uri = req->uri;
	char *target = NULL, *auth = NULL, range[48];
	struct http_form form;
	int rc = http_form_build(uri, &form);

	if (rc)
		return rc;
	http_range_field(req, range, sizeof(range));
	*text = NULL;
	if (asprintf(&target, "%s%s%s", uri->path ? uri->path : "/",
		     uri->query ? "?" : "", uri->query ? uri->query : "") >= 0)
		auth = http_format_auth(req, form.method, target);
	if (auth && asprintf(text, "%s %s HTTP/1.1\r\n"
			     "Host: %s%s%s\r\n"
			     "User-Agent: " PRODUCT_SHORT_NAME "/" VERSION "\r\n"
			     "Connection: keep-alive\r\n%s%s%s\r\n%s",
			     form.method, target, uri->host,
			     uri->port ? ":" : "", uri->port ? uri->port : "",
			     range, auth, form.headers, form.body) < 0)
		*text = NULL;
	free(auth);
	free(target);
	http_form_free(&form);
	return *text ? 0 : -ENOMEM;
}

/* ---- Resuming by Range -------------------------------------------- */

/* The Range field asking for the rest of the body (or of the range),
 * or "" for all of it. */
static void http_range_field(const struct http_request *req, char *buf,
			     size_t size)
{
	buf[0] = '\0';
	if (req->offset || req->ranged)
		snprintf(buf, size, "Range: bytes=%llu-%llu\r\n",
			 (unsigned long long)req->offset,
			 (unsigned long long)req->total - 1);
}

/* A success with a known length: the body can be asked for again. */
static void http_note_length(struct http_request *req)
{
	const struct http_response *resp = &req->rx.resp;

	if (resp->has_length && !resp->chunked && !req->offset) {
		req->resumable = true;
		req->total = resp->length;
	}
}

/* The connection dropped: whether to ask again for the rest. */
static bool http_may_resume(const struct http_request *req)
{
	return req->resumable && !req->discard && req->offset < req->total &&
	       req->resumes < HTTP_MAX_RESUMES;
}

/* The answer to a Range request must hold exactly the rest of the body;
 * anything else (the whole body again, above all) would corrupt what
 * the consumer already has. */
static int http_check_resumed(struct http_request *req)
{
	const struct http_response *resp = &req->rx.resp;
	unsigned long long at = req->offset;

	if (resp->status == 206 && resp->has_range &&
	    resp->range_start == req->offset && resp->has_length &&
	    resp->length == req->total - req->offset && !resp->chunked)
		return 0;
	if (resp->status == 200 && req->ranged) {
		error_detail_set(-ENOTSUP, "HTTP: the server ignores Range");
		return -ENOTSUP;
	}
	if (resp->status == 200) {
		error_detail_set(-ENOTSUP, "HTTP: connection lost at byte %llu "
				 "and the server ignores Range: cannot resume",
				 at);
		return -ENOTSUP;
	}
	if (req->ranged)
		error_detail_set(-EPROTO, "HTTP: bytes %llu-%llu asked for: "
				 "%u %s is not them", at,
				 (unsigned long long)req->total - 1,
				 resp->status, resp->reason);
	else
		error_detail_set(-EPROTO, "HTTP: resuming at byte %llu: %u %s "
				 "is not the rest of the body", at,
				 resp->status, resp->reason);
	return -EPROTO;
}

static void http_conn_lost(struct http_request *req, int rc);

/* A server gone silent mid-body: TCP, with nothing of ours to send,
 * would wait for ever.  Checked every second, and only where the body
 * can be resumed; a consumer that takes nothing is no stall. */
static void http_stall_check(struct retry_timer *t, int fail __unused)
{
	struct http_request *req = container_of(t, struct http_request, stall);
	unsigned long now = currticks();

	if (!req->resumable || !xfer_window(&req->xfer) ||
	    req->offset != req->stall_offset) {
		req->stall_offset = req->offset;
		req->progress_at = now;
	} else if (now - req->progress_at >= HTTP_STALL_MS) {
		error_detail_set(-ETIMEDOUT, "HTTP: nothing came for %lu s",
				 HTTP_STALL_MS / TICKS_PER_SEC);
		xfer_close(&req->conn, -ETIMEDOUT);
		http_conn_lost(req, -ETIMEDOUT);
		return;
	}
	start_timer_fixed(&req->stall, TICKS_PER_SEC);
}

static void http_stall_start(struct http_request *req)
{
	req->stall_offset = req->offset;
	req->progress_at = currticks();
	start_timer_fixed(&req->stall, TICKS_PER_SEC);
}

/* Connect (or reuse a parked connection) and send the request. */
static int http_send(struct http_request *req, bool may_reuse)
{
	char *text;
	int rc = http_format_request(req, &text);

	if (rc)
		return rc;
	http_rx_init(&req->rx);
	req->answered = false;
	req->reused = may_reuse && pool_take(&req->conn, req->addr, req->port);
	rc = req->reused ? 0 : tcp_open(&req->conn, req->addr, req->port);
	if (rc == 0)
		rc = xfer_deliver_raw(&req->conn, text, strlen(text), NULL);
	free(text);
	if (rc == 0)
		http_stall_start(req);
	return rc;
}

static int http_status_error(unsigned int status)
{
	switch (status) {
	case 400: return -EINVAL;
	case 401:
	case 403: return -EACCES;
	case 404:
	case 410: return -ENOENT;
	case 501: return -ENOTSUP;
	default:  return status >= 500 ? -EIO : -EPROTO;
	}
}

static bool http_is_redirect(unsigned int status)
{
	return status == 301 || status == 302 || status == 303 ||
	       status == 307 || status == 308;
}

/* Send the consumer to Location, relative to this request's URI. */
static int http_redirect(struct http_request *req)
{
	struct uri *ref, *uri;
	int rc;

	if (req->hops >= HTTP_MAX_REDIRECTS) {
		error_detail_set(-ELOOP, "HTTP: more than %d redirects",
				 HTTP_MAX_REDIRECTS);
		return -ELOOP;
	}
	ref = parse_uri(req->rx.resp.location);
	uri = ref ? resolve_uri(req->uri, ref) : NULL;
	free(ref);
	if (!uri)
		return -ENOMEM;
	/* The consumer opens the new URI within this call; the opener
	 * learns the hop count from here. */
	redirect_hops = req->hops + 1;
	rc = xfer_redirect(&req->xfer, uri);
	redirect_hops = 0;
	free(uri);
	return rc;
}

/* A 401: whether to send again with credentials; if not, why. */
static bool http_may_authenticate(struct http_request *req,
				  const char **why)
{
	const struct http_challenge *ch = &req->rx.resp.challenge;
	char *user, *password;

	if (req->auth.scheme != HTTP_AUTH_NONE) {
		/* Only the nonce expired: once more with the new one. */
		if (ch->stale && ch->scheme != HTTP_AUTH_BASIC &&
		    !req->renewed) {
			req->renewed = true;
			req->auth = *ch;
			return true;
		}
		*why = "the server refused the credentials";
		return false;
	}
	if (ch->scheme == HTTP_AUTH_NONE) {
		*why = "no authentication scheme this client can answer";
		return false;
	}
	if (http_credentials(req->uri, &user, &password) != 0) {
		*why = "credentials needed (http://user:password@host/... "
		       "or the username and password settings)";
		return false;
	}
	free(user);
	free(password);
	req->auth = *ch;
	return true;
}

/* The headers are in: act on the status. */
static int http_headers(struct http_request *req)
{
	const struct http_response *resp = &req->rx.resp;
	const char *why = NULL;

	if (req->offset && !req->ranged)
		return http_check_resumed(req);
	if (http_is_redirect(resp->status) && resp->location[0]) {
		req->discard = req->redirecting = true;
		return 0;
	}
	if (resp->status == 401 && http_may_authenticate(req, &why)) {
		req->discard = req->reauth = true;
		return 0;
	}
	if (resp->status < 200 || resp->status > 299) {
		req->discard = true;
		req->rc = http_status_error(resp->status);
		error_detail_set(req->rc, "HTTP error %u %s%s%s", resp->status,
				 resp->reason, why ? "\nHTTP: " : "",
				 why ? why : "");
		return 0;
	}
	if (req->ranged) {
		if (resp->has_range_total)
			xfer_size_hint(&req->xfer, resp->range_total);
		return http_check_resumed(req);
	}
	if (resp->has_length)
		xfer_size_hint(&req->xfer, resp->length);
	http_note_length(req);
	return 0;
}

/* The response is complete: keep the connection if the server does,
 * then follow a redirect or send again with credentials. */
static void http_complete(struct http_request *req)
{
	int rc;

	if (req->rx.resp.keepalive)
		pool_put(&req->conn, req->addr, req->port);
	else
		xfer_close(&req->conn, 0);
	if (req->reauth) {
		req->reauth = req->discard = false;
		rc = http_send(req, true);
		if (rc)
			http_finish(req, rc);
		return;
	}
	if (req->redirecting)
		req->rc = http_redirect(req);
	http_finish(req, req->rc);
}

/* Read one buffer of the response; body bytes go on without a copy when
 * the buffer holds nothing else. */
static int http_conn_deliver(struct xfer *x, struct io_buffer *iob,
			     const struct xfer_metadata *meta __unused)
{
	struct http_request *req = container_of(x, struct http_request, conn);
	struct xfer_metadata at = { .has_offset = true };
	size_t body;
	int rc = 0, n;

	req->answered = true;
	while (!req->done && iob && iob_len(iob)) {
		n = http_rx_feed(&req->rx, iob->data, iob_len(iob), &body);
		if (n < 0) {
			rc = n;
			error_detail_set(rc, "HTTP: malformed response");
			break;
		}
		at.offset = req->offset;
		if (body && req->discard) {
			iob_pull(iob, body);
		} else if (body && body == iob_len(iob)) {
			req->offset += body;
			rc = xfer_deliver(&req->xfer, iob, &at);
			iob = NULL;
		} else if (body) {
			req->offset += body;
			rc = xfer_deliver_raw(&req->xfer, iob->data, body, &at);
			iob_pull(iob, body);
		} else {
			iob_pull(iob, n);
		}
		if (rc)
			break;
		if (req->rx.headers_end) {
			req->rx.headers_end = false;
			rc = http_headers(req);
			if (rc)
				break;
		}
		if (req->rx.state == HTTP_RX_DONE) {
			http_complete(req);
			break;
		}
	}
	free_iob(iob);
	if (rc)
		http_finish(req, rc);
	return rc;
}

/* Body bytes wait for the consumer; headers never do. */
static size_t http_conn_window(struct xfer *x)
{
	struct http_request *req = container_of(x, struct http_request, conn);

	if (req->rx.state == HTTP_RX_STATUS ||
	    req->rx.state == HTTP_RX_HEADER || req->discard)
		return ~(size_t)0;
	return xfer_window(&req->xfer);
}

/* The connection ended, by the server or by us. */
static void http_conn_lost(struct http_request *req, int rc)
{
	if (rc == 0 && req->rx.until_close && req->rx.state == HTTP_RX_BODY) {
		http_complete(req);
		return;
	}
	if (http_may_resume(req)) {
		req->resumes++;
		rc = http_send(req, false);
		if (rc)
			http_finish(req, rc);
		return;
	}
	/* A parked connection the server had closed meanwhile: once more
	 * on a new one. */
	if (req->reused && !req->answered) {
		rc = http_send(req, false);
		if (rc)
			http_finish(req, rc);
		return;
	}
	if (rc == 0) {
		rc = -ECONNRESET;
		error_detail_set(rc, "HTTP: connection closed before the "
				 "response ended");
	}
	http_finish(req, rc);
}

static void http_conn_close(struct xfer *x, int rc)
{
	http_conn_lost(container_of(x, struct http_request, conn), rc);
}

static const struct xfer_ops http_conn_ops = {
	.deliver = http_conn_deliver,
	.window = http_conn_window,
	.close = http_conn_close,
};

static void http_xfer_window_changed(struct xfer *x)
{
	struct http_request *req = container_of(x, struct http_request, xfer);

	xfer_window_changed(&req->conn);
}

/* The consumer hung up; a connection left mid-response is reset. */
static void http_xfer_close(struct xfer *x, int rc)
{
	struct http_request *req = container_of(x, struct http_request, xfer);

	http_finish(req, rc ? rc : -ECANCELED);
}

static const struct xfer_ops http_xfer_ops = {
	.window_changed = http_xfer_window_changed,
	.close = http_xfer_close,
};

/* The server's address is known (a number, or what DNS found): send
 * the request. */
static void http_resolved(struct resolv *r, int rc, struct in_addr addr)
{
	struct http_request *req = container_of(r, struct http_request,
						resolv);

	if (rc == 0) {
		req->addr = addr;
		rc = http_send(req, true);
	}
	if (rc)
		http_finish(req, rc);
}

/* Open a request for uri, or for its len bytes at start if len. */
static int http_open_request(struct xfer *xfer, const struct uri *uri,
			     uint64_t start, uint64_t len)
{
	struct http_request *req;
	unsigned int port;
	int rc;

	if (!uri->host || !*uri->host) {
		error_detail_set(-EINVAL, "HTTP: need http://server/path");
		return -EINVAL;
	}
	port = uri_port(uri, HTTP_PORT);
	if (!port || port > 0xffff) {
		error_detail_set(-EINVAL, "HTTP: bad port");
		return -EINVAL;
	}
	req = zalloc(sizeof(*req));
	if (!req)
		return -ENOMEM;
	req->uri = uri_dup(uri);
	if (!req->uri) {
		free(req);
		return -ENOMEM;
	}
	ref_init(&req->refcnt, http_free);
	xfer_init(&req->xfer, &http_xfer_ops, &req->refcnt);
	xfer_init(&req->conn, &http_conn_ops, &req->refcnt);
	timer_init(&req->stall, http_stall_check, &req->refcnt);
	req->port = port;
	req->hops = redirect_hops;
	if (len) {
		req->ranged = req->resumable = true;
		req->offset = start;
		req->total = start + len;
	}
	rc = resolv_start(&req->resolv, uri->host, http_resolved,
			  &req->refcnt);
	if (rc) {
		error_detail_set(rc, "HTTP: %s is not a host name", uri->host);
		ref_put(&req->refcnt);
		return rc;
	}
	xfer_plug(&req->xfer, xfer);
	return 0;
}

static int http_open(struct xfer *xfer, const struct uri *uri)
{
	return http_open_request(xfer, uri, 0, 0);
}

int http_open_range(struct xfer *xfer, const struct uri *uri,
		    uint64_t start, uint64_t len)
{
	if (!len || start + len < start)
		return -EINVAL;
	return http_open_request(xfer, uri, start, len);
}

static int https_open(struct xfer *xfer __unused, const struct uri *uri)
{
	error_detail_set(-ENOTSUP, "HTTPS is not supported yet (use http://)");
	return -ENOTSUP;
}

URI_OPENER(http_opener) = {
	.scheme = "http", .open = http_open, .open_block = http_open_disk,
};
URI_OPENER(https_opener) = { .scheme = "https", .open = https_open };
