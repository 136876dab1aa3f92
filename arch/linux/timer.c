/* Time for the hosted build: the kernel's monotonic clock.  A busy
 * wait keeps simulated devices running, as hardware runs on its own. */
#include <cxboot/timer.h>
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
