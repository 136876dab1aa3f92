/* SMBIOS: the entry point is found by its anchors and checksums, and
 * the type 1 and type 3 values come out of a structure table, the UUID
 * byte-swapped from version 2.6 on. */
#include <errno.h>
#include <cxboot/smbios.h>
#include "test.h"

static void fix_sum(uint8_t *p, size_t len, size_t at)
{
	uint8_t sum = 0;

	p[at] = 0;
	for (size_t i = 0; i < len; i++)
		sum += p[i];
	p[at] = -sum;
}

UNIT_TEST(smbios_entry_point)
{
	static uint8_t area[96];
	struct smbios_entry e;

	memset(area, 0, sizeof(area));
	ok(smbios_find_entry(area, sizeof(area), &e) == -ENOENT);
	memcpy(area + 32, "_SM_", 4);
	area[32 + 5] = 0x1f;
	area[32 + 6] = 2;
	area[32 + 7] = 8;
	memcpy(area + 32 + 0x10, "_DMI_", 5);
	area[32 + 0x16] = 0x34;		/* length 1234h */
	area[32 + 0x17] = 0x12;
	area[32 + 0x18] = 0x00;		/* table at 000E1000h */
	area[32 + 0x19] = 0x10;
	area[32 + 0x1a] = 0x0e;
	fix_sum(area + 32 + 0x10, 0x0f, 5);
	ok(smbios_find_entry(area, sizeof(area), &e) == -ENOENT);
	fix_sum(area + 32, 0x1f, 4);
	ok(smbios_find_entry(area, sizeof(area), &e) == 0);
	ok(e.table == 0xe1000 && e.len == 0x1234);
	ok(e.major == 2 && e.minor == 8);
	area[32 + 0x11] ^= 1;		/* break "_DMI_" */
	ok(smbios_find_entry(area, sizeof(area), &e) == -ENOENT);
}

/* A BIOS structure, a type 1, a type 3 and the end marker. */
static const uint8_t table[] = {
	0, 4, 0, 0, 'B', 'I', 'O', 'S', 0, 0,
	1, 0x1b, 1, 0, 1, 2, 0, 3,
	0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66,
	0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 6, 0, 0,
	'M', 'a', 'k', 'e', 'r', 0, 'B', 'o', 'x', 0, 'S', 'N', '1', 0, 0,
	3, 9, 2, 0, 0, 0, 0, 0, 1, 'T', 'a', 'g', '7', 0, 0,
	127, 4, 3, 0, 0, 0,
};

UNIT_TEST(smbios_values)
{
	struct smbios_values v;
	char text[40];

	smbios_read_values(table, sizeof(table), 2, 8, &v);
	ok_str(v.manufacturer, "Maker");
	ok_str(v.product, "Box");
	ok_str(v.serial, "SN1");
	ok_str(v.asset, "Tag7");
	ok(v.has_uuid);
	for (int i = 0; i < 16; i++)
		snprintf(text + 2 * i, 3, "%02x", v.uuid[i]);
	ok_str(text, "00112233445566778899aabbccddeeff");
	/* Before 2.6 the bytes are taken as they are. */
	smbios_read_values(table, sizeof(table), 2, 5, &v);
	ok(v.uuid[0] == 0x33 && v.uuid[3] == 0x00 && v.uuid[4] == 0x55);
	/* A table cut short loses what is cut, nothing more. */
	smbios_read_values(table, 20, 2, 8, &v);
	ok(v.manufacturer == NULL && v.asset == NULL && !v.has_uuid);
}
