/* El Torito (Bootable CD-ROM Format Specification 1.0): the boot
 * record volume descriptor, the boot catalog's validation and initial
 * entries, and the specification packet of INT 13h AH=4Bh.  Only
 * no-emulation boot images.  Pure parsing, shared with the unit
 * tests. */
#ifndef X86_ELTORITO_H
#define X86_ELTORITO_H
#include <stdint.h>

#define ELTORITO_SECTOR 2048
#define ELTORITO_BRVD_LBA 17		/* the boot record's sector */
#define ELTORITO_DEFAULT_SEG 0x07c0

/* The boot image: where on the disc, where it goes, how many 512-byte
 * sectors. */
struct eltorito_image {
	uint32_t lba;
	uint16_t load_seg, count;
};

/* The boot catalog's sector from the boot record volume descriptor;
 * -ENOEXEC if the sector is not one. */
int eltorito_catalog(const uint8_t *sector, uint32_t *lba);

/* The initial entry of a boot catalog sector: -ENOEXEC if the
 * catalog is not valid or the entry not bootable, -ENOTSUP for an
 * emulated floppy or hard disk. */
int eltorito_entry(const uint8_t *sector, struct eltorito_image *image);

/* The 13h-byte specification packet (AH=4Bh) for a no-emulation boot
 * from drive. */
void eltorito_status(uint8_t *packet, unsigned int drive,
		     const struct eltorito_image *image);

#endif
