/* INT 13h CHS arithmetic (arch/x86/core/chs.c): the made-up geometry,
 * CX/DH to block numbers, and what AH=08h reports. */
#include <stdint.h>
#include "test.h"
#include "../../arch/x86/core/chs.c"

UNIT_TEST(int13_chs_geometry)
{
	struct chs_geometry g;

	chs_geometry(16777216, &g);		/* 8 GiB: beyond 1024 */
	ok(g.cylinders == 1024 && g.heads == 255 && g.sectors == 63);
	chs_geometry(204800, &g);		/* 100 MiB */
	ok(g.cylinders == 12);
	chs_geometry(2048, &g);			/* 1 MiB: under one */
	ok(g.cylinders == 1);
	chs_geometry(16065 * 1024 - 1, &g);
	ok(g.cylinders == 1023);
}

UNIT_TEST(int13_chs_to_lba)
{
	struct chs_geometry g;

	chs_geometry(16777216, &g);
	ok(chs_to_lba(&g, 0x0001, 0) == 0);
	ok(chs_to_lba(&g, 0x0002, 0) == 1);
	ok(chs_to_lba(&g, 0x003f, 0) == 62);
	ok(chs_to_lba(&g, 0x0001, 1) == 63);
	ok(chs_to_lba(&g, 0x0101, 0) == 16065);
	ok(chs_to_lba(&g, 0x0103, 2) == 16065 + 126 + 2);
	/* cylinder 256: bit 8 is CL bit 6 */
	ok(chs_to_lba(&g, 0x0041, 0) == 256 * 16065);
	/* the last: cylinder 1023, head 254, sector 63 */
	ok(chs_to_lba(&g, 0xffff, 254) == 16450559);
	/* sector 0, head 255 */
	ok(chs_to_lba(&g, 0x0000, 0) == -1);
	ok(chs_to_lba(&g, 0x0001, 255) == -1);
	chs_geometry(204800, &g);
	ok(chs_to_lba(&g, 0x0b01, 0) == 11 * 16065);
	ok(chs_to_lba(&g, 0x0c01, 0) == -1);	/* cylinder 12 of 12 */
}

UNIT_TEST(int13_chs_round_trip)
{
	struct chs_geometry g;
	uint64_t lba;
	int bad = 0;

	chs_geometry(16777216, &g);
	/* Every 997th block of the addressable range, converted the way
	 * a boot sector does it (LBA = (C * 255 + H) * 63 + S - 1). */
	for (lba = 0; lba < 1024ULL * 255 * 63; lba += 997) {
		uint32_t c = lba / (255 * 63), h = lba / 63 % 255;
		uint32_t s = lba % 63 + 1;
		uint16_t cx = (c & 0xff) << 8 | (c >> 2 & 0xc0) | s;

		bad += chs_to_lba(&g, cx, h) != (int64_t)lba;
	}
	ok(bad == 0);
}

UNIT_TEST(int13_chs_max)
{
	struct chs_geometry g;

	chs_geometry(16777216, &g);
	ok(chs_max_cx(&g) == 0xffff && chs_max_dh(&g) == 254);
	chs_geometry(204800, &g);
	ok(chs_max_cx(&g) == 0x0b3f);
	chs_geometry(2048, &g);
	ok(chs_max_cx(&g) == 0x003f);
	chs_geometry(300 * 16065, &g);		/* cylinder 299 = 0x12b */
	ok(chs_max_cx(&g) == 0x2b7f);
}
