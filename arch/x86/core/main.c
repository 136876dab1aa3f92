/* Start-up of the PC BIOS firmware, once in protected mode. */
#include <stdio.h>
#include <string.h>
#include <config/branding.h>
#include <config/general.h>
#include <cxboot/image.h>
#include <cxboot/timer.h>
#include <usr/autoboot.h>
#include <usr/shell.h>
#include <bios.h>
#include <prefix.h>
#include <x86_io.h>

/* There is no loader to return to: reset the machine. */
static void __noreturn reboot(void)
{
	static const struct {
		uint16_t limit;
		uint32_t base;
	} __packed no_idt;

	printf("Rebooting...\n");
	outb(0xfe, 0x64);	/* keyboard controller: pulse reset */
	udelay(100000);
	/* A fault with no IDT at all escalates to a triple fault (reset). */
	__asm__ volatile("lidtl %0\n\tint3" : : "m"(no_idt));
	for (;;)
		;
}

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
	reboot();
}
