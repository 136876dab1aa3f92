/* Idle waits for the hosted build: sleep in poll() until a packet, a
 * key or a simulated device's descriptor wakes us, or the next timer or
 * device deadline is due.  Simulated devices are polled on every nap,
 * first: one that did something ends the nap without a sleep. */
#include <cxboot/process.h>
#include <net/netdevice.h>
#include <sim_pci.h>
#include "linux_api.h"

#define MAX_FDS 32

/* Milliseconds to sleep at most before a device's next deadline; a
 * deadline less than a millisecond away gives 0 (poll without sleep). */
static unsigned long device_wait(unsigned long max_ms)
{
	uint64_t next = sim_pci_next_usecs(), now;

	if (!next)
		return max_ms;
	now = sim_usecs();
	if (next <= now + 1000)
		return 0;
	return (next - now) / 1000 < max_ms ? (next - now) / 1000 : max_ms;
}

void cpu_nap(unsigned long max_ticks)
{
	struct linux_pollfd fds[MAX_FDS];
	struct net_device *netdev;
	int n = 0, con;

	for_each_netdev(netdev) {
		if (!list_empty(&netdev->rx_queue))
			max_ticks = 0;
	}
	/* A device with work due (a frame waiting on its wire) does it now
	 * and its driver sees the result at once: asking the kernel first
	 * would cost a system call for every frame. */
	if (sim_pci_poll_all())
		return;
	con = linux_console_fd_ready();
	if (con >= 0) {
		fds[n].fd = con;
		fds[n++].events = POLLIN;
	}
	n += linux_net_fds(fds + n, 8);
	n += sim_pci_fds(fds + n, MAX_FDS - n);
	if (max_ticks > 100)
		max_ticks = 100;
	linux_poll(fds, n, device_wait(max_ticks));
	sim_pci_poll_all();	/* what woke us may be a device's */
}
