/* The UNDI client: net0 driven through the PXE ROM that started us
 * (bin/undionly.kpxe), by the UNDI calls of the PXE 2.1 specification.
 *
 * Calls go to the !PXE entry point (EntryPointSP: far call with the
 * opcode and the parameter block's SEG:OFF pushed, the opcode at
 * SS:SP+4), or to the PXENV+ entry (RMEntry: BX = opcode, ES:DI = the
 * block) when there is no !PXE.  Parameter blocks and the frame being
 * sent live in a block of base memory taken off the size at 40:13h,
 * since the ROM reads them through real-mode pointers.
 *
 * Receiving uses the polled ISR protocol: ISR IN_START (is anything
 * pending?), then IN_PROCESS and IN_GET_NEXT until the ROM says DONE;
 * each poll drains everything the ROM holds.  Received frames still
 * carry their media header, which is what our Ethernet layer wants. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cxboot/tables.h>
#include <net/ethernet.h>
#include <bios.h>
#include <pxe_api.h>
#include <pxeparent.h>

#define BDA_BASEMEM 0x413
#define UNDI_BASEMEM_KIB 2
#define UNDI_PARAMS_SIZE 256
/* Frames (pieces) taken per poll at most, so that one poll ends even
 * if the ROM keeps finding more. */
#define UNDI_POLL_BUDGET 64

struct undi_nic {
	uint32_t entry;            /* SEG << 16 | OFF */
	bool ppxe;                 /* entry is !PXE (else PXENV+) */
	void *params;              /* flat; the block for every call */
	uint32_t params_far;       /* SEG << 16 | OFF of params */
	uint8_t *txbuf;            /* flat; the frame being sent */
	uint32_t txbuf_far;
	struct io_buffer *rx;      /* a frame arriving in pieces */
};

/* Call opcode with the parameter block (of len bytes, copied in and
 * back out of base memory).  Returns 0 or -EIO; *status gets the
 * block's status. */
static int undi_call(struct undi_nic *nic, uint16_t opcode, void *block,
		     size_t len)
{
	struct bios_regs regs = { 0 };
	uint16_t seg = nic->params_far >> 16, off = nic->params_far;
	uint16_t args[3] = { opcode, off, seg };
	struct rm_stack stack = { .args = args, .len = sizeof(args) };

	memcpy(nic->params, block, len);
	if (nic->ppxe) {
		rm_call(0, nic->entry, &regs, &stack);
	} else {
		regs.ebx = opcode;
		regs.es = seg;
		regs.edi = off;
		rm_call(0, nic->entry, &regs, NULL);
	}
	memcpy(block, nic->params, len);
	if ((regs.eax & 0xffff) != PXENV_EXIT_SUCCESS)
		return -EIO;
	return 0;
}

/* The PXE status word that every parameter block starts with. */
static uint16_t status_of(const void *block)
{
	uint16_t status;

	memcpy(&status, block, sizeof(status));
	return status;
}

static int undi_open(struct net_device *netdev)
{
	struct undi_nic *nic = netdev->priv;
	struct s_PXENV_UNDI_OPEN open = {
		.PktFilter = FLTR_DIRECTED | FLTR_BRDCST,
	};
	int rc = undi_call(nic, PXENV_UNDI_OPEN, &open, sizeof(open));

	if (rc)
		printf("%s: UNDI OPEN failed (status %#x)\n", netdev->name,
		       status_of(&open));
	return rc;
}

static void undi_close(struct net_device *netdev)
{
	struct undi_nic *nic = netdev->priv;
	struct s_PXENV_STATUS_ONLY close = { 0 };

	undi_call(nic, PXENV_UNDI_CLOSE, &close, sizeof(close));
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
	rc = undi_call(nic, PXENV_UNDI_TRANSMIT, &tx, sizeof(tx));
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

/* One round of the ISR protocol hands up everything the ROM holds:
 * IN_START (anything pending?), then IN_PROCESS and IN_GET_NEXT until
 * it says DONE.  Another round right after would only cost two more
 * calls into real mode for nothing. */
static void undi_poll(struct net_device *netdev)
{
	struct undi_nic *nic = netdev->priv;
	struct s_PXENV_UNDI_ISR isr = { .FuncFlag = PXENV_UNDI_ISR_IN_START };
	unsigned int frames = 0;

	if (undi_call(nic, PXENV_UNDI_ISR, &isr, sizeof(isr)) ||
	    isr.FuncFlag != PXENV_UNDI_ISR_OUT_OURS)
		return;
	isr.FuncFlag = PXENV_UNDI_ISR_IN_PROCESS;
	while (frames < UNDI_POLL_BUDGET) {
		if (undi_call(nic, PXENV_UNDI_ISR, &isr, sizeof(isr)))
			break;
		if (isr.FuncFlag == PXENV_UNDI_ISR_OUT_DONE)
			break;
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

/* UNDI_BASEMEM_KIB of base memory off the top, for good (the ROM may
 * hold pointers into it while the device is open). */
static void *undi_basemem(uint32_t *far)
{
	uint16_t *base_kib = real_to_flat(0, BDA_BASEMEM);
	uint32_t addr;

	*base_kib -= UNDI_BASEMEM_KIB;
	addr = (uint32_t)*base_kib * 1024;
	*far = (addr >> 4) << 16;
	return (void *)addr;
}

/* The entry point to call: !PXE's, else PXENV+'s. */
static bool undi_entry(struct undi_nic *nic)
{
	const struct s_PXE *ppxe = pxe_parent_ppxe_struct();
	const struct s_PXENV *pxenv = pxe_parent_pxenv_struct();

	if (ppxe) {
		nic->entry = ppxe->EntryPointSP.segment << 16 |
			     ppxe->EntryPointSP.offset;
		nic->ppxe = true;
	} else if (pxenv) {
		nic->entry = pxenv->RMEntry.segment << 16 |
			     pxenv->RMEntry.offset;
	}
	return nic->entry != 0;
}

static void undi_probe(void)
{
	struct s_PXENV_UNDI_GET_INFORMATION info = { 0 };
	struct net_device *netdev;
	struct undi_nic *nic;
	uint32_t far;
	uint8_t *mem;

	netdev = alloc_etherdev(sizeof(*nic));
	if (!netdev)
		return;
	nic = netdev->priv;
	if (!undi_entry(nic))
		goto fail;
	mem = undi_basemem(&far);
	nic->params = mem;
	nic->params_far = far;
	nic->txbuf = mem + UNDI_PARAMS_SIZE;
	nic->txbuf_far = far + UNDI_PARAMS_SIZE;
	if (undi_call(nic, PXENV_UNDI_GET_INFORMATION, &info, sizeof(info)) ||
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
	snprintf(netdev->bus_location, sizeof(netdev->bus_location),
		 "%04x:%04x", nic->entry >> 16, nic->entry & 0xffff);
	if (register_netdev(netdev) == 0)
		return;
fail:
	netdev_put(netdev);
}

INIT_FN(undi_init, INIT_NORMAL, undi_probe);
