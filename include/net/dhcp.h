/* DHCP client (RFC 2131/2132) with the PXE extensions and ProxyDHCP.
 * The lease appears as the settings block netN.dhcp (and
 * netN.proxydhcp), so every received option is a setting. */
#ifndef NET_DHCP_H
#define NET_DHCP_H
#include <cxboot/job.h>
#include <net/netdevice.h>

/* Configure netdev by DHCP.  job finishes with 0 or an error; the caller
 * waits with job_wait(), which may cancel it. */
int start_dhcp(struct job *job, struct net_device *netdev);

#endif
