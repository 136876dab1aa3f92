/* The PXE images: the PXE stack that started us is taken down as far as
 * the image's kind says (pxeparent.h: all of it for .pxe, all but the
 * UNDI for .kpxe, only the NIC handed over for .kkpxe) before the
 * drivers probe (INIT_NORMAL), so that no two drivers own the NIC. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cxboot/tables.h>
#include <pxeparent.h>

static void pxe_unload_parent(void)
{
	int rc = pxe_parent_unload();

	if (rc && rc != -ENODEV)
		printf("Unloading the PXE stack failed: %s\n", strerror(rc));
}

INIT_FN(pxe_unload_init, INIT_EARLY, pxe_unload_parent);
