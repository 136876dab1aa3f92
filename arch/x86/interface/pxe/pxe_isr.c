/* The UNDI ISR protocol.  Nothing here is an interrupt: the NBP polls,
 * and each call reports one event. */
#include <string.h>
#include <byteswap.h>
#include <net/ethernet.h>
#include <pxe.h>
#include "pxe_isr.h"

void pxe_isr_init(struct pxe_isr *isr, void *frame, size_t frame_len)
{
	INIT_LIST_HEAD(&isr->rx);
	isr->rx_count = 0;
	isr->tx_done = 0;
	isr->filter = FLTR_DIRECTED | FLTR_BRDCST;
	isr->frame = frame;
	isr->frame_len = frame_len;
}

bool pxe_isr_queue_rx(struct pxe_isr *isr, struct io_buffer *iob)
{
	if (isr->rx_count >= PXE_ISR_MAX_RX) {
		free_iob(iob);
		return false;
	}
	list_add_tail(&iob->list, &isr->rx);
	isr->rx_count++;
	return true;
}

void pxe_isr_flush(struct pxe_isr *isr)
{
	struct io_buffer *iob, *tmp;

	list_for_each_entry_safe(iob, tmp, &isr->rx, list) {
		list_del(&iob->list);
		free_iob(iob);
	}
	isr->rx_count = 0;
	isr->tx_done = 0;
}

static uint8_t pxe_isr_proto(uint16_t net_proto)
{
	switch (ntohs(net_proto)) {
	case ETH_P_IP:   return P_IP;
	case ETH_P_ARP:  return P_ARP;
	case ETH_P_RARP: return P_RARP;
	default:         return P_OTHER;
	}
}

static bool pxe_isr_wanted(uint8_t filter, uint8_t pkt_type)
{
	if (filter & FLTR_PRMSCS)
		return true;
	if (pkt_type == P_BROADCAST)
		return filter & FLTR_BRDCST;
	return filter & FLTR_DIRECTED;
}

/* Hand the next frame the filter lets through to the NBP: copied to
 * the frame buffer, described in p.  False when none is left. */
static bool pxe_isr_next_rx(struct pxe_isr *isr, struct net_device *netdev,
			    struct s_PXENV_UNDI_ISR *p)
{
	const void *dest, *src;
	struct io_buffer *iob;
	unsigned int flags;
	uint16_t proto;
	size_t len;

	while ((iob = list_first_entry(&isr->rx, struct io_buffer, list))) {
		list_del(&iob->list);
		isr->rx_count--;
		len = iob_len(iob);
		memcpy(isr->frame, iob->data, MIN(len, isr->frame_len));
		if (netdev->ll_protocol->pull(netdev, iob, &dest, &src, &proto,
					      &flags) != 0) {
			free_iob(iob);
			continue;
		}
		p->PktType = (flags & LL_BROADCAST) ? P_BROADCAST :
			     (flags & LL_MULTICAST) ? P_MULTICAST : P_DIRECTED;
		p->ProtType = pxe_isr_proto(proto);
		p->FrameLength = len;
		p->BufferLength = MIN(len, isr->frame_len);
		p->FrameHeaderLength = len - iob_len(iob);
		free_iob(iob);
		if (!pxe_isr_wanted(isr->filter, p->PktType))
			continue;
		return virt_to_real(isr->frame, &p->Frame);
	}
	return false;
}

uint16_t pxe_isr_call(struct pxe_isr *isr, struct net_device *netdev,
		      struct s_PXENV_UNDI_ISR *p)
{
	switch (p->FuncFlag) {
	case PXENV_UNDI_ISR_IN_START:
		p->FuncFlag = (isr->rx_count || isr->tx_done) ?
			PXENV_UNDI_ISR_OUT_OURS : PXENV_UNDI_ISR_OUT_NOT_OURS;
		return PXENV_STATUS_SUCCESS;
	case PXENV_UNDI_ISR_IN_PROCESS:
	case PXENV_UNDI_ISR_IN_GET_NEXT:
		if (isr->tx_done) {
			isr->tx_done--;
			p->FuncFlag = PXENV_UNDI_ISR_OUT_TRANSMIT;
		} else if (pxe_isr_next_rx(isr, netdev, p)) {
			p->FuncFlag = PXENV_UNDI_ISR_OUT_RECEIVE;
		} else {
			p->FuncFlag = PXENV_UNDI_ISR_OUT_DONE;
		}
		return PXENV_STATUS_SUCCESS;
	default:
		return PXENV_STATUS_UNDI_INVALID_PARAMETER;
	}
}
