/* The UNDI calls: the NBP drives our network device directly.  While
 * it has UNDI open, frames the device receives go to the NBP through
 * the ISR protocol instead of up our own stack. */
#include <errno.h>
#include <string.h>
#include <byteswap.h>
#include <cxboot/pci.h>
#include <net/ethernet.h>
#include "pxe_call.h"
#include "pxe_isr.h"

static struct {
	bool open;                    /* frames are diverted to the NBP */
	struct pxe_isr isr;
} pxe_undi;

void pxe_undi_shutdown(void)
{
	if (pxe_undi.open)
		pxe_isr_flush(&pxe_undi.isr);
	pxe_undi.open = false;
}

static uint16_t pxenv_undi_nothing(void *params __unused)
{
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_undi_open(void *params)
{
	struct s_PXENV_UNDI_OPEN *p = params;
	int rc;

	rc = netdev_open(pxe_state.netdev);
	if (rc)
		return pxe_status(rc);
	if (!pxe_undi.open)
		pxe_isr_init(&pxe_undi.isr, pxe_state.basemem->frame,
			     sizeof(pxe_state.basemem->frame));
	pxe_undi.isr.filter = p->PktFilter;
	pxe_undi.open = true;
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_undi_close(void *params __unused)
{
	pxe_undi_shutdown();
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_undi_shutdown(void *params __unused)
{
	pxe_undi_shutdown();
	netdev_close(pxe_state.netdev);
	return PXENV_STATUS_SUCCESS;
}

/* The frame to send, gathered from the immediate buffer and the data
 * blocks of the transmit buffer descriptor. */
static struct io_buffer *pxe_undi_gather(const struct s_PXENV_UNDI_TBD *tbd)
{
	unsigned int i, count = MIN(tbd->DataBlkCount,
				    (uint16_t)PXE_MAX_DATA_BLKS);
	size_t len = tbd->ImmedLength;
	struct io_buffer *iob;
	const void *data;

	for (i = 0; i < count; i++)
		len += tbd->DataBlock[i].TDDataLen;
	iob = alloc_iob_plus(len, LL_PAD_ROOM);
	if (!iob)
		return NULL;
	memcpy(iob_put(iob, tbd->ImmedLength),
	       real_to_virt(tbd->Xmit.segment, tbd->Xmit.offset),
	       tbd->ImmedLength);
	for (i = 0; i < count; i++) {
		const struct segoff16 *at = &tbd->DataBlock[i].TDDataPtr;

		/* Type 0 would make the pointer a physical address. */
		data = tbd->DataBlock[i].TDPtrType ?
		       real_to_virt(at->segment, at->offset) :
		       phys_to_virt((uint32_t)at->segment << 16 | at->offset);
		memcpy(iob_put(iob, tbd->DataBlock[i].TDDataLen), data,
		       tbd->DataBlock[i].TDDataLen);
	}
	return iob;
}

static uint16_t pxenv_undi_transmit(void *params)
{
	static const uint16_t protos[] = {
		[P_IP] = ETH_P_IP, [P_ARP] = ETH_P_ARP, [P_RARP] = ETH_P_RARP,
	};
	struct s_PXENV_UNDI_TRANSMIT *p = params;
	struct net_device *netdev = pxe_state.netdev;
	const struct ll_protocol *ll = netdev->ll_protocol;
	struct io_buffer *iob;
	const void *dest;
	int rc;

	if (p->Protocol >= ARRAY_SIZE(protos) ||
	    (p->Protocol != P_UNKNOWN && !protos[p->Protocol]))
		return PXENV_STATUS_UNDI_INVALID_PARAMETER;
	iob = pxe_undi_gather(real_to_virt(p->TBD.segment, p->TBD.offset));
	if (!iob)
		return PXENV_STATUS_OUT_OF_RESOURCES;
	/* P_UNKNOWN: the NBP wrote the media header itself. */
	if (p->Protocol != P_UNKNOWN) {
		dest = p->XmitFlag == XMT_BROADCAST ? ll->ll_broadcast :
		       real_to_virt(p->DestAddr.segment, p->DestAddr.offset);
		rc = ll->push(netdev, iob, dest, netdev->ll_addr,
			      htons(protos[p->Protocol]));
		if (rc) {
			free_iob(iob);
			return pxe_status(rc);
		}
	}
	rc = netdev_tx(netdev, iob);
	if (rc)
		return PXENV_STATUS_UNDI_TRANSMIT_ERROR;
	pxe_undi.isr.tx_done++;
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_undi_set_station_address(void *params)
{
	struct s_PXENV_UNDI_SET_STATION_ADDRESS *p = params;
	struct net_device *netdev = pxe_state.netdev;

	/* A device takes a new address when it opens. */
	if (netdev_is_open(netdev))
		return PXENV_STATUS_UNDI_INVALID_STATE;
	memcpy(netdev->ll_addr, p->StationAddress,
	       netdev->ll_protocol->ll_addr_len);
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_undi_set_packet_filter(void *params)
{
	struct s_PXENV_UNDI_SET_PACKET_FILTER *p = params;

	pxe_undi.isr.filter = p->filter;
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_undi_get_information(void *params)
{
	struct s_PXENV_UNDI_GET_INFORMATION *p = params;
	struct net_device *netdev = pxe_state.netdev;
	const struct ll_protocol *ll = netdev->ll_protocol;

	memset(&p->BaseIo, 0, sizeof(*p) - offsetof(typeof(*p), BaseIo));
	/* No interrupt line: the NBP polls (ISR START). */
	p->MaxTranUnit = netdev->mtu;
	p->HwType = ntohs(ll->arp_hw_type);
	p->HwAddrLen = ll->ll_addr_len;
	memcpy(p->CurrentNodeAddress, netdev->ll_addr, ll->ll_addr_len);
	memcpy(p->PermNodeAddress, netdev->hw_addr, ll->ll_addr_len);
	p->RxBufCt = PXE_ISR_MAX_RX;
	p->TxBufCt = 1;
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_undi_get_statistics(void *params)
{
	struct s_PXENV_UNDI_GET_STATISTICS *p = params;
	const struct net_device_stats *st = &pxe_state.netdev->stats;

	p->XmtGoodFrames = st->tx_ok;
	p->RcvGoodFrames = st->rx_ok;
	p->RcvCRCErrors = st->rx_err;
	p->RcvResourceErrors = st->rx_drop;
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_undi_clear_statistics(void *params __unused)
{
	memset(&pxe_state.netdev->stats, 0, sizeof(pxe_state.netdev->stats));
	return PXENV_STATUS_SUCCESS;
}

/* Ethernet's multicast address for an IPv4 group (RFC 1112). */
static uint16_t pxenv_undi_get_mcast_address(void *params)
{
	struct s_PXENV_UNDI_GET_MCAST_ADDRESS *p = params;
	uint32_t group = ntohl(p->InetAddr);

	memset(p->MediaAddr, 0, sizeof(p->MediaAddr));
	p->MediaAddr[0] = 0x01;
	p->MediaAddr[1] = 0x00;
	p->MediaAddr[2] = 0x5e;
	p->MediaAddr[3] = (group >> 16) & 0x7f;
	p->MediaAddr[4] = group >> 8;
	p->MediaAddr[5] = group;
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_undi_get_nic_type(void *params)
{
	struct s_PXENV_UNDI_GET_NIC_TYPE *p = params;
	const struct net_device_bus *bus = &pxe_state.netdev->bus;
	struct pxe_pci_nic_info *info = &p->info.pci;
	struct pci_device *pci;

	if (bus->type != NETDEV_BUS_PCI)
		return PXENV_STATUS_FAILURE;
	memset(&p->info, 0, sizeof(p->info));
	p->NicType = PCI_NIC;
	info->Vendor_ID = bus->vendor;
	info->Dev_ID = bus->device;
	info->BusDevFunc = bus->bdf;
	for_each_pci_device(pci) {
		if (pci->bdf != bus->bdf)
			continue;
		info->Base_Class = pci->class >> 16;
		info->Sub_Class = pci->class >> 8;
		info->Prog_Intf = pci->class;
		info->Rev = pci->revision;
		info->SubVendor_ID = pci->subsys_vendor;
		info->SubDevice_ID = pci->subsys_device;
	}
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_undi_get_iface_info(void *params)
{
	struct s_PXENV_UNDI_GET_IFACE_INFO *p = params;

	memset(&p->IfaceType, 0, sizeof(*p) - offsetof(typeof(*p), IfaceType));
	memcpy(p->IfaceType, "DIX+802.3", sizeof("DIX+802.3"));
	p->ServiceFlags = SUPPORTED_BROADCAST | SUPPORTED_MULTICAST |
			  SUPPORTED_PROMISCUOUS |
			  SUPPORTED_SET_STATION_ADDRESS | SUPPORTED_RESET |
			  SUPPORTED_OPEN_CLOSE;
	return PXENV_STATUS_SUCCESS;
}

/* What the device received since the last call goes to the NBP. */
static void pxe_undi_poll(struct net_device *netdev)
{
	struct io_buffer *iob;

	if (!netdev_is_open(netdev))
		return;
	netdev->op->poll(netdev);
	while ((iob = list_first_entry(&netdev->rx_queue, struct io_buffer,
				       list))) {
		list_del(&iob->list);
		if (!pxe_isr_queue_rx(&pxe_undi.isr, iob))
			netdev->stats.rx_drop++;
	}
}

static uint16_t pxenv_undi_isr(void *params)
{
	if (!pxe_undi.open)
		return PXENV_STATUS_UNDI_INVALID_STATE;
	pxe_undi_poll(pxe_state.netdev);
	return pxe_isr_call(&pxe_undi.isr, pxe_state.netdev, params);
}

PXE_CALLS(pxe_undi_calls) = {
	{ PXENV_UNDI_STARTUP, pxenv_undi_nothing },
	{ PXENV_UNDI_CLEANUP, pxenv_undi_nothing },
	{ PXENV_UNDI_INITIALIZE, pxenv_undi_nothing },
	{ PXENV_UNDI_RESET_ADAPTER, pxenv_undi_nothing },
	{ PXENV_UNDI_SHUTDOWN, pxenv_undi_shutdown },
	{ PXENV_UNDI_OPEN, pxenv_undi_open },
	{ PXENV_UNDI_CLOSE, pxenv_undi_close },
	{ PXENV_UNDI_TRANSMIT, pxenv_undi_transmit },
	/* Every multicast frame is let in: nothing to set. */
	{ PXENV_UNDI_SET_MCAST_ADDRESS, pxenv_undi_nothing },
	{ PXENV_UNDI_SET_STATION_ADDRESS, pxenv_undi_set_station_address },
	{ PXENV_UNDI_SET_PACKET_FILTER, pxenv_undi_set_packet_filter },
	{ PXENV_UNDI_GET_INFORMATION, pxenv_undi_get_information },
	{ PXENV_UNDI_GET_STATISTICS, pxenv_undi_get_statistics },
	{ PXENV_UNDI_CLEAR_STATISTICS, pxenv_undi_clear_statistics },
	{ PXENV_UNDI_GET_MCAST_ADDRESS, pxenv_undi_get_mcast_address },
	{ PXENV_UNDI_GET_NIC_TYPE, pxenv_undi_get_nic_type },
	{ PXENV_UNDI_GET_IFACE_INFO, pxenv_undi_get_iface_info },
	{ PXENV_UNDI_ISR, pxenv_undi_isr },
};
