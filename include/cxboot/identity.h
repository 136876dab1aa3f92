/* What the platform says about itself and the machine, for the
 * settings scripts read (${platform}, ${manufacturer}, ...).  Each
 * platform provides platform_identity(); a NULL value is one the
 * platform does not know (the setting is then unset). */
#ifndef CXBOOT_IDENTITY_H
#define CXBOOT_IDENTITY_H
#include <cxboot/compiler.h>

struct platform_identity {
	const char *platform;		/* "pcbios", "linux" */
	const char *manufacturer, *product, *serial, *asset;
	const uint8_t *uuid;		/* 16 bytes, or NULL */
};
const struct platform_identity *platform_identity(void);

#endif
