/* Unit tests for the string, number-parsing and error-text functions. */
#include <stdint.h>
#include <stdlib.h>
#include <errno.h>
#include "test.h"

/* A pattern that differs at every offset, to catch misplaced bytes. */
static void fill(unsigned char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7 + seed);
}

UNIT_TEST(string_memcpy_alignments)
{
	static unsigned char src[300], dst[300], want[300];
	int bad = 0;

	fill(src, sizeof(src), 1);
	/* Every combination of source/destination misalignment and a range
	 * of lengths crossing word and unrolled-loop boundaries. */
	for (int so = 0; so < 16; so++) {
		for (int d = 0; d < 16; d++) {
			for (int n = 0; n < 80; n += 3) {
				memset(dst, 0xee, sizeof(dst));
				memset(want, 0xee, sizeof(want));
				for (int i = 0; i < n; i++)
					want[d + i] = src[so + i];
				if (memcpy(dst + d, src + so, n) != dst + d)
					bad++;
				if (memcmp(dst, want, sizeof(dst)))
					bad++;
			}
		}
	}
	ok(bad == 0);
}

UNIT_TEST(string_memmove_overlap)
{
	static unsigned char buf[200], want[200];
	int bad = 0;

	for (int from = 0; from < 40; from++) {
		for (int to = 0; to < 40; to++) {
			for (int n = 0; n < 120; n += 7) {
				fill(buf, sizeof(buf), 3);
				fill(want, sizeof(want), 3);
				/* Reference: element by element via a copy. */
				unsigned char tmp[200];

				for (int i = 0; i < n; i++)
					tmp[i] = want[from + i];
				for (int i = 0; i < n; i++)
					want[to + i] = tmp[i];
				memmove(buf + to, buf + from, n);
				if (memcmp(buf, want, sizeof(buf)))
					bad++;
			}
		}
	}
	ok(bad == 0);
}

UNIT_TEST(string_memset)
{
	static unsigned char buf[200];
	int bad = 0;

	for (int off = 0; off < 16; off++) {
		for (int n = 0; n < 100; n++) {
			memset(buf, 0x11, sizeof(buf));
			if (memset(buf + off, 0x1a5, n) != buf + off)
				bad++;
			for (int i = 0; i < (int)sizeof(buf); i++) {
				int in = i >= off && i < off + n;

				if (buf[i] != (in ? 0xa5 : 0x11))
					bad++;
			}
		}
	}
	ok(bad == 0);
}

UNIT_TEST(string_compare)
{
	ok(memcmp("abc", "abd", 3) < 0);
	ok(memcmp("abd", "abc", 3) > 0);
	ok(memcmp("abc", "abd", 2) == 0);
	ok(memcmp("\x80", "\x01", 1) > 0);	/* bytes are unsigned */
	ok(memcmp("x", "y", 0) == 0);

	ok(strcmp("", "") == 0);
	ok(strcmp("abc", "abc") == 0);
	ok(strcmp("abc", "abcd") < 0);
	ok(strcmp("abcd", "abc") > 0);
	ok(strcmp("\xff", "a") > 0);
	ok(strncmp("abcx", "abcy", 3) == 0);
	ok(strncmp("abcx", "abcy", 4) < 0);
	ok(strncmp("ab", "ab\0x", 10) == 0);
	ok(strncmp("a", "b", 0) == 0);

	ok(strcasecmp("HeLLo", "hello") == 0);
	ok(strcasecmp("abc", "ABD") < 0);
	ok(strcasecmp("ABC", "ab") > 0);
	ok(strncasecmp("TFTP://x", "tftp://y", 7) == 0);
	ok(strncasecmp("TFTP://x", "tftp://y", 8) < 0);
}

UNIT_TEST(string_search)
{
	const char *s = "hello, world";

	ok(strlen("") == 0);
	ok(strlen(s) == 12);
	ok(strnlen(s, 5) == 5);
	ok(strnlen(s, 50) == 12);
	ok(strnlen("abc", 0) == 0);

	ok(strchr(s, 'o') == s + 4);
	ok(strchr(s, 'z') == NULL);
	ok(strchr(s, '\0') == s + 12);
	ok(strrchr(s, 'o') == s + 8);
	ok(strrchr(s, 'h') == s);
	ok(strrchr(s, 'z') == NULL);
	ok(strrchr(s, '\0') == s + 12);

	ok(memchr(s, 'w', 12) == s + 7);
	ok(memchr(s, 'w', 7) == NULL);
	ok(memchr("a\0b", 'b', 3) != NULL);

	ok(strstr(s, "world") == s + 7);
	ok(strstr(s, "") == s);
	ok(strstr(s, "worlds") == NULL);
	ok(strstr(s, "lo,") == s + 3);
	ok(strstr("", "") != NULL);
	ok(strstr("", "a") == NULL);
	ok(strstr("aaab", "aab") != NULL);
}

UNIT_TEST(string_copy)
{
	char buf[16];
	char *p;

	ok(strcpy(buf, "abc") == buf);
	ok_str(buf, "abc");
	ok(strcat(buf, "def") == buf);
	ok_str(buf, "abcdef");
	strcat(buf, "");
	ok_str(buf, "abcdef");

	memset(buf, 'x', sizeof(buf));
	strncpy(buf, "ab", 6);
	ok(memcmp(buf, "ab\0\0\0\0xx", 8) == 0);
	memset(buf, 'x', sizeof(buf));
	strncpy(buf, "abcdef", 3);
	ok(memcmp(buf, "abcx", 4) == 0);

	p = strdup("boot.ipxe");
	ok(p != NULL);
	ok_str(p, "boot.ipxe");
	free(p);
	p = strdup("");
	ok_str(p, "");
	free(p);
	p = strndup("abcdef", 3);
	ok_str(p, "abc");
	free(p);
	p = strndup("ab", 10);
	ok_str(p, "ab");
	free(p);
}

UNIT_TEST(string_strtoul)
{
	char *end;
	const char *s;

	ok(strtoul("0", NULL, 0) == 0);
	ok(strtoul("123", NULL, 10) == 123);
	ok(strtoul("  \t+42xyz", &end, 10) == 42);
	ok_str(end, "xyz");
	ok(strtoul("0x1fF", &end, 0) == 0x1ff && *end == '\0');
	ok(strtoul("0X10", NULL, 16) == 16);
	ok(strtoul("ff", NULL, 16) == 255);
	ok(strtoul("0755", NULL, 0) == 0755);
	ok(strtoul("0755", NULL, 10) == 755);
	ok(strtoul("789", &end, 8) == 7 && *end == '8');
	ok(strtoul("z", NULL, 36) == 35);

	/* "0x" without hex digits is just the 0. */
	ok(strtoul("0xg", &end, 0) == 0);
	ok_str(end, "xg");
	ok(strtoul("0x", &end, 16) == 0);
	ok_str(end, "x");

	/* Nothing parsed: end is the start of the string. */
	s = "  -abc";
	ok(strtoul(s, &end, 10) == 0 && end == s);
	s = "";
	ok(strtoul(s, &end, 0) == 0 && end == s);
	s = "12";
	ok(strtoul(s, &end, 1) == 0 && end == s);

	ok(strtoul("-1", NULL, 10) == ~0UL);
	ok(strtoull("18446744073709551615", &end, 10) == ~0ULL && !*end);
	ok(strtoull("18446744073709551616", &end, 10) == ~0ULL && !*end);
	ok(strtoull("-99999999999999999999", NULL, 10) == ~0ULL);
	ok(strtoull("0xffffffffffffffff", NULL, 0) == ~0ULL);
	ok(strtoull("4294967296", NULL, 0) == 4294967296ULL);

	ok(strtol("-42", NULL, 10) == -42);
	ok(strtol("  -0x10", NULL, 0) == -16);
	ok(strtol("2147483647", NULL, 0) == 2147483647L);
	ok(strtol("-9223372036854775808", NULL, 10) ==
	   -__LONG_MAX__ - 1);
	ok(strtol("-9223372036854775809", NULL, 10) ==
	   -__LONG_MAX__ - 1);
	ok(strtol("9223372036854775808", NULL, 10) == __LONG_MAX__);
}

UNIT_TEST(string_abs_random)
{
	long a, b, first[8];
	int same = 0, range = 0;

	ok(abs(-5) == 5 && abs(5) == 5 && abs(0) == 0);

	srandom(1234);
	for (int i = 0; i < 8; i++)
		first[i] = random();
	srandom(1234);
	for (int i = 0; i < 8; i++)
		same += random() == first[i];
	ok(same == 8);

	srandom(1235);
	ok(random() != first[0]);
	srandom(0);
	a = random();
	b = random();
	ok(a != b);

	for (int i = 0; i < 10000; i++) {
		long r = random();

		range |= r < 0 || r > 0x7fffffffL;
	}
	ok(!range);
}

UNIT_TEST(string_strerror)
{
	ok_str(strerror(0), "No error");
	ok_str(strerror(-ETIMEDOUT), "Connection timed out");
	ok_str(strerror(ETIMEDOUT), "Connection timed out");
	ok_str(strerror(-ECANCELED), "Operation canceled");
	ok_str(strerror(-ENOENT), "No such file or directory");
	ok_str(strerror(-ENOEXEC), "Exec format error");
	ok_str(strerror(-ENETUNREACH), "Network unreachable");
	ok_str(strerror(-ENODEV), "No such device");
	ok_str(strerror(-ENOMEM), "Out of memory");
	ok_str(strerror(-3), "Error 3");
	ok_str(strerror(-200), "Error 200");
	ok_str(strerror(4000), "Error 4000");

	/* Every number <errno.h> defines has a text of its own. */
	static const int all[] = {
		EPERM, ENOENT, EINTR, EIO, ENXIO, E2BIG, ENOEXEC, EAGAIN,
		ENOMEM, EACCES, EFAULT, EBUSY, EEXIST, ENODEV, ENOTDIR,
		EINVAL, ENFILE, ENOTTY, EFBIG, ENOSPC, ESPIPE, EPIPE, ERANGE,
		ENAMETOOLONG, ENOSYS, ENODATA, ETIME, EPROTO, EBADMSG,
		EOVERFLOW, EMSGSIZE, EPROTONOSUPPORT, ENOTSUP, EAFNOSUPPORT,
		EADDRINUSE, EADDRNOTAVAIL, ENETDOWN, ENETUNREACH,
		ECONNABORTED, ECONNRESET, ENOBUFS, ENOTCONN, ETIMEDOUT,
		ECONNREFUSED, EHOSTUNREACH, EALREADY, EINPROGRESS, ECANCELED,
	};
	int generic = 0;

	for (unsigned int i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		generic += strncmp(strerror(-all[i]), "Error ", 6) == 0;
	ok(generic == 0);
}
