/* HTTP form posts (net/httpform.c): a URI ending "##params" or
 * "##params=NAME" (its fragment "#params...") sends the parameter list
 * of that name (<usr/params.h>) as an application/x-www-form-urlencoded
 * POST body; entries marked as headers become request headers. */
#ifndef NET_HTTPFORM_H
#define NET_HTTPFORM_H

struct uri;

struct http_form {
	const char *method;   /* "GET" or "POST" */
	char *headers;        /* header lines, each ending CRLF; or "" */
	char *body;           /* or "" */
};

/* Build the form for uri (a GET with nothing if it names no list);
 * release with http_form_free.  -ENOENT if the list does not exist. */
int http_form_build(const struct uri *uri, struct http_form *form);
void http_form_free(struct http_form *form);

#endif
