/* Product naming shown to users. */
#ifndef CONFIG_BRANDING_H
#define CONFIG_BRANDING_H

#define PRODUCT_NAME "cxboot"
#define PRODUCT_SHORT_NAME "cxboot"
#define PRODUCT_PROMPT "cxboot> "
/* Boot menu entry of the expansion ROM for ConnectX devices. */
#define PRODUCT_ROM_NAME "MLNX NIC"

#endif
