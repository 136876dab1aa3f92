/* The PC BIOS platform's identity: manufacturer, product, serial number,
 * asset tag and UUID from the BIOS's SMBIOS tables (looked for once,
 * when first asked); unset where the BIOS has none. */
#include <string.h>
#include <cxboot/identity.h>
#include <cxboot/smbios.h>

/* Where the SMBIOS 2.x entry point lives (DSP0134 5.2.1). */
#define SMBIOS_AREA 0xf0000
#define SMBIOS_AREA_LEN 0x10000

const struct platform_identity *platform_identity(void)
{
	static struct platform_identity id = { .platform = "pcbios" };
	static uint8_t uuid[16];
	static bool looked;
	struct smbios_entry entry;
	struct smbios_values v;

	if (looked)
		return &id;
	looked = true;
	if (smbios_find_entry((const void *)SMBIOS_AREA, SMBIOS_AREA_LEN,
			      &entry) != 0)
		return &id;
	/* The strings stay where the BIOS put them, in reserved memory. */
	smbios_read_values((const void *)(uintptr_t)entry.table, entry.len,
			   entry.major, entry.minor, &v);
	id.manufacturer = v.manufacturer;
	id.product = v.product;
	id.serial = v.serial;
	id.asset = v.asset;
	if (v.has_uuid) {
		memcpy(uuid, v.uuid, sizeof(uuid));
		id.uuid = uuid;
	}
	return &id;
}
