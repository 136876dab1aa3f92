/* Host network interfaces as network devices, through raw AF_PACKET
 * sockets.  Works for veth, tap and physical interfaces alike. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <byteswap.h>
#include <cxboot/timer.h>
#include <net/ethernet.h>
#include "linux_api.h"

#define MAX_HOST_NETS 8
#define RX_BURST 64
#define RX_BATCH 16		/* frames taken per system call */
#define LINK_DOWN_RECHECK_MS 10

struct host_net {
	int fd;
	int ifindex;
	char ifname[16];
	unsigned long link_checked;
	/* Buffers waiting for the next frames; owned here until a frame
	 * lands in one and it goes up the stack. */
	struct io_buffer *spare[RX_BATCH];
};

static struct net_device *host_netdevs[MAX_HOST_NETS];
static unsigned int host_count;

static int host_ifreq(int fd, const char *ifname, unsigned long req,
		      struct linux_ifreq *ifr)
{
	memset(ifr, 0, sizeof(*ifr));
	strncpy(ifr->ifr_name, ifname, sizeof(ifr->ifr_name) - 1);
	return linux_ioctl(fd, req, ifr);
}

/* The carrier itself: IFF_RUNNING follows it only after the kernel's
 * link watch has run, up to a second later. */
static bool host_carrier(const char *ifname)
{
	char path[64], c = 0;
	int fd;

	snprintf(path, sizeof(path), "/sys/class/net/%s/carrier", ifname);
	fd = linux_open(path, O_RDONLY);
	if (fd < 0)
		return false;
	if (linux_read(fd, &c, 1) != 1)
		c = 0;
	linux_close(fd);
	return c == '1';
}

static void host_check_link(struct net_device *netdev)
{
	struct host_net *h = netdev->priv;
	struct linux_ifreq ifr;

	h->link_checked = currticks();
	if (host_ifreq(h->fd, h->ifname, SIOCGIFFLAGS, &ifr) == 0 &&
	    (ifr.flags & IFF_UP) &&
	    ((ifr.flags & IFF_RUNNING) || host_carrier(h->ifname)))
		netdev_link_up(netdev);
	else
		netdev_link_down(netdev);
}

static int host_open(struct net_device *netdev)
{
	host_check_link(netdev);
	return 0;
}

static void host_close(struct net_device *netdev)
{
	struct host_net *h = netdev->priv;

	for (int i = 0; i < RX_BATCH; i++) {
		free_iob(h->spare[i]);
		h->spare[i] = NULL;
	}
}

static int host_transmit(struct net_device *netdev, struct io_buffer *iob)
{
	struct host_net *h = netdev->priv;
	long n = linux_sendto(h->fd, iob->data, iob_len(iob), 0);

	netdev_tx_complete(netdev, iob, n < 0 ? -EIO : 0);
	return 0;
}

/* Take up to RX_BATCH frames in one system call (a burst queued while
 * we were busy or descheduled would cost one call per frame); returns
 * how many came. */
static int host_receive(struct net_device *netdev)
{
	struct host_net *h = netdev->priv;
	struct linux_mmsghdr msg[RX_BATCH];
	struct linux_iovec iov[RX_BATCH];
	size_t room = netdev->mtu + MAX_LL_HEADER_LEN;
	int i, n;

	for (i = 0; i < RX_BATCH; i++) {
		if (!h->spare[i] && !(h->spare[i] = alloc_iob(room)))
			break;
		iov[i] = (struct linux_iovec){ h->spare[i]->data, room };
		msg[i] = (struct linux_mmsghdr){ .hdr = { .iov = &iov[i],
							  .iovlen = 1 } };
	}
	n = i ? linux_recvmmsg(h->fd, msg, i, MSG_DONTWAIT) : 0;
	if (n <= 0)
		return 0;
	for (i = 0; i < n; i++) {
		struct io_buffer *iob = h->spare[i];

		h->spare[i] = NULL;
		iob_put(iob, msg[i].len);
		netdev_rx(netdev, iob);
	}
	return n;
}

static void host_poll(struct net_device *netdev)
{
	struct host_net *h = netdev->priv;

	/* A link that is down is watched closely: a freshly created veth
	 * gains its carrier a moment after it is set up. */
	if (currticks() - h->link_checked >=
	    (netdev_link_ok(netdev) ? TICKS_PER_SEC : LINK_DOWN_RECHECK_MS))
		host_check_link(netdev);
	for (int taken = 0; taken < RX_BURST; ) {
		int n = host_receive(netdev);

		if (n < RX_BATCH)
			return;
		taken += n;
	}
}

static const struct net_device_operations host_ops = {
	.open = host_open,
	.close = host_close,
	.transmit = host_transmit,
	.poll = host_poll,
};

int linux_net_fds(struct linux_pollfd *fds, int max)
{
	int n = 0;

	for (unsigned int i = 0; i < host_count && n < max; i++) {
		struct net_device *netdev = host_netdevs[i];

		if (!netdev_is_open(netdev))
			continue;
		fds[n].fd = ((struct host_net *)netdev->priv)->fd;
		fds[n++].events = POLLIN;
	}
	return n;
}

int linux_net_attach(const char *ifname)
{
	struct linux_sockaddr_ll sll = { .sll_family = AF_PACKET,
					 .sll_protocol = htons(ETH_P_ALL) };
	struct net_device *netdev;
	struct linux_ifreq ifr;
	struct host_net *h;
	int fd, one = 1, rcvbuf = 1 << 20, rc;

	if (host_count == MAX_HOST_NETS)
		return -ENFILE;
	fd = linux_socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	if (fd < 0)
		return fd;
	rc = host_ifreq(fd, ifname, SIOCGIFINDEX, &ifr);
	if (rc)
		goto fail;
	sll.sll_ifindex = ifr.ifindex;
	rc = linux_bind(fd, &sll, sizeof(sll));
	if (rc)
		goto fail;
	/* Our own transmissions must not come back as receptions. */
	linux_setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one,
			 sizeof(one));
	linux_setsockopt(fd, 1 /* SOL_SOCKET */, 8 /* SO_RCVBUF */, &rcvbuf,
			 sizeof(rcvbuf));
	netdev = alloc_etherdev(sizeof(*h));
	rc = -ENOMEM;
	if (!netdev)
		goto fail;
	h = netdev->priv;
	h->fd = fd;
	h->ifindex = ifr.ifindex;
	strncpy(h->ifname, ifname, sizeof(h->ifname) - 1);
	if (host_ifreq(fd, ifname, SIOCGIFHWADDR, &ifr) == 0)
		memcpy(netdev->hw_addr, ifr.hwaddr.sa_data, ETH_ALEN);
	if (host_ifreq(fd, ifname, SIOCGIFMTU, &ifr) == 0 && ifr.mtu > 0)
		netdev->mtu = ifr.mtu;
	netdev->op = &host_ops;
	/* The socket's receive buffer is the ring here; a full-sized frame
	 * takes up to about 4 KiB of it. */
	netdev->rx_burst = rcvbuf / 4096;
	netdev->driver_name = "af_packet";
	snprintf(netdev->bus_location, sizeof(netdev->bus_location), "%s",
		 ifname);
	rc = register_netdev(netdev);
	if (rc) {
		netdev_put(netdev);
		goto fail;
	}
	host_netdevs[host_count++] = netdev;
	return 0;
fail:
	linux_close(fd);
	return rc;
}
