/* A raw packet socket's receive ring (PACKET_RX_RING, TPACKET_V2):
 * the kernel writes frames into mapped slots and the reader takes them
 * in place, with no system call per frame or batch.  Used by the host
 * network devices (af_packet.c) and the simulated adapters' wires. */
#ifndef ARCH_LINUX_PKTRING_H
#define ARCH_LINUX_PKTRING_H
#include <stddef.h>
#include <stdint.h>

struct pktring {
	uint8_t *ring;		/* mapped; frame_nr slots of frame_size */
	size_t frame_size;
	unsigned int frame_nr;
	unsigned int next;	/* the slot the next frame lands in */
};

/* Give socket fd a ring of about bytes for frames of up to mtu bytes of
 * payload; before the socket is bound, so that no frame lands in its
 * buffer instead.  0 or a negative errno. */
int pktring_setup(struct pktring *r, int fd, size_t mtu, size_t bytes);
void pktring_free(struct pktring *r);

/* The oldest frame not yet released, with its length; NULL when the
 * ring holds none.  A frame the slot cut short comes with length 0. */
const uint8_t *pktring_peek(struct pktring *r, size_t *len);
/* Hand the frame peek gave back to the kernel. */
void pktring_release(struct pktring *r);

#endif
