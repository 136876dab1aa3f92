/* A raw packet socket's receive ring (see pktring.h). */
#include <errno.h>
#include <string.h>
#include <cxboot/compiler.h>
#include "linux_api.h"
#include "pktring.h"

#define RING_BLOCK (64 * 1024)

/* A slot holds its head, the link header (the network header 16-byte
 * aligned after the head) and the largest packet, VLAN tag included. */
int pktring_setup(struct pktring *r, int fd, size_t mtu, size_t bytes)
{
	struct linux_tpacket_req req;
	int version = TPACKET_V2, rc;
	size_t need = ((TPACKET2_HDRLEN + 16 + 15) & ~15) + 4 + mtu;
	void *ring;

	memset(r, 0, sizeof(*r));
	r->frame_size = 2048;
	while (r->frame_size < need)
		r->frame_size *= 2;
	req.frame_size = r->frame_size;
	req.block_size = MAX(r->frame_size, (size_t)RING_BLOCK);
	req.block_nr = MAX(bytes / req.block_size, (size_t)1);
	req.frame_nr = req.block_nr * (req.block_size / req.frame_size);
	rc = linux_setsockopt(fd, SOL_PACKET, PACKET_VERSION, &version,
			      sizeof(version));
	if (!rc)
		rc = linux_setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req,
				      sizeof(req));
	if (rc)
		return rc;
	ring = linux_mmap(0, (size_t)req.block_size * req.block_nr,
			  PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if ((long)ring < 0 && (long)ring > -4096)
		return (long)ring;
	r->ring = ring;
	r->frame_nr = req.frame_nr;
	return 0;
}

void pktring_free(struct pktring *r)
{
	if (r->ring)
		linux_munmap(r->ring, r->frame_size * r->frame_nr);
	r->ring = NULL;
}

static struct linux_tpacket2_hdr *slot(struct pktring *r)
{
	return (void *)(r->ring + r->next * r->frame_size);
}

const uint8_t *pktring_peek(struct pktring *r, size_t *len)
{
	struct linux_tpacket2_hdr *hdr = slot(r);

	if (!r->ring || !(__atomic_load_n(&hdr->tp_status, __ATOMIC_ACQUIRE) &
			  TP_STATUS_USER))
		return NULL;
	*len = hdr->tp_snaplen == hdr->tp_len ? hdr->tp_snaplen : 0;
	return (const uint8_t *)hdr + hdr->tp_mac;
}

void pktring_release(struct pktring *r)
{
	__atomic_store_n(&slot(r)->tp_status, TP_STATUS_KERNEL,
			 __ATOMIC_RELEASE);
	r->next = (r->next + 1) % r->frame_nr;
}
