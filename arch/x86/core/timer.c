/* Time on a PC: the CPU's time-stamp counter, calibrated once against
 * the 8254 timer (PIT), whose input clock runs at 1193182 Hz.
 *
 * The BIOS tick count at 0040:006C cannot serve: it advances only in
 * the timer interrupt, and interrupts are off in protected mode.  PIT
 * channel 2 needs no interrupt: its gate and output are bits 0 and 5 of
 * port 61h. */
#include <stdlib.h>
#include <cxboot/process.h>
#include <cxboot/timer.h>
#include <x86_io.h>

#define PIT_HZ 1193182
#define PIT_CH2 0x42
#define PIT_MODE 0x43
#define PORT_B 0x61
#define PORT_B_GATE2 0x01
#define PORT_B_SPEAKER 0x02
#define PORT_B_OUT2 0x20
/* Channel 2, low then high count byte, mode 0 (output rises at the
 * terminal count), binary. */
#define PIT_CH2_MODE0 0xb0

#define CALIBRATE_MS 20		/* 23863 PIT clocks: fits 16 bits */

static uint32_t tsc_per_ms;
static uint64_t tsc_zero;

static void calibrate(void)
{
	uint16_t count = PIT_HZ * CALIBRATE_MS / 1000;
	uint8_t port_b = inb(PORT_B);
	uint64_t t0, t1;
	unsigned long spins = 0;

	outb((port_b & ~PORT_B_SPEAKER) | PORT_B_GATE2, PORT_B);
	outb(PIT_CH2_MODE0, PIT_MODE);
	outb(count & 0xff, PIT_CH2);
	outb(count >> 8, PIT_CH2);
	t0 = rdtsc();
	while (!(inb(PORT_B) & PORT_B_OUT2) && ++spins < 100000000)
		;
	t1 = rdtsc();
	outb(port_b, PORT_B);
	tsc_per_ms = (uint32_t)(t1 - t0) / CALIBRATE_MS;
	if (!tsc_per_ms)
		tsc_per_ms = 1000000;	/* no PIT?  guess 1 GHz */
	tsc_zero = t0;
	/* Cycles since power-on: the best a PC offers this early to make
	 * each boot's identifiers (DHCP xid, UDP ports) its own. */
	srandom((uint32_t)t1 ^ (uint32_t)(t1 >> 32));
}

unsigned long currticks(void)
{
	if (!tsc_per_ms)
		calibrate();
	return (rdtsc() - tsc_zero) / tsc_per_ms;
}

void udelay(unsigned long usecs)
{
	uint64_t start, wait;

	if (!tsc_per_ms)
		calibrate();
	start = rdtsc();
	wait = (uint64_t)usecs * tsc_per_ms / 1000;
	while (rdtsc() - start < wait)
		;
}

/* Nothing can wake a halted CPU here (interrupts are off), and every
 * wait is a polling loop that must see packets at once, so there is no
 * nap.  Not even PAUSE: the loop around this is no tight spin, and under
 * emulation or a hypervisor PAUSE leaves the guest CPU each time, which
 * added a third to the time taken to answer a packet.  (The console
 * paces its own keyboard polls.) */
void cpu_nap(unsigned long max_ticks)
{
}
