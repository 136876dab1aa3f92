/* 64-bit division for 32-bit code.  GCC turns every 64-bit '/' and '%'
 * on i386 into calls of these helpers (normally from libgcc, which the
 * firmware does not link).  None of them may use 64-bit '/' or '%'. */
#include <stdint.h>

uint64_t __udivmoddi4(uint64_t num, uint64_t den, uint64_t *rem);
uint64_t __udivdi3(uint64_t num, uint64_t den);
uint64_t __umoddi3(uint64_t num, uint64_t den);
int64_t __divmoddi4(int64_t num, int64_t den, int64_t *rem);
int64_t __divdi3(int64_t num, int64_t den);
int64_t __moddi3(int64_t num, int64_t den);

uint64_t __udivmoddi4(uint64_t num, uint64_t den, uint64_t *rem)
{
	uint64_t quot = 0;

	if (den == 0)
		__builtin_trap();
	if (den >> 32 == 0) {
		/* Long division in two 64-by-32 steps, as DIV does them:
		 * the high remainder is below den, so DIV cannot overflow. */
		uint32_t d = den, hi = num >> 32, lo = num, qhi, qlo, r;

		qhi = hi / d;
		r = hi % d;
		__asm__("divl %4" : "=a"(qlo), "=d"(r) : "a"(lo), "d"(r), "rm"(d));
		quot = (uint64_t)qhi << 32 | qlo;
		num = r;
	} else {
		/* A divisor of 33+ bits: shift and subtract. */
		int shift = 0;

		while (!(den >> 63) && (den << 1) <= num) {
			den <<= 1;
			shift++;
		}
		for (; shift >= 0; shift--) {
			quot <<= 1;
			if (num >= den) {
				num -= den;
				quot |= 1;
			}
			den >>= 1;
		}
	}
	if (rem)
		*rem = num;
	return quot;
}

uint64_t __udivdi3(uint64_t num, uint64_t den)
{
	return __udivmoddi4(num, den, 0);
}

uint64_t __umoddi3(uint64_t num, uint64_t den)
{
	uint64_t rem;

	__udivmoddi4(num, den, &rem);
	return rem;
}

/* Truncating towards zero; the remainder takes the dividend's sign. */
int64_t __divmoddi4(int64_t num, int64_t den, int64_t *rem)
{
	uint64_t un = num < 0 ? -(uint64_t)num : (uint64_t)num;
	uint64_t ud = den < 0 ? -(uint64_t)den : (uint64_t)den;
	uint64_t ur, uq = __udivmoddi4(un, ud, &ur);

	if (rem)
		*rem = (int64_t)(num < 0 ? -ur : ur);
	return (int64_t)((num < 0) != (den < 0) ? -uq : uq);
}

int64_t __divdi3(int64_t num, int64_t den)
{
	return __divmoddi4(num, den, 0);
}

int64_t __moddi3(int64_t num, int64_t den)
{
	int64_t rem;

	__divmoddi4(num, den, &rem);
	return rem;
}
