/* Number parsing (strtoul, strtol, strtoull), abs, and a small
 * pseudo-random generator (random, srandom) for identifiers such as
 * transaction IDs and port numbers; it is not cryptographic. */
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>
#include <ctype.h>

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 99;
}

/* Parses [space][sign][prefix]digits.  Returns the magnitude, saturated at
 * limit, and reports the sign and whether it saturated; *end is left at s
 * when nothing parsed. */
static unsigned long long parse(const char *s, char **end, int base,
				unsigned long long limit, bool *neg, bool *over)
{
	const char *p = s;
	unsigned long long v = 0;
	bool any = false;

	*neg = false;
	*over = false;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = (*p++ == '-');

	/* "0x" counts as a prefix only when a hex digit follows; otherwise
	 * the "0" alone is the number. */
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = (p[0] == '0') ? 8 : 10;
	}

	if (base >= 2 && base <= 36) {
		for (;; p++) {
			int d = digit_value((unsigned char)*p);

			if (d >= base)
				break;
			any = true;
			if (v > (limit - d) / base)
				*over = true;
			else
				v = v * base + d;
		}
	}

	if (end)
		*end = (char *)(any ? p : s);
	return *over ? limit : v;
}

/* As in C, a minus sign negates the result in unsigned arithmetic, and an
 * out-of-range value gives the largest one whatever its sign. */
unsigned long long strtoull(const char *s, char **end, int base)
{
	bool neg, over;
	unsigned long long v = parse(s, end, base, ~0ULL, &neg, &over);

	return (neg && !over) ? -v : v;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	bool neg, over;
	unsigned long v = parse(s, end, base, ~0UL, &neg, &over);

	return (neg && !over) ? -v : v;
}

long strtol(const char *s, char **end, int base)
{
	bool neg, over;
	/* The magnitude of LONG_MIN is one more than LONG_MAX. */
	unsigned long v = parse(s, end, base, (unsigned long)__LONG_MAX__ + 1,
				&neg, &over);

	if (neg)
		return v > (unsigned long)__LONG_MAX__ ? -__LONG_MAX__ - 1 :
							 -(long)v;
	return v > (unsigned long)__LONG_MAX__ ? __LONG_MAX__ : (long)v;
}

int abs(int x)
{
	return x < 0 ? -x : x;
}

/* xorshift64*: tiny, fast, and good enough for non-secret identifiers. */
static uint64_t rand_state = 0x9e3779b97f4a7c15ULL;

void srandom(unsigned int seed)
{
	/* Spread the seed over all 64 bits.  A zero state would stick
	 * forever; seed + 1 is never 0 mod 2^64 and the factor is odd, so
	 * the product never is. */
	rand_state = (seed + 1ULL) * 0x9e3779b97f4a7c15ULL;
}

long random(void)
{
	uint64_t x = rand_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rand_state = x;
	/* POSIX range: 0 .. 2^31 - 1, from the best (high) bits. */
	return (long)((x * 0x2545f4914f6cdd1dULL) >> 33);
}
