/* Unit tests for snprintf and friends against known outputs. */
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include "test.h"

/* Formats into a roomy buffer and checks both text and return value. */
#define CHECK(want, ...)                                                  \
	do {                                                              \
		char buf_[256];                                           \
		int n_ = snprintf(buf_, sizeof(buf_), __VA_ARGS__);       \
		ok_str(buf_, want);                                       \
		ok(n_ == (int)strlen(want));                              \
	} while (0)

/* The same without the compiler's format checks, for formats it would
 * rightly warn about but that must still behave as C says. */
static int loose_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

#define CHECK_LOOSE(want, ...)                                            \
	do {                                                              \
		char buf_[256];                                           \
		int n_ = loose_snprintf(buf_, sizeof(buf_), __VA_ARGS__); \
		ok_str(buf_, want);                                       \
		ok(n_ == (int)strlen(want));                              \
	} while (0)

UNIT_TEST(printf_integers)
{
	CHECK("0", "%d", 0);
	CHECK("42", "%d", 42);
	CHECK("-42", "%i", -42);
	CHECK("2147483647", "%d", 2147483647);
	CHECK("-2147483648", "%d", (int)-2147483647 - 1);
	CHECK("4294967295", "%u", 4294967295u);
	CHECK("deadbeef", "%x", 0xdeadbeefu);
	CHECK("DEADBEEF", "%X", 0xdeadbeefu);
	CHECK("777", "%o", 0777u);
	CHECK("0", "%x", 0u);
	CHECK("0", "%o", 0u);

	/* Width, flags and precision. */
	CHECK("   42", "%5d", 42);
	CHECK("42   |", "%-5d|", 42);
	CHECK("00042", "%05d", 42);
	CHECK("-0042", "%05d", -42);
	CHECK("+42", "%+d", 42);
	CHECK("-42", "%+d", -42);
	CHECK(" 42", "% d", 42);
	CHECK_LOOSE("+42", "% +d", 42);
	CHECK("  +42", "%+5d", 42);
	CHECK("+0042", "%+05d", 42);
	CHECK_LOOSE("42   ", "%-05d", 42);
	CHECK("  042", "%5.3d", 42);
	CHECK_LOOSE("  042", "%05.3d", 42);
	CHECK("-042", "%.3d", -42);
	CHECK("12345", "%.3d", 12345);
	CHECK("", "%.0d", 0);
	CHECK("   ", "%3.0d", 0);
	CHECK("0", "%.1d", 0);
	CHECK("+", "%+.0d", 0);

	/* Alternate forms. */
	CHECK("0x1f", "%#x", 0x1fu);
	CHECK("0X1F", "%#X", 0x1fu);
	CHECK("0", "%#x", 0u);
	CHECK("017", "%#o", 017u);
	CHECK("0", "%#o", 0u);
	CHECK("0", "%#.0o", 0u);
	CHECK("00017", "%#.5o", 017u);
	CHECK("0x0001f", "%#07x", 0x1fu);
	CHECK("   0x1f", "%#7x", 0x1fu);
	CHECK("0x1f   |", "%-#7x|", 0x1fu);
	CHECK("0x0001f", "%#.5x", 0x1fu);
	CHECK("00ff", "%04x", 0xffu);
	CHECK_LOOSE("42", "%+u", 42u);
	CHECK_LOOSE("2a", "% x", 42u);

	/* '*' for width and precision, negative width meaning '-'. */
	CHECK("   42", "%*d", 5, 42);
	CHECK("42   |", "%*d|", -5, 42);
	CHECK("00042", "%.*d", 5, 42);
	CHECK("42", "%.*d", -1, 42);
	CHECK("  007", "%*.*d", 5, 3, 7);
	CHECK("ab", "%.*s", 2, "abcdef");
}

UNIT_TEST(printf_lengths)
{
	CHECK("-1", "%hhd", 255);
	CHECK("255", "%hhu", -1);
	CHECK("ff", "%hhx", 0x1ff);
	CHECK("-1", "%hd", 65535);
	CHECK("65535", "%hu", -1);
	CHECK("1234", "%hx", 0x11234);
	CHECK("-9223372036854775808", "%ld", -__LONG_MAX__ - 1);
	CHECK("18446744073709551615", "%lu", ~0UL);
	CHECK("-9223372036854775807", "%lld", -__LONG_LONG_MAX__);
	CHECK("ffffffffffffffff", "%llx", ~0ULL);
	CHECK("1777777777777777777777", "%llo", ~0ULL);
	CHECK("123456789012", "%lld", 123456789012LL);
	CHECK("18446744073709551615", "%zu", (size_t)-1);
	CHECK("-5", "%zd", (ptrdiff_t)-5);
	CHECK("-7", "%td", (ptrdiff_t)-7);
	CHECK("ffffffffffffffff", "%tx", (ptrdiff_t)-1);
	CHECK("-12", "%jd", (intmax_t)-12);
	CHECK("18446744073709551615", "%ju", (uintmax_t)-1);
	/* Argument sizes stay in step across mixed lengths. */
	CHECK("1 2 3 4 5", "%hhd %ld %d %lld %zu", 1, 2L, 3, 4LL, (size_t)5);
}

UNIT_TEST(printf_chars_strings)
{
	CHECK("x", "%c", 'x');
	CHECK("  x", "%3c", 'x');
	CHECK("x  |", "%-3c|", 'x');
	CHECK("abc", "%c%c%c", 'a', 'b', 'c');
	CHECK("hello", "%s", "hello");
	CHECK("  hi", "%4s", "hi");
	CHECK("hi  |", "%-4s|", "hi");
	CHECK("hel", "%.3s", "hello");
	CHECK("  hel", "%5.3s", "hello");
	CHECK("", "%.0s", "hello");
	CHECK("hello", "%.10s", "hello");
	CHECK("", "%s", "");
	CHECK_LOOSE("(null)", "%s", (char *)NULL);
	CHECK("100%", "%d%%", 100);
	CHECK("%", "%%");
	CHECK("a%b", "a%%b");
	CHECK("", "%s", "");

	/* A precision lets %s print an unterminated array. */
	{
		char raw[3] = { 'a', 'b', 'c' };

		CHECK("abc", "%.3s", raw);
	}
}

UNIT_TEST(printf_pointers)
{
	CHECK("0x1234", "%p", (void *)0x1234);
	CHECK("0xdeadbeef", "%p", (void *)0xdeadbeefUL);
	CHECK("0x0", "%p", (void *)0);
	CHECK("    0x10", "%8p", (void *)0x10);
	CHECK("0x10    |", "%-8p|", (void *)0x10);
}

UNIT_TEST(printf_truncation)
{
	char buf[8];
	int n;

	memset(buf, 'x', sizeof(buf));
	n = snprintf(buf, sizeof(buf), "%s", "hello, world");
	ok(n == 12);
	ok_str(buf, "hello, ");

	memset(buf, 'x', sizeof(buf));
	n = snprintf(buf, 5, "%d", 123456);
	ok(n == 6);
	ok_str(buf, "1234");
	ok(buf[5] == 'x');	/* nothing written past size */

	memset(buf, 'x', sizeof(buf));
	n = snprintf(buf, 1, "abc");
	ok(n == 3);
	ok(buf[0] == '\0' && buf[1] == 'x');

	/* Size 0: nothing written at all, not even the NUL. */
	memset(buf, 'x', sizeof(buf));
	n = snprintf(buf, 0, "abc%d", 12);
	ok(n == 5);
	ok(buf[0] == 'x');
	ok(snprintf(NULL, 0, "%08x", 1u) == 8);

	/* Exactly fitting and one short. */
	n = snprintf(buf, 8, "%s", "1234567");
	ok(n == 7);
	ok_str(buf, "1234567");
	n = snprintf(buf, 8, "%s", "12345678");
	ok(n == 8);
	ok_str(buf, "1234567");

	n = snprintf(buf, sizeof(buf), "%s", "");
	ok(n == 0);
	ok_str(buf, "");
}

UNIT_TEST(printf_unknown)
{
	/* Unsupported conversions show as written and take no argument. */
	CHECK_LOOSE("%y 5", "%y %d", 5);
	CHECK_LOOSE("abc%", "abc%");
	CHECK_LOOSE("x%-5", "x%-5");
}

static int wrap_vasprintf(char **p, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(p, fmt, ap);
	va_end(ap);
	return n;
}

UNIT_TEST(printf_asprintf)
{
	char buf[64];
	char *p = NULL;
	int n;

	n = loose_snprintf(buf, sizeof(buf), "%s=%d", "x", 5);
	ok(n == 3);
	ok_str(buf, "x=5");

	n = asprintf(&p, "%s/%s:%u", "tftp://10.0.0.1", "boot.ipxe", 69u);
	ok(n == 28);
	ok_str(p, "tftp://10.0.0.1/boot.ipxe:69");
	ok(p && strlen(p) == (size_t)n);
	free(p);

	n = wrap_vasprintf(&p, "%08x-%c", 0xabcu, 'z');
	ok(n == 10);
	ok_str(p, "00000abc-z");
	free(p);

	n = asprintf(&p, "%s", "");
	ok(n == 0);
	ok_str(p, "");
	free(p);

	/* Longer than any internal buffer could plausibly be. */
	n = asprintf(&p, "%300s|%-300d|", "a", 1);
	ok(n == 602);
	ok(p && p[299] == 'a' && p[301] == '1' && p[601] == '|');
	free(p);
}
