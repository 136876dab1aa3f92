/* The iSCSI initiator's settings: initiator-iqn (DHCP option 203),
 * username/password (CHAP), reverse-username/reverse-password (mutual
 * CHAP: what the target must prove). */
#ifndef NET_ISCSI_SETTINGS_H
#define NET_ISCSI_SETTINGS_H

struct net_device;

/* Without initiator-iqn: this prefix, a colon, and the host name or
 * the MAC address of the port the session runs over. */
#define ISCSI_DEFAULT_IQN_PREFIX "iqn.2026-12.org.cxboot"

/* Allocated (NULL: out of memory). */
char *iscsi_initiator_name(struct net_device *netdev);

/* Allocated strings, NULL where not set; the reverse pair only with
 * both set and a forward user too. */
struct iscsi_secrets {
	char *user, *secret, *reverse_user, *reverse_secret;
};
void iscsi_get_credentials(struct iscsi_secrets *s);
void iscsi_free_credentials(struct iscsi_secrets *s);

#endif
