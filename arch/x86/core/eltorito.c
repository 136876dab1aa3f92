/* El Torito structures (eltorito.h). */
#include <errno.h>
#include <string.h>
#include "../include/eltorito.h"

#define BRVD_ID "\0CD001\1EL TORITO SPECIFICATION"
#define BRVD_CATALOG 0x47
/* Validation entry: header ID 1, platform, ..., checksum (the 16
 * words sum to 0), key 55h AAh */
#define VALID_HEADER 0x01
#define VALID_KEY 0x1e
/* Initial/default entry, right after it */
#define ENTRY 0x20
#define ENTRY_BOOTABLE 0x88
#define ENTRY_MEDIA_MASK 0x0f
#define MEDIA_NO_EMULATION 0
#define PACKET_SIZE 0x13

static uint16_t le16(const uint8_t *p)
{
	return p[0] | p[1] << 8;
}

static uint32_t le32(const uint8_t *p)
{
	return le16(p) | (uint32_t)le16(p + 2) << 16;
}

int eltorito_catalog(const uint8_t *sector, uint32_t *lba)
{
	/* the identifier is padded with zeros to 32 bytes */
	if (memcmp(sector, BRVD_ID, sizeof(BRVD_ID)))
		return -ENOEXEC;
	*lba = le32(sector + BRVD_CATALOG);
	return 0;
}

int eltorito_entry(const uint8_t *sector, struct eltorito_image *image)
{
	const uint8_t *e = sector + ENTRY;
	uint16_t sum = 0;

	for (unsigned int i = 0; i < ENTRY; i += 2)
		sum += le16(sector + i);
	if (sector[0] != VALID_HEADER || sector[VALID_KEY] != 0x55 ||
	    sector[VALID_KEY + 1] != 0xaa || sum || e[0] != ENTRY_BOOTABLE)
		return -ENOEXEC;
	if ((e[1] & ENTRY_MEDIA_MASK) != MEDIA_NO_EMULATION)
		return -ENOTSUP;
	image->load_seg = le16(e + 2) ? le16(e + 2) : ELTORITO_DEFAULT_SEG;
	image->count = le16(e + 6);
	image->lba = le32(e + 8);
	return 0;
}

void eltorito_status(uint8_t *packet, unsigned int drive,
		     const struct eltorito_image *image)
{
	memset(packet, 0, PACKET_SIZE);
	packet[0] = PACKET_SIZE;
	packet[1] = MEDIA_NO_EMULATION;
	packet[2] = drive;
	memcpy(packet + 4, &image->lba, 4);
	memcpy(packet + 12, &image->load_seg, 2);
	memcpy(packet + 14, &image->count, 2);
}
