/* Places in made-up memory maps (arch/x86/core/memplace.c): for the
 * image's move, kernels and initrds, and hidden memory. */
#include <stdint.h>
#include "test.h"
#include "../../arch/x86/core/memplace.c"

#define MIB 0x100000u

UNIT_TEST(memplace_high)
{
	struct mem_range ram[] = { { MIB, 128 * MIB }, { 0, 0x9f000 } };
	struct mem_range busy[] = { { 100 * MIB, 110 * MIB },
				   { 60 * MIB, 70 * MIB } };

	/* Top of RAM, below the limit, clear of busy ranges. */
	ok(place_high(ram, 2, NULL, 0, 4096, 4096, UINT32_MAX) ==
	   128 * MIB - 4096);
	ok(place_high(ram, 2, busy, 2, 10 * MIB, 4096, UINT32_MAX) ==
	   118 * MIB);
	ok(place_high(ram, 2, busy, 2, 20 * MIB, 4096, UINT32_MAX) ==
	   80 * MIB);
	ok(place_high(ram, 2, busy, 2, 20 * MIB, 4096, 90 * MIB) ==
	   70 * MIB);
	ok(place_high(ram, 2, busy, 2, 60 * MIB, 4096, UINT32_MAX) == 0);
	/* Rounded down to the alignment. */
	ok(place_high(ram, 2, NULL, 0, 5000, 4096, 128 * MIB - 1) ==
	   128 * MIB - 2 * 4096);
	/* Exactly filling a gap. */
	ok(place_high(ram, 2, busy, 2, 30 * MIB, MIB, 100 * MIB) ==
	   70 * MIB);
	/* A limit beyond 4 GiB. */
	ok(place_high(ram, 1, NULL, 0, MIB, MIB, 1ULL << 33) ==
	   127 * MIB);
	/* The higher of two regions wins, whichever comes first. */
	ok(place_high(ram, 2, NULL, 0, 4096, 16, 0xa0000) ==
	   0x9f000 - 4096);
}

UNIT_TEST(memplace_low)
{
	struct mem_range ram[] = { { 0, 0x9f000 }, { MIB, 256 * MIB } };
	struct mem_range busy[] = { { 0, MIB }, { MIB, MIB + 300001 },
				   { 20 * MIB, 30 * MIB + 1 } };

	ok(place_low(ram, 2, busy, 3, 6 * MIB, 2 * MIB, 16 * MIB) ==
	   32 * MIB);
	ok(place_low(ram, 2, busy, 2, 4 * MIB, 2 * MIB, 16 * MIB) ==
	   16 * MIB);
	ok(place_low(ram, 2, busy, 3, 63 * MIB, 2 * MIB, 0) == 32 * MIB);
	ok(place_low(ram, 2, busy, 3, 4 * MIB, 2 * MIB, 0) == 2 * MIB);
	ok(place_low(ram, 2, busy, 3, 4 * MIB, 2 * MIB, 254 * MIB) == 0);
	ok(place_low(ram, 2, busy, 3, 300 * MIB, 2 * MIB, 0) == 0);
	ok(place_low(ram, 2, busy, 2, 512, 16, 0) == MIB + 300016);
}

UNIT_TEST(memplace_subtract)
{
	struct mem_range hide[] = { { 16 * MIB, 32 * MIB },
				    { 30 * MIB, 40 * MIB },
				    { 100 * MIB, 120 * MIB } };
	uint64_t out[4][2];

	/* Nothing hidden inside: the range itself. */
	ok(range_subtract(0, MIB, hide, 3, out) == 1);
	ok(out[0][0] == 0 && out[0][1] == MIB);
	/* Holes cut out, overlapping hidden ranges merged. */
	ok(range_subtract(MIB, 128 * MIB, hide, 3, out) == 3);
	ok(out[0][0] == MIB && out[0][1] == 16 * MIB);
	ok(out[1][0] == 40 * MIB && out[1][1] == 100 * MIB);
	ok(out[2][0] == 120 * MIB && out[2][1] == 128 * MIB);
	/* Wholly hidden; hidden at either end. */
	ok(range_subtract(17 * MIB, 39 * MIB, hide, 3, out) == 0);
	ok(range_subtract(20 * MIB, 50 * MIB, hide, 3, out) == 1);
	ok(out[0][0] == 40 * MIB && out[0][1] == 50 * MIB);
	ok(range_subtract(90 * MIB, 110 * MIB, hide, 3, out) == 1);
	ok(out[0][0] == 90 * MIB && out[0][1] == 100 * MIB);
	/* Beyond 4 GiB, untouched; empty hidden ranges ignored. */
	ok(range_subtract(1ULL << 32, 1ULL << 33, hide, 3, out) == 1);
	ok(out[0][0] == 1ULL << 32 && out[0][1] == 1ULL << 33);
	hide[0].end = hide[0].start;
	ok(range_subtract(MIB, 20 * MIB, hide, 1, out) == 1);
	ok(out[0][1] == 20 * MIB);
}
