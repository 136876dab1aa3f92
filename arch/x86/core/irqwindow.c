/* The BIOS's interrupts while the firmware works.  They are off in
 * protected mode, where the firmware spends long stretches polling (a
 * SAN read inside INT 13h, a download): the BIOS timer tick at
 * 0040:006C, which the programs we boot time themselves by, would stop
 * and its interrupts be lost.  So every few milliseconds of the main
 * loop a call of an empty real-mode routine lets pending interrupts
 * in; the timer's IRQ 0 comes every 55 ms, and waits in the interrupt
 * controller until then. */
#include <cxboot/process.h>
#include <cxboot/timer.h>
#include <bios.h>

#define WINDOW_MS 10

static void irq_window(void)
{
	static unsigned long last;
	struct bios_regs regs = { 0 };
	uint32_t idle;

	if (currticks() - last < WINDOW_MS)
		return;
	idle = rm_farptr(rm_idle);
	bios_farcall(idle >> 16, idle & 0xffff, &regs);
	last = currticks();
}

POLLER(irq_window_poller) = {
	.poll = irq_window,
};
