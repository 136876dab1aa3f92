/* Reset through the keyboard controller (a triple fault if that does
 * nothing); power off through APM, which most BIOSes (and QEMU's)
 * still offer. */
#include <errno.h>
#include <stdio.h>
#include <cxboot/console.h>
#include <cxboot/power.h>
#include <cxboot/timer.h>
#include <bios.h>
#include <x86_io.h>

void machine_reboot(void)
{
	static const struct {
		uint16_t limit;
		uint32_t base;
	} __packed no_idt;

	printf("Rebooting...\n");
	console_flush();
	outb(0xfe, 0x64);	/* keyboard controller: pulse reset */
	udelay(100000);
	/* A fault with no IDT at all escalates to a triple fault (reset). */
	__asm__ volatile("lidtl %0\n\tint3" : : "m"(no_idt));
	for (;;)
		;
}

/* One APM call (INT 15h, AH=53h); false when the BIOS refuses. */
static bool apm(uint16_t ax, uint16_t bx, uint16_t cx)
{
	struct bios_regs r = { .eax = ax, .ebx = bx, .ecx = cx };

	bios_int(0x15, &r);
	return !(r.eflags & EFLAGS_CF);
}

int machine_poweroff(void)
{
	console_flush();
	apm(0x5301, 0, 0);		/* connect the real-mode interface */
	apm(0x530e, 0, 0x0102);		/* we speak APM 1.2 */
	apm(0x5308, 0x0001, 0x0001);	/* enable power management */
	apm(0x5307, 0x0001, 0x0003);	/* all devices: off */
	printf("poweroff: this BIOS cannot switch the machine off\n");
	return -ENOTSUP;
}
