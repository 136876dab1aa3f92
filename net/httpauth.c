/* HTTP authentication (see <net/httpauth.h>).  Of several challenges
 * the strongest we can answer wins: Digest SHA-256, Digest MD5, Basic. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <cxboot/md5.h>
#include <cxboot/settings.h>
#include <cxboot/sha256.h>
#include <cxboot/uri.h>
#include <net/httpauth.h>

/* ---- Reading challenges (RFC 9110 section 11.6.1) ------------------ */

static bool is_tchar(char c)
{
	return isalnum(c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A token or quoted-string at p, unquoted into out (size bytes);
 * returns the end, or NULL if malformed or too long. */
static const char *read_value(const char *p, char *out, size_t size)
{
	size_t n = 0;
	bool quoted = *p == '"';

	if (quoted)
		p++;
	while (quoted ? *p != '"' : is_tchar(*p)) {
		if (!*p)
			return NULL;
		if (quoted && *p == '\\' && p[1])
			p++;
		if (n + 1 >= size)
			return NULL;
		out[n++] = *p++;
	}
	out[n] = '\0';
	if (quoted)
		p++;
	else if (!n)
		return NULL;
	return p;
}

static void set_param(struct http_challenge *ch, const char *name,
		      const char *value, bool *algo_ok, bool *has_qop)
{
	if (strcasecmp(name, "realm") == 0)
		strcpy(ch->realm, value);
	else if (strcasecmp(name, "nonce") == 0)
		strcpy(ch->nonce, value);
	else if (strcasecmp(name, "opaque") == 0)
		strcpy(ch->opaque, value);
	else if (strcasecmp(name, "stale") == 0)
		ch->stale = strcasecmp(value, "true") == 0;
	else if (strcasecmp(name, "algorithm") == 0) {
		*algo_ok = true;
		if (strcasecmp(value, "SHA-256") == 0)
			ch->scheme = HTTP_AUTH_DIGEST_SHA256;
		else if (strcasecmp(value, "MD5") != 0)
			*algo_ok = false;     /* -sess, SHA-512-256, ... */
	} else if (strcasecmp(name, "qop") == 0) {
		*has_qop = true;
		/* A list such as "auth,auth-int". */
		for (const char *q = value; q; q = strchr(q, ',')) {
			q = skip_space(q + (*q == ','));
			if (strncasecmp(q, "auth", 4) == 0 &&
			    (q[4] == ',' || q[4] == ' ' || !q[4]))
				ch->qop_auth = true;
		}
	}
}

/* One challenge's auth-params, up to the next scheme or the end. */
static const char *read_params(const char *p, struct http_challenge *ch)
{
	char name[32], value[HTTP_AUTH_PARAM_MAX];
	bool algo_ok = true, has_qop = false;
	const char *q;

	for (;;) {
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		if (*p == '"')
			return NULL;
		q = read_value(p, name, sizeof(name));
		if (!q)
			break;
		q = skip_space(q);
		if (*q != '=')
			break;                /* the next challenge's scheme */
		q = read_value(skip_space(q + 1), value, sizeof(value));
		if (!q)
			return NULL;
		set_param(ch, name, value, &algo_ok, &has_qop);
		p = q;
	}
	if (ch->scheme != HTTP_AUTH_BASIC &&
	    (!algo_ok || !ch->nonce[0] || (has_qop && !ch->qop_auth)))
		ch->scheme = HTTP_AUTH_NONE;
	return p;
}

int http_parse_challenge(const char *value, struct http_challenge *best)
{
	struct http_challenge ch;
	char scheme[32];
	const char *p = value;

	for (;;) {
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		if (!*p)
			return 0;
		memset(&ch, 0, sizeof(ch));
		p = read_value(p, scheme, sizeof(scheme));
		if (!p || (*p && *p != ' ' && *p != ',' && *p != '\t'))
			return -EPROTO;
		if (strcasecmp(scheme, "Basic") == 0)
			ch.scheme = HTTP_AUTH_BASIC;
		else if (strcasecmp(scheme, "Digest") == 0)
			ch.scheme = HTTP_AUTH_DIGEST_MD5;
		p = read_params(p, &ch);
		if (!p)
			return -EPROTO;
		if (ch.scheme > best->scheme)
			*best = ch;
	}
}

/* ---- Answering them ------------------------------------------------ */

static void to_hex(const uint8_t *bytes, size_t len, char *hex)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < len; i++) {
		hex[2 * i] = digits[bytes[i] >> 4];
		hex[2 * i + 1] = digits[bytes[i] & 15];
	}
	hex[2 * len] = '\0';
}

/* H(a:b:c...) in hex, of up to six parts. */
static void digest_hash(enum http_auth_scheme scheme, char *hex,
			const char *const *parts, size_t count)
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	size_t len = 0;
	char *text, *t;

	for (size_t i = 0; i < count; i++)
		len += strlen(parts[i]) + 1;
	text = t = malloc(len + 1);
	if (!text) {
		hex[0] = '\0';
		return;
	}
	for (size_t i = 0; i < count; i++)
		t += snprintf(t, len + 1 - (t - text), "%s%s", i ? ":" : "",
			      parts[i]);
	if (scheme == HTTP_AUTH_DIGEST_SHA256) {
		sha256(text, t - text, digest);
		to_hex(digest, SHA256_DIGEST_SIZE, hex);
	} else {
		md5(text, t - text, digest);
		to_hex(digest, MD5_DIGEST_SIZE, hex);
	}
	free(text);
}

void http_digest_response(const struct http_digest_input *in, char *hex)
{
	char ha1[65], ha2[65];
	const char *a1[] = { in->user, in->realm, in->password };
	const char *a2[] = { in->method, in->uri };
	const char *with_qop[] = { ha1, in->nonce, in->nc, in->cnonce,
				   in->qop, ha2 };
	const char *without_qop[] = { ha1, in->nonce, ha2 };

	digest_hash(in->scheme, ha1, a1, 3);
	digest_hash(in->scheme, ha2, a2, 2);
	if (in->qop)
		digest_hash(in->scheme, hex, with_qop, 6);
	else
		digest_hash(in->scheme, hex, without_qop, 3);
}

/* Append formatted text to the allocated *line; on failure *line is
 * freed and left NULL, and later appends do nothing. */
static void append(char **line, const char *fmt, ...)
{
	char *more = NULL, *joined = NULL;
	va_list ap;
	int rc;

	if (!*line)
		return;
	va_start(ap, fmt);
	rc = vasprintf(&more, fmt, ap);
	va_end(ap);
	if (rc >= 0 && asprintf(&joined, "%s%s", *line, more) < 0)
		joined = NULL;
	free(more);
	free(*line);
	*line = joined;
}

/* Append `, name="value"` with value escaped as a quoted-string. */
static void append_quoted(char **line, const char *name, const char *value)
{
	char *escaped = malloc(2 * strlen(value) + 1), *e = escaped;

	if (!escaped) {
		free(*line);
		*line = NULL;
		return;
	}
	for (; *value; value++) {
		if (*value == '"' || *value == '\\')
			*e++ = '\\';
		*e++ = *value;
	}
	*e = '\0';
	append(line, ", %s=\"%s\"", name, escaped);
	free(escaped);
}

static char *basic_authorization(const char *user, const char *password)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		"abcdefghijklmnopqrstuvwxyz0123456789+/";
	char *pair, *line = strdup("Authorization: Basic ");
	int len = asprintf(&pair, "%s:%s", user, password);
	const uint8_t *p = (const uint8_t *)pair;

	if (len < 0) {
		free(line);
		return NULL;
	}
	for (int i = 0; i < len; i += 3) {
		uint32_t v = p[i] << 16 | (i + 1 < len ? p[i + 1] << 8 : 0) |
			     (i + 2 < len ? p[i + 2] : 0);

		append(&line, "%c%c%c%c", alphabet[v >> 18],
		       alphabet[(v >> 12) & 63],
		       i + 1 < len ? alphabet[(v >> 6) & 63] : '=',
		       i + 2 < len ? alphabet[v & 63] : '=');
	}
	append(&line, "\r\n");
	free(pair);
	return line;
}

static char *digest_authorization(const struct http_challenge *ch,
				  struct http_digest_input *in)
{
	char cnonce[17], response[65], *line;

	/* Each challenge is answered once, so the count is always 1. */
	snprintf(cnonce, sizeof(cnonce), "%08lx%08lx",
		 random() & 0xffffffffUL, random() & 0xffffffffUL);
	if (ch->qop_auth) {
		in->qop = "auth";
		in->nc = "00000001";
		in->cnonce = cnonce;
	}
	http_digest_response(in, response);
	line = strdup("Authorization: Digest algorithm=");
	append(&line, ch->scheme == HTTP_AUTH_DIGEST_SHA256 ?
	       "SHA-256" : "MD5");
	append_quoted(&line, "username", in->user);
	append_quoted(&line, "realm", ch->realm);
	append_quoted(&line, "nonce", ch->nonce);
	append_quoted(&line, "uri", in->uri);
	append(&line, ", response=\"%s\"", response);
	if (ch->opaque[0])
		append_quoted(&line, "opaque", ch->opaque);
	if (in->qop)
		append(&line, ", qop=auth, nc=%s, cnonce=\"%s\"", in->nc,
		       cnonce);
	append(&line, "\r\n");
	return line;
}

char *http_authorization(const struct http_challenge *ch, const char *user,
			 const char *password, const char *method,
			 const char *target)
{
	struct http_digest_input in = {
		.scheme = ch->scheme, .user = user, .realm = ch->realm,
		.password = password, .method = method, .uri = target,
		.nonce = ch->nonce,
	};

	if (ch->scheme == HTTP_AUTH_BASIC)
		return basic_authorization(user, password);
	if (ch->scheme == HTTP_AUTH_NONE)
		return NULL;
	return digest_authorization(ch, &in);
}

/* ---- Credentials --------------------------------------------------- */

/* The text of the setting called name, allocated, or NULL. */
static char *setting_text(const char *name)
{
	struct settings *settings;
	struct setting setting;
	char buf[16], *text = NULL;

	snprintf(buf, sizeof(buf), "%s", name);
	if (parse_setting_name(buf, &settings, &setting, NULL) == 0)
		fetchf_setting_copy(settings, &setting, &text);
	return text;
}

int http_credentials(const struct uri *uri, char **user, char **password)
{
	if (uri->user) {
		*user = strdup(uri->user);
		*password = strdup(uri->password ? uri->password : "");
	} else {
		*user = setting_text("username");
		*password = setting_text("password");
		if (*user && !*password)
			*password = strdup("");
	}
	if (*user && **user && *password)
		return 0;
	free(*user);
	free(*password);
	*user = *password = NULL;
	return -ENOENT;
}
