/* Formatted output: printf, vprintf (to the console through putchar),
 * snprintf, vsnprintf, asprintf and vasprintf (to memory).
 *
 * Conversions: d i u x X o c s p %.  Flags: - 0 + space #.  Width and
 * precision, both also as '*'.  Length modifiers: hh h l ll z t j.
 * Floating point and %n are not supported. */
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

/* Where formatted characters go: a bounded buffer or the console.  len
 * counts every character produced, so it is also what snprintf returns
 * when the buffer was too small. */
struct sink {
	void (*put)(struct sink *sink, char c);
	char *buf;
	size_t size;
	size_t len;
};

static void put_buf(struct sink *sink, char c)
{
	/* Keep the last byte for the terminating NUL. */
	if (sink->len + 1 < sink->size)
		sink->buf[sink->len] = c;
	sink->len++;
}

static void put_console(struct sink *sink, char c)
{
	putchar((unsigned char)c);
	sink->len++;
}

static void put_repeat(struct sink *sink, char c, int n)
{
	for (; n > 0; n--)
		sink->put(sink, c);
}

enum {
	F_LEFT = 1,	/* '-' */
	F_ZERO = 2,	/* '0' */
	F_PLUS = 4,	/* '+' */
	F_SPACE = 8,	/* ' ' */
	F_ALT = 16,	/* '#' */
	F_PTR = 32,	/* %p: always "0x" */
	F_UPPER = 64,	/* %X */
};

enum length { LEN_INT, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

struct spec {
	int flags;
	int width;
	int prec;	/* -1 when none was given */
	enum length len;
};

static void put_number(struct sink *sink, const struct spec *sp,
		       unsigned long long v, bool neg, unsigned int base)
{
	const char *set = (sp->flags & F_UPPER) ? "0123456789ABCDEF" :
						  "0123456789abcdef";
	char digits[24];	/* 64 bits in octal is 22 digits */
	char prefix[3];
	int ndig = 0, npre = 0, zeros, pad;

	if (neg)
		prefix[npre++] = '-';
	else if (sp->flags & F_PLUS)
		prefix[npre++] = '+';
	else if (sp->flags & F_SPACE)
		prefix[npre++] = ' ';
	if (base == 16 && ((sp->flags & F_PTR) || ((sp->flags & F_ALT) && v))) {
		prefix[npre++] = '0';
		prefix[npre++] = (sp->flags & F_UPPER) ? 'X' : 'x';
	}

	while (v) {
		digits[ndig++] = set[v % base];
		v /= base;
	}

	/* Without a precision a zero still shows one digit; with precision
	 * 0 it shows none (C99 7.19.6.1). */
	zeros = (sp->prec < 0 ? 1 : sp->prec) - ndig;
	if (zeros < 0)
		zeros = 0;
	if (base == 8 && (sp->flags & F_ALT) && !zeros)
		zeros = 1;

	pad = sp->width - npre - zeros - ndig;
	if ((sp->flags & F_ZERO) && !(sp->flags & F_LEFT) && sp->prec < 0 &&
	    pad > 0) {
		zeros += pad;
		pad = 0;
	}

	if (!(sp->flags & F_LEFT))
		put_repeat(sink, ' ', pad);
	for (int i = 0; i < npre; i++)
		sink->put(sink, prefix[i]);
	put_repeat(sink, '0', zeros);
	while (ndig)
		sink->put(sink, digits[--ndig]);
	if (sp->flags & F_LEFT)
		put_repeat(sink, ' ', pad);
}

static void put_string(struct sink *sink, const struct spec *sp,
		       const char *s)
{
	size_t n;
	int pad;

	if (!s)
		s = "(null)";
	n = strnlen(s, sp->prec < 0 ? (size_t)-1 : (size_t)sp->prec);
	pad = sp->width > (int)n ? sp->width - (int)n : 0;
	if (!(sp->flags & F_LEFT))
		put_repeat(sink, ' ', pad);
	for (size_t i = 0; i < n; i++)
		sink->put(sink, s[i]);
	if (sp->flags & F_LEFT)
		put_repeat(sink, ' ', pad);
}

static long long get_signed(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
		return va_arg(*ap, long);
	case LEN_LL:
		return va_arg(*ap, long long);
	case LEN_Z:
	case LEN_T:
		return va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

static unsigned long long get_unsigned(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
		return va_arg(*ap, unsigned long long);
	case LEN_Z:
	case LEN_T:
		return va_arg(*ap, size_t);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/* Widths and precisions beyond this are clamped rather than overflowed. */
#define MAX_WIDTH 100000000

/* Parses the digits of a width or precision. */
static int get_decimal(const char **fmt)
{
	int n = 0;

	while (**fmt >= '0' && **fmt <= '9') {
		if (n < MAX_WIDTH)
			n = n * 10 + (**fmt - '0');
		(*fmt)++;
	}
	return n;
}

static enum length get_length(const char **fmt)
{
	const char *f = *fmt;
	enum length len = LEN_INT;

	switch (*f) {
	case 'h':
		len = (f[1] == 'h') ? LEN_HH : LEN_H;
		break;
	case 'l':
		len = (f[1] == 'l') ? LEN_LL : LEN_L;
		break;
	case 'z':
		len = LEN_Z;
		break;
	case 't':
		len = LEN_T;
		break;
	case 'j':
		len = LEN_J;
		break;
	default:
		return LEN_INT;
	}
	*fmt = f + ((len == LEN_HH || len == LEN_LL) ? 2 : 1);
	return len;
}

static void format(struct sink *sink, const char *fmt, va_list ap_in)
{
	/* A local copy so that helpers can take arguments through a pointer
	 * whatever va_list is on this architecture. */
	va_list ap;

	va_copy(ap, ap_in);
	while (*fmt) {
		const char *start = fmt;
		struct spec sp = { 0, 0, -1, LEN_INT };
		long long sv;

		if (*fmt != '%') {
			sink->put(sink, *fmt++);
			continue;
		}
		fmt++;

		for (;; fmt++) {
			if (*fmt == '-')
				sp.flags |= F_LEFT;
			else if (*fmt == '0')
				sp.flags |= F_ZERO;
			else if (*fmt == '+')
				sp.flags |= F_PLUS;
			else if (*fmt == ' ')
				sp.flags |= F_SPACE;
			else if (*fmt == '#')
				sp.flags |= F_ALT;
			else
				break;
		}

		if (*fmt == '*') {
			fmt++;
			sp.width = va_arg(ap, int);
			if (sp.width < 0) {
				/* Negate in unsigned so INT_MIN cannot trap. */
				unsigned int w = -(unsigned int)sp.width;

				sp.flags |= F_LEFT;
				sp.width = w > MAX_WIDTH ? MAX_WIDTH : (int)w;
			}
		} else {
			sp.width = get_decimal(&fmt);
		}

		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				fmt++;
				sp.prec = va_arg(ap, int);
				if (sp.prec < 0)
					sp.prec = -1;
			} else {
				sp.prec = get_decimal(&fmt);
			}
		}

		sp.len = get_length(&fmt);

		switch (*fmt) {
		case 'd':
		case 'i':
			sv = get_signed(&ap, sp.len);
			put_number(sink, &sp,
				   sv < 0 ? -(unsigned long long)sv :
					    (unsigned long long)sv,
				   sv < 0, 10);
			break;
		case 'u':
			sp.flags &= ~(F_PLUS | F_SPACE);
			put_number(sink, &sp, get_unsigned(&ap, sp.len), false,
				   10);
			break;
		case 'X':
			sp.flags |= F_UPPER;
			/* fall through */
		case 'x':
			sp.flags &= ~(F_PLUS | F_SPACE);
			put_number(sink, &sp, get_unsigned(&ap, sp.len), false,
				   16);
			break;
		case 'o':
			sp.flags &= ~(F_PLUS | F_SPACE);
			put_number(sink, &sp, get_unsigned(&ap, sp.len), false,
				   8);
			break;
		case 'p':
			sp.flags &= ~(F_PLUS | F_SPACE);
			sp.flags |= F_PTR;
			put_number(sink, &sp,
				   (uintptr_t)va_arg(ap, void *), false, 16);
			break;
		case 'c':
			if (!(sp.flags & F_LEFT))
				put_repeat(sink, ' ', sp.width - 1);
			sink->put(sink, (char)va_arg(ap, int));
			if (sp.flags & F_LEFT)
				put_repeat(sink, ' ', sp.width - 1);
			break;
		case 's':
			put_string(sink, &sp, va_arg(ap, const char *));
			break;
		case '%':
			sink->put(sink, '%');
			break;
		default:
			/* Unknown or unsupported: show it as written, so the
			 * mistake is visible, and consume no argument. */
			while (start < fmt)
				sink->put(sink, *start++);
			if (!*fmt)
				goto out;
			sink->put(sink, *fmt);
			break;
		}
		fmt++;
	}
out:
	va_end(ap);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink sink = { put_buf, buf, size, 0 };

	format(&sink, fmt, ap);
	if (size)
		buf[sink.len < size ? sink.len : size - 1] = '\0';
	return (int)sink.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return len;
}

int vasprintf(char **strp, const char *fmt, va_list ap)
{
	va_list ap2;
	int len;

	va_copy(ap2, ap);
	len = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);

	*strp = malloc((size_t)len + 1);
	if (!*strp)
		return -ENOMEM;
	return vsnprintf(*strp, (size_t)len + 1, fmt, ap);
}

int asprintf(char **strp, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vasprintf(strp, fmt, ap);
	va_end(ap);
	return len;
}

int vprintf(const char *fmt, va_list ap)
{
	struct sink sink = { put_console, NULL, 0, 0 };

	format(&sink, fmt, ap);
	return (int)sink.len;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vprintf(fmt, ap);
	va_end(ap);
	return len;
}
