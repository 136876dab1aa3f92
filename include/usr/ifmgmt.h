/* Network interface management used by commands and autoboot. */
#ifndef USR_IFMGMT_H
#define USR_IFMGMT_H
#include <net/netdevice.h>

/* Open the device, reporting failure on the console. */
int ifopen(struct net_device *netdev);
void ifclose(struct net_device *netdev);
void ifstat(struct net_device *netdev);
/* Wait (Ctrl-C cancels) for the link to come up. */
int iflinkwait(struct net_device *netdev, unsigned long timeout_ticks);
/* Open, wait for link (the link-wait setting, in seconds) and run DHCP
 * on one device, printing progress. */
int ifconf(struct net_device *netdev);

#endif
