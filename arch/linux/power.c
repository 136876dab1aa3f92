/* The hosted program's reboot and poweroff: the devices are left as at
 * any other end, and the program ends with a status that says which. */
#include <cxboot/pci.h>
#include <cxboot/power.h>
#include "linux_api.h"

static void __noreturn end(int status)
{
	pci_remove_all();
	linux_console_fini();
	linux_exit(status);
}

void machine_reboot(void)
{
	end(HOSTED_EXIT_REBOOT);
}

int machine_poweroff(void)
{
	end(HOSTED_EXIT_POWEROFF);
}
