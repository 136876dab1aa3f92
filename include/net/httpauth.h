/* HTTP authentication (net/httpauth.c): reading WWW-Authenticate
 * challenges and writing the Authorization header that answers them,
 * Basic (RFC 7617) or Digest (RFC 7616 with MD5 or SHA-256, qop=auth,
 * and the RFC 2069 form without qop). */
#ifndef NET_HTTPAUTH_H
#define NET_HTTPAUTH_H
#include <cxboot/compiler.h>

enum http_auth_scheme {
	HTTP_AUTH_NONE,       /* no challenge we can answer */
	HTTP_AUTH_BASIC,
	HTTP_AUTH_DIGEST_MD5,
	HTTP_AUTH_DIGEST_SHA256,
};

#define HTTP_AUTH_PARAM_MAX 128

struct http_challenge {
	enum http_auth_scheme scheme;
	bool qop_auth;        /* Digest: the server offers qop=auth */
	bool stale;           /* Digest: the last nonce expired, not the
			       * credentials (RFC 7616 section 3.3) */
	char realm[HTTP_AUTH_PARAM_MAX];
	char nonce[HTTP_AUTH_PARAM_MAX];
	char opaque[HTTP_AUTH_PARAM_MAX];
};

/* Read one WWW-Authenticate value (one or more challenges); keep in
 * best the strongest challenge seen so far, over all such headers. */
int http_parse_challenge(const char *value, struct http_challenge *best);

/* Digest's response (RFC 7616 section 3.4.1) as lowercase hex into hex
 * (65 bytes is enough); qop NULL is the RFC 2069 form. */
struct http_digest_input {
	enum http_auth_scheme scheme;
	const char *user, *realm, *password;
	const char *method, *uri, *nonce;
	const char *qop, *nc, *cnonce;
};
void http_digest_response(const struct http_digest_input *in, char *hex);

/* The "Authorization: ...\r\n" line answering ch for a request of
 * method to target, allocated; NULL if out of memory or ch is none. */
char *http_authorization(const struct http_challenge *ch, const char *user,
			 const char *password, const char *method,
			 const char *target);

struct uri;
/* The user and password for uri: its own userinfo, else the username
 * and password settings (the login command).  Both are allocated (an
 * absent password is ""); -ENOENT if there is no user. */
int http_credentials(const struct uri *uri, char **user, char **password);

#endif
