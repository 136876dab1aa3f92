/* Ethernet link layer. */
#ifndef NET_ETHERNET_H
#define NET_ETHERNET_H
#include <net/netdevice.h>

#define ETH_ALEN 6
#define ETH_HLEN 14
#define ETH_FRAME_LEN 1514
#define ETH_P_IP 0x0800
#define ETH_P_ARP 0x0806
#define ETH_P_RARP 0x8035

struct ethhdr {
	uint8_t h_dest[ETH_ALEN];
	uint8_t h_source[ETH_ALEN];
	uint16_t h_protocol;
} __packed;

extern struct ll_protocol ethernet_protocol;
/* Allocate a net_device set up for Ethernet. */
struct net_device *alloc_etherdev(size_t priv_len);
/* "52:54:00:12:34:56" (static buffer) */
const char *eth_ntoa(const void *addr);

#endif
