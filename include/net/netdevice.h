/* Network devices.  A driver allocates a net_device, fills in its
 * operations and link-layer address and registers it as netN.  All I/O
 * is polled: net_poll() (run from the main loop) polls every open device
 * and hands received frames up through the link layer to the network
 * protocol named by the frame. */
#ifndef NET_NETDEVICE_H
#define NET_NETDEVICE_H
#include <cxboot/compiler.h>
#include <cxboot/list.h>
#include <cxboot/refcnt.h>
#include <cxboot/iobuf.h>
#include <cxboot/tables.h>
#include <cxboot/settings.h>
#include <net/in.h>
#include <errno.h>

#define MAX_LL_ADDR_LEN 20     /* IPoIB needs 20 */
#define MAX_LL_HEADER_LEN 64
/* Tail room protocols leave in small buffers so that the link layer can
 * pad a short frame in place (Ethernet's 60-byte minimum). */
#define LL_PAD_ROOM 32

struct net_device;

struct net_device_operations {
	int (*open)(struct net_device *netdev);
	void (*close)(struct net_device *netdev);
	/* Queue a frame; the driver calls netdev_tx_complete() when done.
	 * An error return means the driver did not take the frame. */
	int (*transmit)(struct net_device *netdev, struct io_buffer *iob);
	/* Reap completions and received frames (netdev_rx()). */
	void (*poll)(struct net_device *netdev);
};

/* A link layer (Ethernet, later IPoIB). */
struct ll_protocol {
	const char *name;
	/* Add a link header; net_proto in network order. */
	int (*push)(struct net_device *netdev, struct io_buffer *iob,
		    const void *ll_dest, const void *ll_source,
		    uint16_t net_proto);
	/* Strip a link header, reporting its fields. */
	int (*pull)(struct net_device *netdev, struct io_buffer *iob,
		    const void **ll_dest, const void **ll_source,
		    uint16_t *net_proto, unsigned int *flags);
	const char *(*ntoa)(const void *ll_addr);
	uint8_t ll_addr_len;
	uint8_t ll_header_len;
	const uint8_t *ll_broadcast;
	uint16_t arp_hw_type;   /* ARP hardware type, network order */
};
/* Flags reported by pull */
#define LL_MULTICAST 0x1
#define LL_BROADCAST 0x2

/* A network-layer protocol (IPv4, ARP), found by its link-layer type. */
struct net_protocol {
	const char *name;
	uint16_t net_proto;   /* network order */
	uint8_t net_addr_len;
	int (*rx)(struct io_buffer *iob, struct net_device *netdev,
		  const void *ll_dest, const void *ll_source,
		  unsigned int flags);
};
#define NET_PROTOCOL(name) TABLE_ENTRY(net_protocols, struct net_protocol, name)

struct net_device_stats {
	unsigned long tx_ok, tx_err, rx_ok, rx_err, rx_drop;
	int last_tx_err, last_rx_err;
};

struct net_device {
	struct refcnt refcnt;
	struct list_head list;        /* all devices */
	unsigned int index;
	char name[12];                /* "net0" */
	const struct net_device_operations *op;
	const struct ll_protocol *ll_protocol;
	uint8_t hw_addr[MAX_LL_ADDR_LEN];  /* permanent address */
	uint8_t ll_addr[MAX_LL_ADDR_LEN];  /* address in use */
	size_t mtu;                   /* largest network-layer packet */
	unsigned int state;
	int link_rc;                  /* 0 when the link is up */
	unsigned long open_order;     /* for netX: highest = last opened */
	struct list_head tx_queue;    /* transmitted, not yet completed */
	struct list_head rx_queue;    /* received, not yet processed */
	struct net_device_stats stats;
	struct generic_settings settings;
	/* Frames a sender may burst at us before we read them: rx_burst
	 * is what the device holds (its receive ring; 0 if unknown), set
	 * by the driver; burst is what losses have taught since (0: no
	 * loss seen). */
	unsigned int rx_burst;
	unsigned int burst;
	/* IPv4's reading of the settings below (net/ipv4.c): current while
	 * ipv4_changes equals settings_changes(). */
	struct ipv4_conf {
		struct in_addr addr, netmask, gateway;
		bool have;                /* an address is configured */
	} ipv4;
	unsigned long ipv4_changes;
	/* Where the device sits, as data (the PXE API, the iBFT and the
	 * ROM's own NIC need it); a PCI function may carry several ports. */
	struct net_device_bus {
		unsigned int type;          /* NETDEV_BUS_NONE, NETDEV_BUS_PCI */
		uint16_t vendor, device;
		uint32_t bdf;               /* PCI_BDF() */
		unsigned int port;          /* 1-based port of the function */
	} bus;
	const char *driver_name;      /* "virtio-net", "af_packet" ... */
	const char *bus_type;         /* "PCI", "linux" ... (may be NULL) */
	char bus_location[32];        /* "0000:00:03.0", "veth0" ... */
	void *priv;
};
#define NETDEV_BUS_NONE 0
#define NETDEV_BUS_PCI 1
#define NETDEV_OPEN 0x1
#define NETDEV_REGISTERED 0x2

/* Allocate a device with priv_len bytes of driver data at ->priv.  Its
 * link counts as up until the driver reports otherwise. */
struct net_device *alloc_netdev(size_t priv_len);
int register_netdev(struct net_device *netdev);
void unregister_netdev(struct net_device *netdev);
static inline void netdev_put(struct net_device *netdev)
{
	ref_put(&netdev->refcnt);
}
int netdev_open(struct net_device *netdev);
void netdev_close(struct net_device *netdev);
static inline bool netdev_is_open(const struct net_device *netdev)
{
	return netdev->state & NETDEV_OPEN;
}
static inline bool netdev_link_ok(const struct net_device *netdev)
{
	return netdev->link_rc == 0;
}
void netdev_link_up(struct net_device *netdev);
void netdev_link_err(struct net_device *netdev, int rc);
static inline void netdev_link_down(struct net_device *netdev)
{
	netdev_link_err(netdev, -ENETDOWN);
}

/* Driver callbacks */
int netdev_tx(struct net_device *netdev, struct io_buffer *iob);
void netdev_tx_complete(struct net_device *netdev, struct io_buffer *iob,
			int rc);
void netdev_rx(struct net_device *netdev, struct io_buffer *iob);
void netdev_rx_err(struct net_device *netdev, struct io_buffer *iob, int rc);

/* Bursts.  netdev_burst() is how many frames a protocol that would
 * like max may ask a peer to send back to back: no more than the device
 * holds, nor than losses have taught.  A burst of n frames that lost
 * some halves what is taught (down to NETDEV_MIN_BURST); one that
 * arrived whole gives one frame back. */
#define NETDEV_MIN_BURST 4
unsigned int netdev_burst(const struct net_device *netdev, unsigned int max);
void netdev_burst_lost(struct net_device *netdev, unsigned int n);
void netdev_burst_ok(struct net_device *netdev, unsigned int n);

/* Send a network-layer packet; consumes iob. */
int net_tx(struct io_buffer *iob, struct net_device *netdev,
	   const struct net_protocol *net_protocol, const void *ll_dest,
	   const void *ll_source);

struct net_device *find_netdev(const char *name);   /* "net0", "netX" */
struct net_device *last_opened_netdev(void);
struct list_head *netdev_list(void);
#define for_each_netdev(nd) \
	list_for_each_entry(nd, netdev_list(), list)
static inline struct settings *netdev_settings(struct net_device *netdev)
{
	return &netdev->settings.settings;
}

/* Poll every open device and process what arrived (main loop).  At
 * most NET_RX_BUDGET queued frames per device are handled per call. */
void net_poll(void);
#define NET_RX_BUDGET 32

/* Protocol-level receive statistics, shown by `ipstat`. */
struct proto_stats {
	const char *name;
	unsigned long rx, drop;
	/* For a protocol that keeps connections: how many are alive. */
	unsigned int (*live)(void);
};
#define PROTO_STATS(var, nm) \
	TABLE_ENTRY(proto_stats, struct proto_stats, var) = { .name = nm }

#endif
