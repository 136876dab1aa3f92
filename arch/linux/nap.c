/* Idle waits for the hosted build: sleep in poll() until a packet or a
 * key arrives, or the next timer is due. */
#include <cxboot/process.h>
#include <net/netdevice.h>
#include "linux_api.h"

void cpu_nap(unsigned long max_ticks)
{
	struct linux_pollfd fds[9];
	struct net_device *netdev;
	int n = 0, con;

	for_each_netdev(netdev) {
		if (!list_empty(&netdev->rx_queue))
			max_ticks = 0;
	}
	con = linux_console_fd_ready();
	if (con >= 0) {
		fds[n].fd = con;
		fds[n++].events = POLLIN;
	}
	n += linux_net_fds(fds + n, 8);
	if (max_ticks > 100)
		max_ticks = 100;
	linux_poll(fds, n, max_ticks);
}
