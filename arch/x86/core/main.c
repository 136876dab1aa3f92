/* Start-up of the PC BIOS firmware, once in protected mode. */
#include <stdio.h>
#include <string.h>
#include <config/branding.h>
#include <config/general.h>
#include <cxboot/image.h>
#include <cxboot/pci.h>
#include <cxboot/power.h>
#include <cxboot/timer.h>
#include <usr/autoboot.h>
#include <usr/shell.h>
#include <bios.h>
#include <hidemem.h>
#include <prefix.h>
#include <x86_io.h>

void x86_main(struct bios_regs *regs)
{
	bool back, shell_wanted = false;
	struct image *script;
	int rc;

	run_init_fns();
	printf(PRODUCT_NAME " " VERSION " -- network boot firmware\n");
	back = prefix_can_return();
	/* A script from the loader runs instead of the shell; the shell
	 * still gets a chance if it fails. */
	script = prefix_script();
	if (script) {
		rc = image_exec(script);
		image_put(script);
		if (rc < 0)
			printf("Script failed: %s\n", strerror(rc));
	} else {
		/* Boot from the network unless the user asks for the
		 * command line, which also follows a failed boot. */
		autoboot_prepare();
		shell_wanted = shell_banner(BANNER_TIMEOUT_SEC);
		rc = shell_wanted ? 0 : autoboot();
	}
	/* Nothing booted (a script that ended with exit N is done).  A
	 * loader that takes the machine back gets it at once. */
	if (shell_wanted || (!back && (!script || rc < 0)))
		rc = shell();
	if (!back)
		machine_reboot();
	/* Nothing may keep writing into memory that is no longer ours;
	 * the loader's devices as it had them. */
	pci_remove_all();
	pci_restore_all();
	hidemem_remove();
	regs->eax = prefix_return(rc);
}
