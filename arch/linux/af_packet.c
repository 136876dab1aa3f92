/* Host network interfaces as network devices, through raw AF_PACKET
 * sockets.  Works for veth, tap and physical interfaces alike. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <byteswap.h>
#include <cxboot/timer.h>
#include <net/ethernet.h>
#include "linux_api.h"
#include "pktring.h"

#define MAX_HOST_NETS 8
/* 1024 slots of 2 KiB for full-sized frames.  A ring as large as the
 * 4 MiB TCP window cost 10 % more per byte: every slot missed the
 * caches, the kernel's write and our read alike. */
#define RX_RING_BYTES (2 * 1024 * 1024)
#define LINK_DOWN_RECHECK_MS 10

/* Frames come in through a ring the kernel writes them into and we read
 * them from in place (pktring.h). */
struct host_net {
	int fd;
	int ifindex;
	char ifname[16];
	unsigned long link_checked;
	struct pktring rx;
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

/* The ring stays with the socket: frames that come while the device
 * is closed wait there, as they would in a socket buffer. */
static void host_close(struct net_device *netdev)
{
}

static int host_transmit(struct net_device *netdev, struct io_buffer *iob)
{
	struct host_net *h = netdev->priv;
	long n = linux_sendto(h->fd, iob->data, iob_len(iob), 0);

	netdev_tx_complete(netdev, iob, n < 0 ? -EIO : 0);
	return 0;
}

/* The next frame in the ring as an I/O buffer of its own (the slot goes
 * back to the kernel at once); false when the ring holds none.  A frame
 * the slot cut short is dropped. */
static bool host_receive(struct net_device *netdev)
{
	struct host_net *h = netdev->priv;
	struct io_buffer *iob = NULL;
	const uint8_t *frame;
	size_t len;

	frame = pktring_peek(&h->rx, &len);
	if (!frame)
		return false;
	if (len && (iob = alloc_iob(len)))
		memcpy(iob_put(iob, len), frame, len);
	pktring_release(&h->rx);
	if (iob)
		netdev_rx(netdev, iob);
	else
		netdev_rx_err(netdev, NULL, -ENOBUFS);
	return true;
}

static void host_poll(struct net_device *netdev)
{
	struct host_net *h = netdev->priv;

	/* A link that is down is watched closely: a freshly created veth
	 * gains its carrier a moment after it is set up. */
	if (currticks() - h->link_checked >=
	    (netdev_link_ok(netdev) ? TICKS_PER_SEC : LINK_DOWN_RECHECK_MS))
		host_check_link(netdev);
	/* No more than net_poll() hands up: the rest waits in the ring,
	 * not copied out to grow the receive queue (and go cold there). */
	for (int taken = 0;
	     taken < NET_RX_BUDGET && host_receive(netdev); taken++)
		;
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
	int fd, one = 1, rc;

	if (host_count == MAX_HOST_NETS)
		return -ENFILE;
	netdev = alloc_etherdev(sizeof(*h));
	if (!netdev)
		return -ENOMEM;
	h = netdev->priv;
	strncpy(h->ifname, ifname, sizeof(h->ifname) - 1);
	/* Protocol 0: nothing is received until the bind below. */
	fd = h->fd = linux_socket(AF_PACKET, SOCK_RAW, 0);
	rc = fd;
	if (fd < 0)
		goto fail_netdev;
	rc = host_ifreq(fd, ifname, SIOCGIFINDEX, &ifr);
	if (rc)
		goto fail;
	h->ifindex = sll.sll_ifindex = ifr.ifindex;
	if (host_ifreq(fd, ifname, SIOCGIFHWADDR, &ifr) == 0)
		memcpy(netdev->hw_addr, ifr.hwaddr.sa_data, ETH_ALEN);
	if (host_ifreq(fd, ifname, SIOCGIFMTU, &ifr) == 0 && ifr.mtu > 0)
		netdev->mtu = ifr.mtu;
	rc = pktring_setup(&h->rx, fd, netdev->mtu, RX_RING_BYTES);
	if (rc)
		goto fail;
	/* Our own transmissions must not come back as receptions. */
	linux_setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one,
			 sizeof(one));
	rc = linux_bind(fd, &sll, sizeof(sll));
	if (rc)
		goto fail;
	netdev->op = &host_ops;
	netdev->rx_burst = h->rx.frame_nr;
	netdev->driver_name = "af_packet";
	snprintf(netdev->bus_location, sizeof(netdev->bus_location), "%s",
		 ifname);
	rc = register_netdev(netdev);
	if (rc)
		goto fail;
	host_netdevs[host_count++] = netdev;
	return 0;
fail:
	pktring_free(&h->rx);
	linux_close(fd);
fail_netdev:
	netdev_put(netdev);
	return rc;
}
