/* The UNDI ISR protocol an NBP polls (arch/x86/interface/pxe/pxe_isr.c):
 * START asks whether anything happened, PROCESS and then GET_NEXT hand
 * out one event each (a finished transmission, or a received frame
 * copied into the base-memory frame buffer) until DONE. */
#ifndef X86_PXE_ISR_H
#define X86_PXE_ISR_H
#include <net/netdevice.h>
#include <pxe_api.h>

struct pxe_isr {
	struct list_head rx;          /* frames waiting for the NBP */
	unsigned int rx_count;
	unsigned int tx_done;         /* transmissions not yet reported */
	uint8_t filter;               /* FLTR_* */
	void *frame;                  /* where the NBP reads a frame */
	size_t frame_len;
};

/* Frames beyond this many wait in the device (or are dropped there). */
#define PXE_ISR_MAX_RX 64

void pxe_isr_init(struct pxe_isr *isr, void *frame, size_t frame_len);
/* Queue a received frame (link header included); takes iob.  False
 * (and iob freed) when the queue is full. */
bool pxe_isr_queue_rx(struct pxe_isr *isr, struct io_buffer *iob);
/* Drop every queued frame and pending event. */
void pxe_isr_flush(struct pxe_isr *isr);
/* One ISR call on netdev (whose link layer reads the frames); fills in
 * p.  Returns a PXE status. */
uint16_t pxe_isr_call(struct pxe_isr *isr, struct net_device *netdev,
		      struct s_PXENV_UNDI_ISR *p);

#endif
