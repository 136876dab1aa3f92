/* The PC build's 64-bit division helpers (arch/x86/core/libgcc.c),
 * compiled here under other names and checked against the host's own
 * 64-bit division. */
#include <stdint.h>
#include "test.h"

#define __udivmoddi4 x86_udivmoddi4
#define __udivdi3 x86_udivdi3
#define __umoddi3 x86_umoddi3
#define __divmoddi4 x86_divmoddi4
#define __divdi3 x86_divdi3
#define __moddi3 x86_moddi3
#include "../../arch/x86/core/libgcc.c"

static uint64_t lcg_state = 12345;

static uint64_t rnd64(void)
{
	/* Knuth's MMIX LCG, then a random bit width so that small and huge
	 * operands both occur. */
	lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return lcg_state >> (lcg_state & 63);
}

static int check_unsigned(uint64_t n, uint64_t d)
{
	uint64_t r, q = x86_udivmoddi4(n, d, &r);

	return q == n / d && r == n % d && x86_udivdi3(n, d) == n / d &&
	       x86_umoddi3(n, d) == n % d;
}

static int check_signed(int64_t n, int64_t d)
{
	int64_t r, q = x86_divmoddi4(n, d, &r);

	return q == n / d && r == n % d && x86_divdi3(n, d) == n / d &&
	       x86_moddi3(n, d) == n % d;
}

UNIT_TEST(x86_libgcc_edges)
{
	ok(check_unsigned(0, 1));
	ok(check_unsigned(~0ULL, 1));
	ok(check_unsigned(~0ULL, ~0ULL));
	ok(check_unsigned(~0ULL, 0xffffffffULL));
	ok(check_unsigned(~0ULL, 0x100000000ULL));
	ok(check_unsigned(0x100000000ULL, 0x100000001ULL));
	ok(check_unsigned(1ULL << 63, 3));
	ok(check_unsigned(12345678901234ULL, 1000));
	ok(check_signed(-7, 2));
	ok(check_signed(7, -2));
	ok(check_signed(-7, -2));
	ok(check_signed(INT64_MIN, 1));
	ok(check_signed(INT64_MIN, 3));
	ok(check_signed(INT64_MAX, -1));
	ok(check_signed(-1, INT64_MIN));
}

UNIT_TEST(x86_libgcc_random)
{
	int bad = 0;

	for (int i = 0; i < 100000; i++) {
		uint64_t n = rnd64(), d = rnd64();

		if (!d)
			continue;
		bad += !check_unsigned(n, d);
		if (!((int64_t)n == INT64_MIN && (int64_t)d == -1))
			bad += !check_signed(n, d);
	}
	ok(bad == 0);
}
