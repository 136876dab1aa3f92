/* Bringing interfaces up and configuring them. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <config/general.h>
#include <cxboot/job.h>
#include <cxboot/settings.h>
#include <cxboot/timer.h>
#include <cxboot/process.h>
#include <net/dhcp.h>
#include <usr/ifmgmt.h>

NAMED_SETTING(link_wait_setting) = {
	.name = "link-wait",
	.description = "Seconds to wait for a link before giving up",
	.type = &setting_type_uint16,
};

/* The user's link-wait wherever it was set, or the built-in one. */
static unsigned long link_wait_secs(void)
{
	unsigned long secs;

	if (fetch_uint_setting(NULL, &link_wait_setting, &secs) < 0)
		secs = LINK_WAIT_SEC;
	return secs;
}

int ifopen(struct net_device *netdev)
{
	int rc = netdev_open(netdev);

	if (rc)
		printf("Could not open %s: %s\n", netdev->name, strerror(rc));
	return rc;
}

void ifclose(struct net_device *netdev)
{
	netdev_close(netdev);
}

void ifstat(struct net_device *netdev)
{
	const struct net_device_stats *s = &netdev->stats;

	printf("%s: %s using %s on %s (%s)\n", netdev->name,
	       netdev->ll_protocol->ntoa(netdev->ll_addr),
	       netdev->driver_name ? netdev->driver_name : "unknown",
	       netdev->bus_location, netdev_is_open(netdev) ? "open" :
	       "closed");
	printf("  [Link:%s%s%s, TX:%lu TXE:%lu RX:%lu RXE:%lu]\n",
	       netdev_link_ok(netdev) ? "up" : "down",
	       netdev_link_ok(netdev) ? "" : " - ",
	       netdev_link_ok(netdev) ? "" : strerror(netdev->link_rc),
	       s->tx_ok, s->tx_err, s->rx_ok, s->rx_err);
	if (s->tx_err)
		printf("  [TXE: last \"%s\"]\n", strerror(s->last_tx_err));
	if (s->rx_err)
		printf("  [RXE: last \"%s\"]\n", strerror(s->last_rx_err));
}

struct link_wait {
	struct net_device *netdev;
	struct job *job;
	struct retry_timer timer;
	struct process process;
};

static void link_check(struct process *p)
{
	struct link_wait *w = container_of(p, struct link_wait, process);

	if (netdev_link_ok(w->netdev))
		job_finish(w->job, 0);
}

static void link_timeout(struct retry_timer *t, int fail)
{
	struct link_wait *w = container_of(t, struct link_wait, timer);

	job_finish(w->job, w->netdev->link_rc ? w->netdev->link_rc :
		   -ETIMEDOUT);
}

int iflinkwait(struct net_device *netdev, unsigned long timeout)
{
	struct link_wait w = { .netdev = netdev };
	struct job job;
	char msg[48];
	int rc;

	if (netdev_link_ok(netdev))
		return 0;
	job_init(&job, NULL);
	w.job = &job;
	timer_init(&w.timer, link_timeout, NULL);
	process_init(&w.process, link_check, NULL);
	start_timer_fixed(&w.timer, timeout);
	process_add(&w.process);
	snprintf(msg, sizeof(msg), "Waiting for link-up on %s", netdev->name);
	rc = job_wait(&job, msg, false);
	stop_timer(&w.timer);
	process_del(&w.process);
	return rc;
}

int ifconf(struct net_device *netdev)
{
	unsigned long secs;
	struct job job;
	char msg[64];
	int rc;

	if ((rc = ifopen(netdev)) != 0)
		return rc;
	secs = link_wait_secs();
	rc = iflinkwait(netdev, secs * TICKS_PER_SEC);
	if (rc) {
		if (rc != -ECANCELED)
			printf("%s: no link after %lu s\n", netdev->name, secs);
		return rc;
	}
	job_init(&job, NULL);
	snprintf(msg, sizeof(msg), "DHCP (%s %s)", netdev->name,
		 netdev->ll_protocol->ntoa(netdev->ll_addr));
	rc = start_dhcp(&job, netdev);
	if (rc) {
		printf("%s... %s\n", msg, strerror(rc));
		return rc;
	}
	return job_wait(&job, msg, false);
}
