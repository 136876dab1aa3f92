/* Start-up of the PC BIOS firmware, once in protected mode. */
#include <stdio.h>
#include <string.h>
#include <config/branding.h>
#include <config/general.h>
#include <cxboot/image.h>
#include <cxboot/power.h>
#include <cxboot/timer.h>
#include <usr/autoboot.h>
#include <usr/shell.h>
#include <bios.h>
#include <prefix.h>
#include <x86_io.h>

void x86_main(void)
{
	struct image *script;
	int rc = 0;

	run_init_fns();
	printf(PRODUCT_NAME " " VERSION " -- network boot firmware\n");
	/* A script from the loader runs instead of the shell; the shell
	 * still gets a chance if it fails. */
	script = prefix_script();
	if (script) {
		rc = image_exec(script);
		image_put(script);
		if (rc < 0)
			printf("Script failed: %s\n", strerror(rc));
	}
	/* Without a script: boot from the network unless the user asks
	 * for the command line, which also follows a failed boot. */
	if (!script) {
		autoboot_prepare();
		if (!shell_banner(BANNER_TIMEOUT_SEC))
			autoboot();
	}
	/* A script that ended with exit N is done. */
	if (!script || rc < 0)
		shell();
	/* There is no loader to return to: reset the machine. */
	machine_reboot();
}
