/* ifopen, ifclose, ifstat, dhcp, route, ipstat. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cxboot/timer.h>
#include <net/ip.h>
#include <usr/ifmgmt.h>
#include <usr/parseopt.h>
#include <usr/shell.h>

static int for_netdevs_from(int i, int argc, char **argv,
			    int (*fn)(struct net_device *),
			    bool stop_on_success);

/* Run fn on the named devices, or on all when none are named.  With
 * stop_on_success (dhcp), the first success ends the walk. */
static int for_netdevs(int argc, char **argv, const char *usage,
		       int (*fn)(struct net_device *), bool stop_on_success)
{
	int i = parse_options(argc, argv, NULL, 0, usage, 0, -1);

	if (i < 0)
		return i;
	return for_netdevs_from(i, argc, argv, fn, stop_on_success);
}

/* The same, once options up to argv[i] have been parsed. */
static int for_netdevs_from(int i, int argc, char **argv,
			    int (*fn)(struct net_device *),
			    bool stop_on_success)
{
	struct net_device *netdev;
	int rc = -ENODEV;

	if (i == argc) {
		for_each_netdev(netdev) {
			rc = fn(netdev);
			if (rc == 0 && stop_on_success)
				return 0;
			if (rc == -ECANCELED)
				return rc;
		}
		if (rc == -ENODEV)
			printf("%s: no network devices\n", argv[0]);
		return rc;
	}
	for (rc = 0; i < argc; i++) {
		if ((rc = parse_netdev(argv[i], &netdev)) != 0)
			return rc;
		if ((rc = fn(netdev)) != 0)
			return rc;
	}
	return rc;
}

static int do_ifstat(struct net_device *netdev)
{
	ifstat(netdev);
	return 0;
}

static int do_ifclose(struct net_device *netdev)
{
	ifclose(netdev);
	return 0;
}

static int ifstat_exec(int argc, char **argv)
{
	return for_netdevs(argc, argv, "[netX...]", do_ifstat, false);
}
COMMAND(ifstat) = { "ifstat", ifstat_exec };

static int ifopen_exec(int argc, char **argv)
{
	return for_netdevs(argc, argv, "[netX...]", ifopen, false);
}
COMMAND(ifopen) = { "ifopen", ifopen_exec };

static int ifclose_exec(int argc, char **argv)
{
	return for_netdevs(argc, argv, "[netX...]", do_ifclose, false);
}
COMMAND(ifclose) = { "ifclose", ifclose_exec };

static int dhcp_exec(int argc, char **argv)
{
	return for_netdevs(argc, argv, "[netX...]", ifconf, true);
}
COMMAND(dhcp) = { "dhcp", dhcp_exec };

/* ifconf [--configurator dhcp] [--timeout MS] [netX...]: only DHCP
 * configures interfaces here. */
static int ifconf_exec(int argc, char **argv)
{
	const char *configurator = NULL, *timeout = NULL;
	const struct option_desc opts[] = {
		{ "configurator", 'c', OPT_ARG, &configurator },
		{ "timeout", 't', OPT_ARG, &timeout },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
		"[--configurator dhcp] [--timeout MS] [netX...]", 0, -1);

	if (i < 0)
		return i;
	if (configurator && strcmp(configurator, "dhcp") != 0) {
		printf("ifconf: no configurator \"%s\" (only dhcp)\n",
		       configurator);
		return -ENOTSUP;
	}
	return for_netdevs_from(i, argc, argv, ifconf, true);
}
COMMAND(ifconf) = { "ifconf", ifconf_exec };

/* iflinkwait [--timeout MS] [netX...]: wait for link up. */
static unsigned long linkwait_ms;

static int linkwait_one(struct net_device *netdev)
{
	int rc = ifopen(netdev);

	if (rc)
		return rc;
	return iflinkwait(netdev, linkwait_ms * TICKS_PER_SEC / 1000);
}

static int iflinkwait_exec(int argc, char **argv)
{
	const char *timeout = NULL;
	const struct option_desc opts[] = {
		{ "timeout", 't', OPT_ARG, &timeout },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
			      "[--timeout MS] [netX...]", 0, -1);

	if (i < 0)
		return i;
	linkwait_ms = 15000;
	if (timeout && parse_uint(timeout, &linkwait_ms) != 0)
		return -EINVAL;
	return for_netdevs_from(i, argc, argv, linkwait_one, false);
}
COMMAND(iflinkwait) = { "iflinkwait", iflinkwait_exec };

static int route_exec(int argc, char **argv)
{
	struct net_device *netdev;
	int i = parse_options(argc, argv, NULL, 0, "", 0, 0);

	if (i < 0)
		return i;
	for_each_netdev(netdev) {
		struct settings *s = netdev_settings(netdev);
		struct in_addr ip, mask, gw;

		if (!netdev_is_open(netdev) ||
		    fetch_ipv4_setting(s, &ip_setting, &ip.s_addr) < 0)
			continue;
		if (fetch_ipv4_setting(s, &netmask_setting, &mask.s_addr) < 0)
			mask.s_addr = 0;
		printf("%s: %s", netdev->name, inet_ntoa(ip));
		printf("/%s", inet_ntoa(mask));
		if (fetch_ipv4_setting(s, &gateway_setting, &gw.s_addr) >= 0 &&
		    gw.s_addr)
			printf(" gw %s", inet_ntoa(gw));
		printf("%s\n", netdev_link_ok(netdev) ? "" : " (inaccessible)");
	}
	return 0;
}
COMMAND(route) = { "route", route_exec };

static int ipstat_exec(int argc, char **argv)
{
	int i = parse_options(argc, argv, NULL, 0, "", 0, 0);

	if (i < 0)
		return i;
	for_each_table_entry(st, proto_stats, struct proto_stats) {
		printf("%s rx %lu drop %lu", st->name, st->rx, st->drop);
		if (st->live)
			printf(" live %u", st->live());
		printf("\n");
	}
	return 0;
}
COMMAND(ipstat) = { "ipstat", ipstat_exec };
