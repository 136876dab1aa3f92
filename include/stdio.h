/* Formatted output to the console or to buffers. */
#ifndef _STDIO_H
#define _STDIO_H
#include <stddef.h>
#include <stdarg.h>

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
/* Allocates *strp (caller frees); returns length or negative error. */
int asprintf(char **strp, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int vasprintf(char **strp, const char *fmt, va_list ap);
int putchar(int c);
int puts(const char *s); /* no trailing newline added */

#endif
