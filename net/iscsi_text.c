/* The text of login requests and responses (RFC 7143 6): a sequence of
 * "key=value" pairs, each ended by a NUL. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <net/iscsi.h>

void iscsi_text_init(struct iscsi_text *t, char *buf, size_t size)
{
	t->buf = buf;
	t->len = 0;
	t->size = size;
	t->overflow = false;
}

void iscsi_text_add(struct iscsi_text *t, const char *key,
		    const char *value)
{
	size_t klen = strlen(key), vlen = strlen(value);

	if (t->overflow || t->size - t->len < klen + vlen + 2) {
		t->overflow = true;
		return;
	}
	memcpy(t->buf + t->len, key, klen);
	t->buf[t->len + klen] = '=';
	memcpy(t->buf + t->len + klen + 1, value, vlen);
	t->buf[t->len + klen + 1 + vlen] = '\0';
	t->len += klen + vlen + 2;
}

void iscsi_text_addf(struct iscsi_text *t, const char *key,
		     const char *fmt, ...)
{
	char value[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	iscsi_text_add(t, key, value);
}

const char *iscsi_text_get(const char *data, size_t len, const char *key,
			   char *buf, size_t size)
{
	size_t klen = strlen(key), pos = 0;

	while (pos < len) {
		const char *pair = data + pos;
		const char *nul = memchr(pair, '\0', len - pos);
		size_t plen = nul ? (size_t)(nul - pair) : len - pos;

		pos += plen + 1;
		if (plen <= klen || pair[klen] != '=' ||
		    memcmp(pair, key, klen) != 0)
			continue;
		if (plen - klen - 1 >= size)
			return NULL;
		memcpy(buf, pair + klen + 1, plen - klen - 1);
		buf[plen - klen - 1] = '\0';
		return buf;
	}
	return NULL;
}
