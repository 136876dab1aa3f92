/* Booting a BIOS drive as a BIOS would (arch_san_boot): everything is
 * read through INT 13h, so that the BIOS's own drives and ours boot
 * the same way.  A drive with 2048-byte sectors is a CD-ROM: its El
 * Torito no-emulation image is loaded; any other drive's first sector
 * must end in 55h AAh.  The program starts at its load address with
 * DL = drive and interrupts on; the firmware stays in memory (hidden
 * from the memory map, with a bounded heap) to answer INT 13h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cxboot/console.h>
#include <cxboot/image.h>
#include <cxboot/san.h>
#include <bios.h>
#include <eltorito.h>
#include <int13.h>
#include <memmap.h>

#define BOOT_SECTOR 0x7c00	/* 0:7C00, also the scratch sector */

/* Disk address packet (AH=42h) */
struct dap {
	uint8_t size, reserved;
	uint16_t count;
	uint16_t off, seg;
	uint64_t lba;
} __attribute__((packed));

/* Result buffer of AH=48h, as far as needed here */
struct drive_params {
	uint16_t size, flags;
	uint32_t cylinders, heads, sectors;
	uint64_t blocks;
	uint16_t blksize;
} __attribute__((packed));

static unsigned int ah(const struct bios_regs *r)
{
	return r->eax >> 8 & 0xff;
}

/* count sectors at lba to seg:off; the BIOS status, or 0 */
static int read_sectors(unsigned int drive, uint32_t lba,
			unsigned int count, uint16_t seg, uint16_t off)
{
	struct bios_regs r = { .eax = 0x4200, .edx = drive };
	uint16_t off16;
	struct dap *p = bios_buffer(&r.ds, &off16);

	r.esi = off16;
	*p = (struct dap){ sizeof(*p), 0, count, off, seg, lba };
	bios_int(0x13, &r);
	return r.eflags & EFLAGS_CF ? (ah(&r) ? ah(&r) : 0xff) : 0;
}

/* Bytes per sector (AH=48h), 512 if the BIOS does not say. */
static unsigned int sector_size(unsigned int drive)
{
	struct bios_regs r = { .eax = 0x4800, .edx = drive };
	uint16_t off;
	struct drive_params *p = bios_buffer(&r.ds, &off);

	r.esi = off;
	memset(p, 0, sizeof(*p));
	p->size = sizeof(*p);
	bios_int(0x13, &r);
	return r.eflags & EFLAGS_CF || !p->blksize ? 512 : p->blksize;
}

/* The first sector, by CHS (AH=02h) as the oldest BIOSes allow. */
static int load_mbr(unsigned int drive, uint32_t *entry)
{
	struct bios_regs r = {
		.eax = 0x0201, .ecx = 0x0001, .edx = drive,
		.ebx = BOOT_SECTOR,
	};
	uint8_t *sector = real_to_flat(0, BOOT_SECTOR);

	bios_int(0x13, &r);
	if (r.eflags & EFLAGS_CF) {
		printf("Drive %#x: the first sector cannot be read "
		       "(status %02xh)\n", drive, ah(&r));
		return -EIO;
	}
	if (sector[510] != 0x55 || sector[511] != 0xaa) {
		printf("Drive %#x: no boot signature (55AA) in the first "
		       "sector\n", drive);
		return -ENOEXEC;
	}
	*entry = BOOT_SECTOR;
	return 0;
}

static int load_eltorito(unsigned int drive, uint32_t *entry)
{
	const uint8_t *sector = real_to_flat(0, BOOT_SECTOR);
	struct eltorito_image image;
	uint32_t catalog;
	int status, rc;

	status = read_sectors(drive, ELTORITO_BRVD_LBA, 1, 0, BOOT_SECTOR);
	if (!status && eltorito_catalog(sector, &catalog) != 0) {
		printf("Drive %#x: no El Torito boot record\n", drive);
		return -ENOEXEC;
	}
	if (!status)
		status = read_sectors(drive, catalog, 1, 0, BOOT_SECTOR);
	if (status) {
		printf("Drive %#x: read error %02xh\n", drive, status);
		return -EIO;
	}
	rc = eltorito_entry(sector, &image);
	if (rc) {
		printf("Drive %#x: %s\n", drive, rc == -ENOTSUP ?
		       "only no-emulation El Torito images boot" :
		       "no bootable El Torito entry");
		return rc;
	}
	status = read_sectors(drive, image.lba,
			      (image.count * 512 + ELTORITO_SECTOR - 1) /
			      ELTORITO_SECTOR, image.load_seg, 0);
	if (status) {
		printf("Drive %#x: read error %02xh\n", drive, status);
		return -EIO;
	}
	int13_booted(drive, &image);
	*entry = (uint32_t)image.load_seg << 16;
	return 0;
}

/* What starts now never comes back to the images: their memory
 * (fetched files can be large) goes back to the heap, whose free top
 * the operating system then gets.  (The script running sanboot holds
 * its own reference.) */
static void drop_images(void)
{
	struct image *image, *tmp;

	list_for_each_entry_safe(image, tmp, image_list(), list)
		unregister_image(image);
}

int arch_san_boot(unsigned int drive)
{
	uint32_t entry;
	int rc;

	drive &= 0xff;
	rc = sector_size(drive) == ELTORITO_SECTOR ?
		load_eltorito(drive, &entry) : load_mbr(drive, &entry);
	if (rc)
		return rc;
	drop_images();
	memmap_resident();
	console_flush();
	rm_jump(entry, 0, BOOT_SECTOR, drive, 1);
}
