/* The DHCP packets GET_CACHED_INFO hands out, as an NBP expects them:
 * the DHCPDISCOVER we would send, the DHCPACK as the server sent it,
 * and the boot server's reply (the ProxyDHCP answer, or the DHCPACK
 * when there was none). */
#include <errno.h>
#include <string.h>
#include <byteswap.h>
#include <net/dhcp.h>
#include <net/ethernet.h>
#include "pxe_cached.h"

/* NBPs (pxelinux) take the boot file name from the file field: when
 * the server sent it as option 67 alone, put it there too, unless
 * option 52 lends that field to options. */
static void pxe_keep_filename(uint8_t *pkt, size_t len)
{
	struct dhcphdr *hdr = (struct dhcphdr *)pkt;
	uint8_t overload = 0;

	if (len < DHCP_MIN_LEN || hdr->file[0])
		return;
	dhcp_fetch_option(pkt, len, DHCP_OPT_OVERLOAD, &overload, 1);
	if (overload & DHCP_OVERLOAD_FILE)
		return;
	if (dhcp_fetch_option(pkt, len, DHCP_OPT_BOOTFILE, hdr->file,
			      sizeof(hdr->file) - 1) >= (int)sizeof(hdr->file))
		hdr->file[0] = '\0';   /* too long to fit: none rather than cut */
}

static int pxe_copy_lease(struct net_device *netdev, const char *name,
			  void *buf, size_t len)
{
	size_t plen;
	const void *pkt = dhcp_packet(netdev, name, &plen);

	if (!pkt)
		return -ENOENT;
	plen = MIN(plen, len);
	memcpy(buf, pkt, plen);
	pxe_keep_filename(buf, plen);
	return plen;
}

static int pxe_build_discover(struct net_device *netdev, void *buf,
			      size_t len)
{
	const struct dhcphdr *ack;
	struct dhcp_tx_params p = {
		.type = DHCPDISCOVER,
		.mac = netdev->ll_addr,
	};
	uint8_t uuid[16];
	size_t plen;

	/* The exchange the lease came from. */
	ack = dhcp_packet(netdev, "dhcp", &plen);
	if (ack && plen >= DHCP_MIN_LEN)
		p.xid = ack->xid;
	dhcp_client_uuid(netdev, uuid);
	p.uuid = uuid;
	return dhcp_build_packet(buf, len, &p);
}

int pxe_cached_packet(struct net_device *netdev, unsigned int type,
		      void *buf, size_t len)
{
	int rc;

	memset(buf, 0, len);
	switch (type) {
	case PXENV_PACKET_TYPE_DHCP_DISCOVER:
		return pxe_build_discover(netdev, buf, len);
	case PXENV_PACKET_TYPE_DHCP_ACK:
		return pxe_copy_lease(netdev, "dhcp", buf, len);
	case PXENV_PACKET_TYPE_CACHED_REPLY:
		rc = pxe_copy_lease(netdev, "proxydhcp", buf, len);
		if (rc == -ENOENT)
			rc = pxe_copy_lease(netdev, "dhcp", buf, len);
		return rc;
	default:
		return -EINVAL;
	}
}
