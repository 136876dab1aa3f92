/* Start-up and shut-down of the hosted build. */
#include <cxboot/tables.h>
#include "linux_api.h"

int linux_entry(int argc, char **argv)
{
	int rc;

	linux_vdso_init(argv + argc + 1);
	linux_console_init();
	run_init_fns();
	rc = cxboot_main(argc, argv);
	linux_console_fini();
	return rc;
}
