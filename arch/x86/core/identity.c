/* The PC BIOS platform's identity.  The SMBIOS tables are not read:
 * manufacturer, product, serial, asset tag and UUID are unset. */
#include <cxboot/identity.h>

const struct platform_identity platform_identity = {
	.platform = "pcbios",
};
