/* Network devices: allocation and registration as netN, open/close,
 * link state, transmit and receive queues with their counters, the
 * polling loop that hands received frames to network protocols, and
 * each device's settings block (netN) with its read-only built-in
 * values (mac, ifname, chip, bustype, busloc). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <cxboot/process.h>
#include <net/netdevice.h>

static LIST_HEAD(netdevs);
static unsigned int next_index;
/* Bumped on every open, so that "netX" is the device opened last. */
static unsigned long open_counter;

struct list_head *netdev_list(void)
{
	return &netdevs;
}

/* Built-in per-device settings.  Their names are registered so that
 * "net0/mac" gets its type without the user spelling ":hex". */
NAMED_SETTING(mac_setting) = {
	.name = "mac",
	.description = "Link-layer (MAC) address",
	.type = &setting_type_hex,
};
NAMED_SETTING(ifname_setting) = {
	.name = "ifname",
	.description = "Interface name",
	.type = &setting_type_string,
};
NAMED_SETTING(chip_setting) = {
	.name = "chip",
	.description = "Driver (chip) name",
	.type = &setting_type_string,
};
NAMED_SETTING(bustype_setting) = {
	.name = "bustype",
	.description = "Bus type",
	.type = &setting_type_string,
};
NAMED_SETTING(busid_setting) = {
	.name = "busid",
	.description = "Bus ID (type, vendor, device)",
	.type = &setting_type_hex,
};
NAMED_SETTING(busloc_setting) = {
	.name = "busloc",
	.description = "Bus location",
	.type = &setting_type_string,
};

/* Copy a value out the way every settings fetch does: as much as fits,
 * returning the full length. */
static int fetch_raw(void *data, size_t len, const void *value, size_t vlen)
{
	if (!value)
		return -ENOENT;
	if (data)
		memcpy(data, value, MIN(len, vlen));
	return vlen;
}

static int fetch_str(void *data, size_t len, const char *value)
{
	return fetch_raw(data, len, value, value ? strlen(value) : 0);
}

static int netdev_settings_fetch(struct settings *s, struct setting *setting,
				 void *data, size_t len)
{
	struct net_device *netdev =
		container_of(s, struct net_device, settings.settings);
	const struct setting *builtin = NULL;
	int rc = -ENOENT;

	if (setting_cmp(setting, &mac_setting)) {
		builtin = &mac_setting;
		if (netdev->ll_protocol)
			rc = fetch_raw(data, len, netdev->ll_addr,
				       netdev->ll_protocol->ll_addr_len);
	} else if (setting_cmp(setting, &ifname_setting)) {
		builtin = &ifname_setting;
		rc = fetch_str(data, len, netdev->name);
	} else if (setting_cmp(setting, &chip_setting)) {
		builtin = &chip_setting;
		rc = fetch_str(data, len, netdev->driver_name);
	} else if (setting_cmp(setting, &bustype_setting)) {
		builtin = &bustype_setting;
		rc = fetch_str(data, len, netdev->bus_type);
	} else if (setting_cmp(setting, &busid_setting)) {
		/* As iPXE has it: bus type 1 (PCI), vendor, device. */
		uint8_t id[5] = { 1, netdev->bus.vendor >> 8,
				  netdev->bus.vendor & 0xff,
				  netdev->bus.device >> 8,
				  netdev->bus.device & 0xff };

		builtin = &busid_setting;
		if (netdev->bus.type == NETDEV_BUS_PCI)
			rc = fetch_raw(data, len, id, sizeof(id));
	} else if (setting_cmp(setting, &busloc_setting)) {
		builtin = &busloc_setting;
		rc = fetch_str(data, len, netdev->bus_location[0] ?
			       netdev->bus_location : NULL);
	}
	if (rc >= 0) {
		if (!setting->type)
			setting->type = builtin->type;
		return rc;
	}
	return generic_settings_ops.fetch(s, setting, data, len);
}

static int netdev_settings_store(struct settings *s,
				 const struct setting *setting,
				 const void *data, size_t len)
{
	return generic_settings_ops.store(s, setting, data, len);
}

static void netdev_settings_clear(struct settings *s)
{
	if (generic_settings_ops.clear)
		generic_settings_ops.clear(s);
}

static const struct settings_ops netdev_settings_ops = {
	.store = netdev_settings_store,
	.fetch = netdev_settings_fetch,
	.clear = netdev_settings_clear,
};

static void netdev_free(struct refcnt *ref)
{
	struct net_device *netdev =
		container_of(ref, struct net_device, refcnt);

	netdev_settings_clear(netdev_settings(netdev));
	free(netdev);
}

struct net_device *alloc_netdev(size_t priv_len)
{
	size_t base = (sizeof(struct net_device) + 15) & ~(size_t)15;
	struct net_device *netdev = zalloc(base + priv_len);

	if (!netdev)
		return NULL;
	ref_init(&netdev->refcnt, netdev_free);
	INIT_LIST_HEAD(&netdev->list);
	INIT_LIST_HEAD(&netdev->tx_queue);
	INIT_LIST_HEAD(&netdev->rx_queue);
	generic_settings_init(&netdev->settings, &netdev->refcnt);
	netdev->settings.settings.op = &netdev_settings_ops;
	netdev->priv = (char *)netdev + base;
	return netdev;
}

static bool all_zero(const uint8_t *p, size_t len)
{
	while (len--)
		if (*p++)
			return false;
	return true;
}

int register_netdev(struct net_device *netdev)
{
	const struct ll_protocol *ll = netdev->ll_protocol;
	int rc;

	netdev->index = next_index;
	snprintf(netdev->name, sizeof(netdev->name), "net%u", netdev->index);
	if (ll && all_zero(netdev->ll_addr, ll->ll_addr_len))
		memcpy(netdev->ll_addr, netdev->hw_addr, ll->ll_addr_len);
	rc = register_settings(netdev_settings(netdev), settings_root(),
			       netdev->name);
	if (rc)
		return rc;
	next_index++;
	ref_get(&netdev->refcnt);
	list_add_tail(&netdev->list, &netdevs);
	netdev->state |= NETDEV_REGISTERED;
	return 0;
}

void unregister_netdev(struct net_device *netdev)
{
	if (!(netdev->state & NETDEV_REGISTERED))
		return;
	netdev_close(netdev);
	unregister_settings(netdev_settings(netdev));
	list_del(&netdev->list);
	netdev->state &= ~NETDEV_REGISTERED;
	netdev_put(netdev);
}

int netdev_open(struct net_device *netdev)
{
	int rc;

	if (netdev_is_open(netdev))
		return 0;
	rc = netdev->op->open(netdev);
	if (rc)
		return rc;
	netdev->state |= NETDEV_OPEN;
	netdev->open_order = ++open_counter;
	return 0;
}

void netdev_close(struct net_device *netdev)
{
	struct io_buffer *iob, *tmp;

	if (!netdev_is_open(netdev))
		return;
	/* The driver goes first: it may still complete some transmits. */
	netdev->op->close(netdev);
	netdev->state &= ~NETDEV_OPEN;
	list_for_each_entry_safe(iob, tmp, &netdev->tx_queue, list)
		netdev_tx_complete(netdev, iob, -ECANCELED);
	list_for_each_entry_safe(iob, tmp, &netdev->rx_queue, list) {
		list_del(&iob->list);
		netdev->stats.rx_drop++;
		free_iob(iob);
	}
}

void netdev_link_up(struct net_device *netdev)
{
	netdev->link_rc = 0;
}

void netdev_link_err(struct net_device *netdev, int rc)
{
	netdev->link_rc = rc ? rc : -ENETDOWN;
}

int netdev_tx(struct net_device *netdev, struct io_buffer *iob)
{
	int rc;

	list_add_tail(&iob->list, &netdev->tx_queue);
	if (!netdev_is_open(netdev))
		rc = -ENETUNREACH;
	else if (!netdev_link_ok(netdev))
		rc = -ENETDOWN;
	else
		rc = netdev->op->transmit(netdev, iob);
	if (rc)
		netdev_tx_complete(netdev, iob, rc);
	return rc;
}

void netdev_tx_complete(struct net_device *netdev, struct io_buffer *iob,
			int rc)
{
	list_del(&iob->list);
	if (rc) {
		netdev->stats.tx_err++;
		netdev->stats.last_tx_err = rc;
	} else {
		netdev->stats.tx_ok++;
	}
	free_iob(iob);
}

void netdev_rx(struct net_device *netdev, struct io_buffer *iob)
{
	if (!netdev_is_open(netdev)) {
		netdev->stats.rx_drop++;
		free_iob(iob);
		return;
	}
	netdev->stats.rx_ok++;
	list_add_tail(&iob->list, &netdev->rx_queue);
}

void netdev_rx_err(struct net_device *netdev, struct io_buffer *iob, int rc)
{
	netdev->stats.rx_err++;
	netdev->stats.last_rx_err = rc;
	if (iob)
		free_iob(iob);
}

int net_tx(struct io_buffer *iob, struct net_device *netdev,
	   const struct net_protocol *net_protocol, const void *ll_dest,
	   const void *ll_source)
{
	int rc;

	rc = netdev->ll_protocol->push(netdev, iob, ll_dest, ll_source,
				       net_protocol->net_proto);
	if (rc) {
		netdev->stats.tx_err++;
		netdev->stats.last_tx_err = rc;
		free_iob(iob);
		return rc;
	}
	return netdev_tx(netdev, iob);
}

/* One received frame: strip the link header, keep only what is ours and
 * hand it to its network protocol. */
static void net_rx_frame(struct net_device *netdev, struct io_buffer *iob)
{
	const struct ll_protocol *ll = netdev->ll_protocol;
	const void *ll_dest, *ll_source;
	uint16_t net_proto;
	unsigned int flags = 0;

	if (ll->pull(netdev, iob, &ll_dest, &ll_source, &net_proto, &flags))
		goto drop;
	/* Devices in promiscuous mode see other stations' unicasts. */
	if (!(flags & (LL_BROADCAST | LL_MULTICAST)) &&
	    memcmp(ll_dest, netdev->ll_addr, ll->ll_addr_len) != 0)
		goto drop;
	for_each_table_entry(np, net_protocols, struct net_protocol) {
		if (np->net_proto == net_proto) {
			np->rx(iob, netdev, ll_dest, ll_source, flags);
			return;
		}
	}
drop:
	netdev->stats.rx_drop++;
	free_iob(iob);
}

void net_poll(void)
{
	struct net_device *netdev, *tmp;
	struct io_buffer *iob;
	unsigned int n;

	list_for_each_entry(netdev, &netdevs, list) {
		if (netdev_is_open(netdev))
			netdev->op->poll(netdev);
	}
	list_for_each_entry_safe(netdev, tmp, &netdevs, list) {
		ref_get(&netdev->refcnt);
		for (n = 0; n < NET_RX_BUDGET; n++) {
			iob = list_first_entry(&netdev->rx_queue,
					       struct io_buffer, list);
			if (!iob)
				break;
			list_del(&iob->list);
			net_rx_frame(netdev, iob);
		}
		netdev_put(netdev);
	}
}

unsigned int netdev_burst(const struct net_device *netdev, unsigned int max)
{
	if (netdev->rx_burst && netdev->rx_burst < max)
		max = netdev->rx_burst;
	if (netdev->burst && netdev->burst < max)
		max = netdev->burst;
	return max;
}

void netdev_burst_lost(struct net_device *netdev, unsigned int n)
{
	netdev->burst = MAX(n / 2, (unsigned int)NETDEV_MIN_BURST);
}

void netdev_burst_ok(struct net_device *netdev, unsigned int n)
{
	if (netdev->burst && n >= netdev->burst)
		netdev->burst++;
}

POLLER(net_poller) = {
	.poll = net_poll,
};

struct net_device *last_opened_netdev(void)
{
	struct net_device *netdev, *best = NULL;

	list_for_each_entry(netdev, &netdevs, list) {
		if (netdev_is_open(netdev) &&
		    (!best || netdev->open_order > best->open_order))
			best = netdev;
	}
	return best;
}

struct net_device *find_netdev(const char *name)
{
	struct net_device *netdev;

	if (strcmp(name, "netX") == 0)
		return last_opened_netdev();
	list_for_each_entry(netdev, &netdevs, list) {
		if (strcmp(netdev->name, name) == 0)
			return netdev;
	}
	return NULL;
}

static struct settings *netx_resolve(void)
{
	struct net_device *netdev = last_opened_netdev();

	return netdev ? netdev_settings(netdev) : NULL;
}

SETTINGS_ALIAS(netx_alias) = {
	.name = "netX",
	.resolve = netx_resolve,
};
