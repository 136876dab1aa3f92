/* Memory and string primitives: the mem* and str* functions of
 * <string.h> (strerror lives in errors.c).  Block copies and fills work a
 * machine word at a time when alignment allows, since whole boot images
 * pass through them. */
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <ctype.h>

/* These loops are exactly the patterns gcc likes to replace with calls to
 * memcpy/memset, which would make those functions call themselves. */
#define no_libcall \
	__attribute__((optimize("no-tree-loop-distribute-patterns")))

typedef unsigned long __attribute__((may_alias)) word_t;
/* x86 loads words from any address; a packet's payload is rarely at
 * the same alignment as where it is copied to. */
typedef unsigned long __attribute__((may_alias, aligned(1))) uword_t;
#define WORD sizeof(word_t)
#define WORD_MASK (WORD - 1)

static inline int aligned_pair(const void *a, const void *b)
{
	return ((((uintptr_t)a) ^ ((uintptr_t)b)) & WORD_MASK) == 0;
}

/* Copies front to back; safe for overlap when dst is below src. */
static no_libcall void copy_forward(unsigned char *d, const unsigned char *s,
				    size_t n)
{
	while (n && ((uintptr_t)d & WORD_MASK)) {
		*d++ = *s++;
		n--;
	}
	while (n >= 4 * WORD) {
		word_t *dw = (word_t *)d;
		const uword_t *sw = (const uword_t *)s;
		word_t w0 = sw[0], w1 = sw[1], w2 = sw[2], w3 = sw[3];

		dw[0] = w0;
		dw[1] = w1;
		dw[2] = w2;
		dw[3] = w3;
		d += 4 * WORD;
		s += 4 * WORD;
		n -= 4 * WORD;
	}
	while (n >= WORD) {
		*(word_t *)d = *(const uword_t *)s;
		d += WORD;
		s += WORD;
		n -= WORD;
	}
	while (n--)
		*d++ = *s++;
}

/* Copies back to front; safe for overlap when dst is above src. */
static no_libcall void copy_backward(unsigned char *d, const unsigned char *s,
				     size_t n)
{
	d += n;
	s += n;
	if (aligned_pair(d, s)) {
		while (n && ((uintptr_t)d & WORD_MASK)) {
			*--d = *--s;
			n--;
		}
		while (n >= WORD) {
			d -= WORD;
			s -= WORD;
			n -= WORD;
			*(word_t *)d = *(const word_t *)s;
		}
	}
	while (n--)
		*--d = *--s;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	copy_forward(dst, src, n);
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		copy_forward(d, s, n);
	else
		copy_backward(d, s, n);
	return dst;
}

no_libcall void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	unsigned char b = (unsigned char)c;

	if (n >= 2 * WORD) {
		word_t w = b * (~(word_t)0 / 0xff);

		while ((uintptr_t)d & WORD_MASK) {
			*d++ = b;
			n--;
		}
		while (n >= WORD) {
			*(word_t *)d = w;
			d += WORD;
			n -= WORD;
		}
	}
	while (n--)
		*d++ = b;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
	}
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++) {
		if (*p == (unsigned char)c)
			return (void *)p;
	}
	return NULL;
}

no_libcall size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

no_libcall size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, (size_t)-1);
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
		if (!*p)
			break;
	}
	return 0;
}

int strcasecmp(const char *a, const char *b)
{
	return strncasecmp(a, b, (size_t)-1);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n; n--, p++, q++) {
		int x = tolower(*p), y = tolower(*q);

		if (x != y)
			return x - y;
		if (!x)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *strstr(const char *hay, const char *needle)
{
	size_t len = strlen(needle);

	for (; *hay; hay++) {
		if (strncmp(hay, needle, len) == 0)
			return (char *)hay;
	}
	return len ? NULL : (char *)hay;
}

no_libcall char *strcpy(char *dst, const char *src)
{
	char *d = dst;

	while ((*d++ = *src++))
		;
	return dst;
}

no_libcall char *strncpy(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}

char *strcat(char *dst, const char *src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

char *strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = malloc(len + 1);

	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

char *strdup(const char *s)
{
	return strndup(s, (size_t)-1);
}
