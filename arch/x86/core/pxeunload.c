/* bin/cxboot.pxe: the PXE stack that started us is unloaded before the
 * native drivers probe (INIT_NORMAL), which then own the NIC alone. */
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
