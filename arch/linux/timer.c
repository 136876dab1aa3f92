/* Time for the hosted build: the kernel's monotonic clock.  A busy
 * wait keeps simulated devices running, as hardware runs on its own. */
#include <stdlib.h>
#include <cxboot/tables.h>
#include <cxboot/timer.h>
#include "linux_api.h"
#include <sim_pci.h>

unsigned long currticks(void)
{
	return sim_usecs() / 1000;
}

void udelay(unsigned long usecs)
{
	uint64_t end = sim_usecs() + usecs;

	while (sim_usecs() < end)
		sim_pci_poll_all();
}

/* Each run's identifiers (DHCP xid, UDP and TCP ports, TCP sequence
 * numbers) its own: a server still holding a connection of the last
 * run must not see the next one's as a repeat of it. */
static void seed_random(void)
{
	struct linux_timespec ts;

	linux_clock_gettime(CLOCK_REALTIME, &ts);
	srandom((uint32_t)ts.tv_nsec ^ (uint32_t)ts.tv_sec ^
		(uint32_t)sim_usecs());
}
INIT_FN(seed_random_init, INIT_EARLY, seed_random);
