/* The UNDI client: net0 driven through the PXE ROM that started us
 * (bin/undionly.kpxe), by the UNDI calls of the PXE 2.1 specification,
 * made through pxeparent.h.  The prefix left the UNDI loaded but shut
 * down (PXE_KEEP_UNDI): the probe brings it up again.
 *
 * Receiving uses the polled ISR protocol: ISR IN_START (is anything
 * pending?), then IN_PROCESS and IN_GET_NEXT until the ROM says DONE,
 * at most a budget of frames per poll.  Received frames still
 * carry their media header, which is what our Ethernet layer wants. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <cxboot/tables.h>
#include <net/ethernet.h>
#include <bios.h>
#include <pxe_api.h>
#include <pxeparent.h>

/* Frames (pieces) taken per poll at most: no more than net_poll()
 * hands up after each poll, or under a steady stream the receive queue
 * would grow until memory runs out. */
#define UNDI_POLL_BUDGET NET_RX_BUDGET
/* Calls spent at most taking an open round to DONE at close. */
#define UNDI_DRAIN_CALLS 1024

struct undi_nic {
	uint8_t *txbuf;            /* flat; the frame being sent */
	uint32_t txbuf_far;        /* SEG << 16 | OFF of txbuf */
	struct io_buffer *rx;      /* a frame arriving in pieces */
	bool in_round;             /* an ISR round is open (not yet DONE) */
};

_Static_assert(ETH_FRAME_LEN + 8 + sizeof(struct s_PXENV_UNDI_TBD) <=
	       PXE_PARENT_BUF_SIZE, "frame, address and TBD fit the buffer");

/* The PXE status word that every parameter block starts with. */
static uint16_t status_of(const void *block)
{
	uint16_t status;

	memcpy(&status, block, sizeof(status));
	return status;
}

static int undi_open(struct net_device *netdev)
{
	struct s_PXENV_UNDI_OPEN open = {
		.PktFilter = FLTR_DIRECTED | FLTR_BRDCST,
	};
	int rc = pxe_parent_call(PXENV_UNDI_OPEN, &open, sizeof(open));

	if (rc)
		printf("%s: UNDI OPEN failed (status %#x)\n", netdev->name,
		       status_of(&open));
	return rc;
}

/* Frames a round left behind at close are dropped, but the round is
 * taken to DONE, so that the ROM's next IN_START finds it closed. */
static void undi_end_round(struct undi_nic *nic)
{
	struct s_PXENV_UNDI_ISR isr;
	unsigned int calls = 0;

	while (nic->in_round && calls++ < UNDI_DRAIN_CALLS) {
		memset(&isr, 0, sizeof(isr));
		isr.FuncFlag = PXENV_UNDI_ISR_IN_GET_NEXT;
		if (pxe_parent_call(PXENV_UNDI_ISR, &isr, sizeof(isr)) ||
		    isr.FuncFlag == PXENV_UNDI_ISR_OUT_DONE)
			nic->in_round = false;
	}
	nic->in_round = false;
}

static void undi_close(struct net_device *netdev)
{
	struct undi_nic *nic = netdev->priv;
	struct s_PXENV_STATUS_ONLY close = { 0 };

	undi_end_round(nic);
	pxe_parent_call(PXENV_UNDI_CLOSE, &close, sizeof(close));
	if (nic->rx) {
		free_iob(nic->rx);
		nic->rx = NULL;
	}
}

/* The PXE protocol for an Ethernet type, or P_UNKNOWN. */
static uint8_t undi_protocol(uint16_t net_proto)
{
	switch (ntohs(net_proto)) {
	case ETH_P_IP:
		return P_IP;
	case ETH_P_ARP:
		return P_ARP;
	case ETH_P_RARP:
		return P_RARP;
	}
	return P_UNKNOWN;
}

/* Some PXE stacks put a media header in front of whatever they are
 * given, P_UNKNOWN or not: for the protocols the specification names,
 * the header goes as Protocol and DestAddr and the frame without it;
 * anything else goes whole as P_UNKNOWN.  The frame is copied to base
 * memory, so the buffer is done with when the call returns. */
static int undi_transmit(struct net_device *netdev, struct io_buffer *iob)
{
	struct undi_nic *nic = netdev->priv;
	const struct ethhdr *eth = (const void *)iob->data;
	uint8_t *dest = nic->txbuf + ETH_FRAME_LEN;
	struct s_PXENV_UNDI_TBD *tbd = (void *)(dest + 8);
	uint32_t dest_far = nic->txbuf_far + ETH_FRAME_LEN;
	uint32_t tbd_far = dest_far + 8;
	struct s_PXENV_UNDI_TRANSMIT tx = { 0 };
	size_t len = iob_len(iob);
	int rc;

	if (len < ETH_HLEN || len > ETH_FRAME_LEN)
		return -EINVAL;
	tx.Protocol = undi_protocol(eth->h_protocol);
	if (tx.Protocol != P_UNKNOWN) {
		memcpy(dest, eth->h_dest, ETH_ALEN);
		if (!memcmp(eth->h_dest, ethernet_protocol.ll_broadcast,
			    ETH_ALEN))
			tx.XmitFlag = XMT_BROADCAST;
		tx.DestAddr.segment = dest_far >> 16;
		tx.DestAddr.offset = dest_far;
		iob_pull(iob, ETH_HLEN);
		len -= ETH_HLEN;
	}
	memcpy(nic->txbuf, iob->data, len);
	memset(tbd, 0, sizeof(*tbd));
	tbd->ImmedLength = len;
	tbd->Xmit.segment = nic->txbuf_far >> 16;
	tbd->Xmit.offset = nic->txbuf_far;
	tx.TBD.segment = tbd_far >> 16;
	tx.TBD.offset = tbd_far;
	rc = pxe_parent_call(PXENV_UNDI_TRANSMIT, &tx, sizeof(tx));
	netdev_tx_complete(netdev, iob, rc);
	return 0;
}

/* One piece of a received frame (GET_NEXT said RECEIVE): the whole
 * frame goes up once its last piece is in. */
static void undi_rx_piece(struct net_device *netdev,
			  const struct s_PXENV_UNDI_ISR *isr)
{
	struct undi_nic *nic = netdev->priv;
	const void *piece = real_to_flat(isr->Frame.segment,
					 isr->Frame.offset);

	if (!nic->rx) {
		nic->rx = alloc_iob(isr->FrameLength);
		if (!nic->rx) {
			netdev_rx_err(netdev, NULL, -ENOMEM);
			return;
		}
	}
	if (iob_len(nic->rx) + isr->BufferLength > isr->FrameLength) {
		netdev_rx_err(netdev, nic->rx, -EINVAL);
		nic->rx = NULL;
		return;
	}
	memcpy(iob_put(nic->rx, isr->BufferLength), piece, isr->BufferLength);
	if (iob_len(nic->rx) == isr->FrameLength) {
		netdev_rx(netdev, nic->rx);
		nic->rx = NULL;
	}
}

/* The ISR protocol: IN_START (anything pending?), then IN_PROCESS and
 * IN_GET_NEXT until the ROM says DONE, which closes the round.  A
 * round may span polls: once the budget is reached, the next poll goes
 * on with IN_GET_NEXT.  Starting afresh instead would break with ROMs
 * that mask their interrupt at IN_START and unmask it only at DONE,
 * answering every later IN_START "not ours" (iPXE's UNDI does). */
static void undi_poll(struct net_device *netdev)
{
	struct undi_nic *nic = netdev->priv;
	struct s_PXENV_UNDI_ISR isr = { .FuncFlag = PXENV_UNDI_ISR_IN_START };
	unsigned int frames = 0;

	if (!nic->in_round) {
		if (pxe_parent_call(PXENV_UNDI_ISR, &isr, sizeof(isr)) ||
		    isr.FuncFlag != PXENV_UNDI_ISR_OUT_OURS)
			return;
		nic->in_round = true;
		isr.FuncFlag = PXENV_UNDI_ISR_IN_PROCESS;
	} else {
		isr.FuncFlag = PXENV_UNDI_ISR_IN_GET_NEXT;
	}
	while (frames < UNDI_POLL_BUDGET) {
		if (pxe_parent_call(PXENV_UNDI_ISR, &isr, sizeof(isr)) ||
		    isr.FuncFlag == PXENV_UNDI_ISR_OUT_DONE) {
			nic->in_round = false;
			return;
		}
		if (isr.FuncFlag == PXENV_UNDI_ISR_OUT_RECEIVE) {
			undi_rx_piece(netdev, &isr);
			frames++;
		}
		isr.FuncFlag = PXENV_UNDI_ISR_IN_GET_NEXT;
	}
}

static const struct net_device_operations undi_operations = {
	.open = undi_open,
	.close = undi_close,
	.transmit = undi_transmit,
	.poll = undi_poll,
};

static void undi_probe(void)
{
	struct s_PXENV_UNDI_GET_INFORMATION info = { 0 };
	struct net_device *netdev;
	struct undi_nic *nic;

	netdev = alloc_etherdev(sizeof(*nic));
	if (!netdev)
		return;
	nic = netdev->priv;
	nic->txbuf = pxe_parent_buffer(&nic->txbuf_far);
	if (!nic->txbuf)
		goto fail;
	/* The prefix shut the NIC down (pxeparent.h). */
	if (pxe_parent_startup()) {
		printf("UNDI: STARTUP or INITIALIZE failed\n");
		goto fail;
	}
	if (pxe_parent_call(PXENV_UNDI_GET_INFORMATION, &info, sizeof(info)) ||
	    info.HwAddrLen != ETH_ALEN) {
		printf("UNDI: GET INFORMATION failed (status %#x)\n",
		       info.Status);
		goto fail;
	}
	netdev->op = &undi_operations;
	memcpy(netdev->hw_addr, info.PermNodeAddress, ETH_ALEN);
	memcpy(netdev->ll_addr, info.CurrentNodeAddress, ETH_ALEN);
	if (info.MaxTranUnit > ETH_HLEN &&
	    (size_t)(info.MaxTranUnit - ETH_HLEN) < netdev->mtu)
		netdev->mtu = info.MaxTranUnit - ETH_HLEN;
	netdev->rx_burst = info.RxBufCt;
	netdev->driver_name = "undi";
	netdev->bus_type = "UNDI";
	snprintf(netdev->bus_location, sizeof(netdev->bus_location), "PXE");
	if (register_netdev(netdev) == 0)
		return;
fail:
	netdev_put(netdev);
}

INIT_FN(undi_init, INIT_NORMAL, undi_probe);
