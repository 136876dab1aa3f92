/* The UDP calls.  PXE has one UDP "connection" that sends from any
 * port and receives for any: each port the NBP sends from or reads on
 * is bound here, and what arrives waits in one queue until a read
 * whose filter (destination address and port) it passes.  NBPs such as
 * pxelinux take a new port for every TFTP transfer and never say when
 * they are done with one: when all are bound, the port used longest
 * ago goes. */
#include <errno.h>
#include <string.h>
#include <byteswap.h>
#include <cxboot/process.h>
#include <net/udp.h>
#include "pxe_call.h"

#define PXE_UDP_PORTS 8
#define PXE_UDP_QUEUE 32

/* What a queued datagram carries in front of its payload. */
struct pxe_udp_meta {
	struct in_addr src, dest;
	uint16_t sport, dport;        /* host order */
};

static struct {
	bool open;
	struct udp_conn conns[PXE_UDP_PORTS];   /* local_port 0: unused */
	unsigned long last_use[PXE_UDP_PORTS];
	unsigned long uses;
	struct list_head queue;
	unsigned int queued;
} pxe_udp;

static void pxe_udp_rx(struct udp_conn *conn __unused,
		       struct io_buffer *iob, const struct udp_rx_info *info)
{
	struct pxe_udp_meta meta = {
		.src = info->src, .dest = info->dest,
		.sport = info->sport, .dport = info->dport,
	};

	if (pxe_udp.queued >= PXE_UDP_QUEUE ||
	    iob_headroom(iob) < sizeof(meta)) {
		free_iob(iob);
		return;
	}
	/* The headroom need not be aligned for it. */
	memcpy(iob_push(iob, sizeof(meta)), &meta, sizeof(meta));
	list_add_tail(&iob->list, &pxe_udp.queue);
	pxe_udp.queued++;
}

/* Forget port slot i and what waits for it. */
static void pxe_udp_unbind(unsigned int i)
{
	struct io_buffer *iob, *tmp;
	struct pxe_udp_meta meta;

	list_for_each_entry_safe(iob, tmp, &pxe_udp.queue, list) {
		memcpy(&meta, iob->data, sizeof(meta));
		if (meta.dport != pxe_udp.conns[i].local_port)
			continue;
		list_del(&iob->list);
		free_iob(iob);
		pxe_udp.queued--;
	}
	udp_close(&pxe_udp.conns[i]);
	pxe_udp.conns[i].local_port = 0;
	pxe_udp.last_use[i] = 0;
}

/* The connection bound to port (host order), bound now if need be. */
static struct udp_conn *pxe_udp_bind(uint16_t port)
{
	unsigned int i, pick = 0;

	/* A free slot's last use is 0: it goes first. */
	for (i = 0; i < PXE_UDP_PORTS; i++) {
		if (pxe_udp.conns[i].local_port == port) {
			pxe_udp.last_use[i] = ++pxe_udp.uses;
			return &pxe_udp.conns[i];
		}
		if (pxe_udp.last_use[i] < pxe_udp.last_use[pick])
			pick = i;
	}
	if (pxe_udp.conns[pick].local_port)
		pxe_udp_unbind(pick);
	if (udp_open(&pxe_udp.conns[pick], port, pxe_udp_rx) != 0)
		return NULL;
	pxe_udp.last_use[pick] = ++pxe_udp.uses;
	return &pxe_udp.conns[pick];
}

void pxe_udp_shutdown(void)
{
	struct io_buffer *iob, *tmp;
	unsigned int i;

	for (i = 0; i < PXE_UDP_PORTS; i++) {
		if (pxe_udp.conns[i].local_port)
			udp_close(&pxe_udp.conns[i]);
		pxe_udp.conns[i].local_port = 0;
		pxe_udp.last_use[i] = 0;
	}
	if (pxe_udp.open) {
		list_for_each_entry_safe(iob, tmp, &pxe_udp.queue, list) {
			list_del(&iob->list);
			free_iob(iob);
		}
	}
	pxe_udp.queued = 0;
	pxe_udp.open = false;
}

static uint16_t pxenv_udp_open(void *params __unused)
{
	/* The source address is the device's, as DHCP configured it. */
	if (!pxe_udp.open) {
		INIT_LIST_HEAD(&pxe_udp.queue);
		pxe_udp.open = true;
	}
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_udp_close(void *params __unused)
{
	pxe_udp_shutdown();
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_udp_write(void *params)
{
	struct s_PXENV_UDP_WRITE *p = params;
	struct in_addr dest = { .s_addr = p->ip };
	uint16_t sport = p->src_port ? ntohs(p->src_port) :
				       PXE_UDP_DEFAULT_SRC_PORT;
	struct udp_conn *conn;
	struct io_buffer *iob;

	if (!pxe_udp.open)
		return PXENV_STATUS_UDP_CLOSED;
	conn = pxe_udp_bind(sport);
	if (!conn)
		return PXENV_STATUS_UDP_OPEN;
	iob = udp_alloc_iob(p->buffer_size);
	if (!iob)
		return PXENV_STATUS_OUT_OF_RESOURCES;
	memcpy(iob_put(iob, p->buffer_size),
	       real_to_virt(p->buffer.segment, p->buffer.offset),
	       p->buffer_size);
	/* The gateway field is ignored: the routing table knows better. */
	return pxe_status(udp_tx(conn, iob, dest, ntohs(p->dst_port), NULL));
}

static bool pxe_udp_match(const struct pxe_udp_meta *meta,
			  const struct s_PXENV_UDP_READ *p)
{
	return (!p->dest_ip || p->dest_ip == meta->dest.s_addr) &&
	       (!p->d_port || ntohs(p->d_port) == meta->dport);
}

static uint16_t pxenv_udp_read(void *params)
{
	struct s_PXENV_UDP_READ *p = params;
	struct pxe_udp_meta meta;
	struct io_buffer *iob;
	size_t len;

	if (!pxe_udp.open)
		return PXENV_STATUS_UDP_CLOSED;
	if (p->d_port && !pxe_udp_bind(ntohs(p->d_port)))
		return PXENV_STATUS_UDP_OPEN;
	step();
	list_for_each_entry(iob, &pxe_udp.queue, list) {
		memcpy(&meta, iob->data, sizeof(meta));
		if (!pxe_udp_match(&meta, p))
			continue;
		list_del(&iob->list);
		pxe_udp.queued--;
		iob_pull(iob, sizeof(meta));
		len = MIN(iob_len(iob), (size_t)p->buffer_size);
		memcpy(real_to_virt(p->buffer.segment, p->buffer.offset),
		       iob->data, len);
		free_iob(iob);
		p->buffer_size = len;
		p->src_ip = meta.src.s_addr;
		p->dest_ip = meta.dest.s_addr;
		p->s_port = htons(meta.sport);
		p->d_port = htons(meta.dport);
		return PXENV_STATUS_SUCCESS;
	}
	/* Nothing yet: the NBP polls again. */
	return PXENV_STATUS_FAILURE;
}

PXE_CALLS(pxe_udp_calls) = {
	{ PXENV_UDP_OPEN, pxenv_udp_open },
	{ PXENV_UDP_CLOSE, pxenv_udp_close },
	{ PXENV_UDP_WRITE, pxenv_udp_write },
	{ PXENV_UDP_READ, pxenv_udp_read },
};
