/* El Torito structures (arch/x86/core/eltorito.c): the boot record
 * volume descriptor, the boot catalog's validation and initial entries,
 * and INT 13h AH=4Bh's specification packet. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include "test.h"
#include "../../arch/x86/core/eltorito.c"

static void brvd(uint8_t *s, uint32_t catalog)
{
	memset(s, 0, 2048);
	memcpy(s + 1, "CD001\1EL TORITO SPECIFICATION", 29);
	memcpy(s + 0x47, &catalog, 4);
}

/* A catalog as xorriso writes it for -no-emul-boot -boot-load-size 4 */
static void catalog(uint8_t *s, uint8_t media, uint16_t seg, uint32_t lba)
{
	uint16_t sum = 0, w, count = 4;

	memset(s, 0, 2048);
	s[0] = 1;			/* header ID */
	s[0x1e] = 0x55;
	s[0x1f] = 0xaa;
	for (int i = 0; i < 0x20; i += 2) {
		memcpy(&w, s + i, 2);
		sum += w;
	}
	sum = -sum;
	memcpy(s + 0x1c, &sum, 2);
	s[0x20] = 0x88;
	s[0x21] = media;
	memcpy(s + 0x22, &seg, 2);
	memcpy(s + 0x26, &count, 2);
	memcpy(s + 0x28, &lba, 4);
}

UNIT_TEST(eltorito_boot_record)
{
	static uint8_t s[2048];
	uint32_t lba = 0;

	brvd(s, 0x1234);
	ok(eltorito_catalog(s, &lba) == 0 && lba == 0x1234);
	s[0] = 1;			/* a primary volume descriptor */
	ok(eltorito_catalog(s, &lba) == -ENOEXEC);
	brvd(s, 0x1234);
	s[0x1e] = 'X';			/* in the zero padding */
	ok(eltorito_catalog(s, &lba) == -ENOEXEC);
}

UNIT_TEST(eltorito_catalog_entry)
{
	static uint8_t s[2048];
	struct eltorito_image image = { 0 };

	catalog(s, 0, 0, 35);
	ok(eltorito_entry(s, &image) == 0);
	ok(image.lba == 35 && image.count == 4 && image.load_seg == 0x7c0);
	catalog(s, 0, 0x2000, 35);
	ok(eltorito_entry(s, &image) == 0 && image.load_seg == 0x2000);
	catalog(s, 2, 0, 35);		/* 1.44 MB floppy emulation */
	ok(eltorito_entry(s, &image) == -ENOTSUP);
	catalog(s, 0, 0, 35);
	s[4] ^= 1;			/* checksum broken */
	ok(eltorito_entry(s, &image) == -ENOEXEC);
	catalog(s, 0, 0, 35);
	s[0x20] = 0;			/* not bootable */
	ok(eltorito_entry(s, &image) == -ENOEXEC);
	catalog(s, 0, 0, 35);
	s[0x1f] = 0;			/* key */
	ok(eltorito_entry(s, &image) == -ENOEXEC);
}

UNIT_TEST(eltorito_status_packet)
{
	struct eltorito_image image = { .lba = 0x11223344, .load_seg = 0x7c0,
					.count = 4 };
	static const uint8_t want[0x13] = {
		0x13, 0, 0xe0, 0, 0x44, 0x33, 0x22, 0x11, 0, 0, 0, 0,
		0xc0, 0x07, 4, 0, 0, 0, 0,
	};
	uint8_t packet[0x20];

	memset(packet, 0xff, sizeof(packet));
	eltorito_status(packet, 0xe0, &image);
	ok(memcmp(packet, want, sizeof(want)) == 0);
	ok(packet[0x13] == 0xff);	/* nothing beyond */
}
