/* Restarting and switching off the machine; provided by the platform.
 * The hosted program ends instead, with a status of its own for each
 * (HOSTED_EXIT_REBOOT, HOSTED_EXIT_POWEROFF). */
#ifndef CXBOOT_POWER_H
#define CXBOOT_POWER_H
#include <cxboot/compiler.h>

#define HOSTED_EXIT_REBOOT 64
#define HOSTED_EXIT_POWEROFF 65

void __noreturn machine_reboot(void);
/* Returns only when the machine cannot be switched off. */
int machine_poweroff(void);

#endif
