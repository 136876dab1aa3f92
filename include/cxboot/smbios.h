/* SMBIOS: finding the entry point and reading the few values scripts
 * use (system manufacturer, product, serial number and UUID from the
 * type 1 structure, the chassis asset tag from type 3).  Pure parsing:
 * the platform supplies the memory. */
#ifndef CXBOOT_SMBIOS_H
#define CXBOOT_SMBIOS_H
#include <cxboot/compiler.h>

struct smbios_entry {
	uint32_t table;		/* physical address of the structures */
	uint16_t len;		/* their total length */
	uint8_t major, minor;	/* SMBIOS version */
};

/* Search area (the BIOS's F0000h-FFFFFh, at 16-byte steps) for a
 * "_SM_" entry point with good checksums.  0 or -ENOENT. */
int smbios_find_entry(const void *area, size_t len,
		      struct smbios_entry *entry);

struct smbios_values {
	/* Pointers into the table, NULL when absent or empty. */
	const char *manufacturer, *product, *serial, *asset;
	uint8_t uuid[16];	/* as it is written: 00112233-4455-... */
	bool has_uuid;
};

/* Read the values from the structure table (version as in the entry
 * point: from 2.6 the UUID's first three fields are little-endian). */
void smbios_read_values(const void *table, size_t len, uint8_t major,
			uint8_t minor, struct smbios_values *values);

#endif
