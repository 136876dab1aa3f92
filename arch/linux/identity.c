/* The hosted program's identity: fixed stand-ins for the SMBIOS
 * values, so that scripts that read them give the same result on
 * every host. */
#include <cxboot/identity.h>

static const uint8_t standin_uuid[16] = {
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
	0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
};

static const struct platform_identity identity = {
	.platform = "linux",
	.manufacturer = "cxboot",
	.product = "hosted",
	.serial = "0",
	.asset = "none",
	.uuid = standin_uuid,
};

const struct platform_identity *platform_identity(void)
{
	return &identity;
}
