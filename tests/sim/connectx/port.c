/* The adapter's two ports.  An Ethernet port is bridged to a host
 * interface through a raw packet socket: frames the driver sends go out
 * there; frames from there arrive at the port's line rate and land in the
 * QP that the driver's steering (MCG entries, SET_PORT MAC table and
 * promiscuous QPs) picks, else they are dropped.  Port commands:
 * QUERY_PORT, SENSE_PORT, SET_PORT, INIT_PORT, CLOSE_PORT and the MCG
 * table (READ_MCG, WRITE_MCG, MGID_HASH). */
#include <string.h>
#include <byteswap.h>
#include "linux_api.h"
#include "pktring.h"
#include "cx.h"

#define EV_PORT_CHANGE 0x09
#define PORT_ACTIVE 4
#define PORT_DOWN 1
#define MCG_MEMBERS ((SZ_MCG - 0x20) / 4)
#define MAC_TABLE 128
#define MAX_RX 10240
/* The wire: frames are read in place from the socket's receive ring,
 * a system call neither per frame nor per look at an empty wire (the
 * model is polled on every register access: a call each time would be
 * the model's cost, not the driver's). */
#define WIRE_RING_BYTES (2 * 1024 * 1024)

static struct cx_port *port_of(struct cx_dev *cx, uint32_t n)
{
	return n >= 1 && n <= 2 && cx->port[n].kind != PORT_NONE ?
	       &cx->port[n] : NULL;
}

int cx_port_open(struct cx_port *p)
{
	struct linux_sockaddr_ll sll;
	struct linux_packet_mreq mr;
	struct linux_ifreq ifr;
	int one = 1;

	/* Protocol 0: nothing is received until the bind below. */
	p->fd = linux_socket(AF_PACKET, SOCK_RAW, 0);
	if (p->fd < 0)
		return p->fd;
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, p->ifname, sizeof(ifr.ifr_name) - 1);
	if (linux_ioctl(p->fd, SIOCGIFINDEX, &ifr) < 0)
		goto fail;
	p->ifindex = ifr.ifindex;
	if (pktring_setup(&p->wire, p->fd, MAX_RX, WIRE_RING_BYTES) < 0)
		goto fail;
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = p->ifindex;
	if (linux_bind(p->fd, &sll, sizeof(sll)) < 0)
		goto fail;
	memset(&mr, 0, sizeof(mr));
	mr.mr_ifindex = p->ifindex;
	mr.mr_type = PACKET_MR_PROMISC;
	linux_setsockopt(p->fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr,
			 sizeof(mr));
	linux_setsockopt(p->fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one,
			 sizeof(one));
	return 0;
fail:
	pktring_free(&p->wire);
	linux_close(p->fd);
	p->fd = -1;
	return -1;
}

/* Port state that a reset wipes; the host side (socket, MAC) stays. */
void cx_port_reset(struct cx_dev *cx)
{
	for (int n = 1; n <= 2; n++) {
		struct cx_port *p = &cx->port[n];

		p->up = p->link = false;
		p->link_at = p->sense_at = 0;
		p->base_qpn = 0;
		p->promisc = false;
		p->mtu = 0;
		memset(p->macs, 0, sizeof(p->macs));
		p->promisc_qpn = p->mc_qpn = 0;
		p->mc_mode = 0;
	}
}

void cx_port_transmit(struct cx_dev *cx, unsigned int n, const uint8_t *frame,
		      size_t len)
{
	struct cx_port *p = &cx->port[n];
	uint8_t padded[60];

	if (!p->up || p->fd < 0)
		return;
	if (len < sizeof(padded)) {
		memset(padded, 0, sizeof(padded));
		memcpy(padded, frame, len);
		frame = padded;
		len = sizeof(padded);
	}
	linux_sendto(p->fd, frame, len, 0);
	p->tx_frames++;
}

void cx_port_link_event(struct cx_dev *cx, unsigned int n)
{
	struct cx_port *p = &cx->port[n];
	uint32_t data[6] = { 0, 0, n << 28 };

	p->link_at = 0;
	if (!p->up || p->link || cx->fault.nolink[n])
		return;
	p->link = true;
	cx_event(cx, EV_PORT_CHANGE, PORT_ACTIVE, data);
}

/* MCG steering */

static uint32_t mgid_hash(struct cx_dev *cx, const uint8_t *gid)
{
	uint32_t h = 0;

	for (int i = 0; i < 16; i++)
		h = h * 31 + gid[i];
	return h & ((1u << cx->hca.log_mc_hash) - 1);
}

static uint8_t *mcg_entry(struct cx_dev *cx, uint32_t idx)
{
	if (idx >> cx->hca.log_mc_table)
		return NULL;
	return cx_icm(cx, cx->hca.mc + (uint64_t)idx * SZ_MCG, SZ_MCG);
}

/* Deliver to every member of the entry matching gid; how many. */
static int mcg_deliver(struct cx_dev *cx, unsigned int port,
		       const uint8_t *gid, const uint8_t *frame, size_t len)
{
	uint32_t idx = mgid_hash(cx, gid);
	int delivered = 0;

	for (int hops = 0; hops < 1 << 16; hops++) {
		const uint8_t *e = mcg_entry(cx, idx);

		if (!e)
			return delivered;
		if (memcmp(e + 0x10, gid, 16) == 0) {
			uint32_t count = cx_be32(e, 4) & 0xffffff;

			for (uint32_t m = 0; m < count && m < MCG_MEMBERS; m++) {
				struct cx_qp *qp = cx_qp_find(cx,
					cx_be32(e, 0x20 + 4 * m) & 0xffffff);

				if (qp && qp->port == port) {
					cx_receive(cx, qp, frame, len);
					delivered++;
				}
			}
			return delivered;
		}
		idx = cx_be32(e, 0) >> 6;
		if (!idx)
			return delivered;
	}
	return delivered;
}

static bool deliver_to(struct cx_dev *cx, uint32_t qpn, const uint8_t *frame,
		       size_t len)
{
	struct cx_qp *qp = cx_qp_find(cx, qpn);

	if (!qp)
		return false;
	cx_receive(cx, qp, frame, len);
	return true;
}

static void steer(struct cx_dev *cx, unsigned int n, const uint8_t *frame,
		  size_t len)
{
	struct cx_port *p = &cx->port[n];
	bool mc = frame[0] & 1;
	uint8_t gid[16] = { 0 };

	gid[5] = n;
	gid[7] = mc ? 0 : 2;
	memcpy(gid + 10, frame, 6);
	if (cx->hca.log_mc_table && mcg_deliver(cx, n, gid, frame, len))
		return;
	if (!mc) {
		uint64_t mac = 0;

		for (int i = 0; i < 6; i++)
			mac = mac << 8 | frame[i];
		for (int i = 0; i < MAC_TABLE; i++) {
			if (p->macs[i] == (mac | 1ull << 63) &&
			    deliver_to(cx, p->base_qpn + i, frame, len))
				return;
		}
		if (p->promisc && deliver_to(cx, p->promisc_qpn, frame, len))
			return;
	} else if (p->mc_mode && deliver_to(cx, p->mc_qpn, frame, len)) {
		return;
	}
	p->rx_filtered++;
}

/* The next frame on port p's wire: in place from the socket's ring, or
 * read into a buffer when the wire is some other datagram socket (as
 * in the model's own tests); NULL when none is waiting.  wire_done()
 * ends its use. */
static const uint8_t *wire_next(struct cx_port *p, size_t *len)
{
	static uint8_t frame[MAX_RX];
	long n;

	if (p->wire.ring)
		return pktring_peek(&p->wire, len);
	n = linux_recvfrom(p->fd, frame, sizeof(frame), MSG_DONTWAIT, 0, 0);
	if (n < 0)
		return NULL;
	*len = n;
	return frame;
}

static void wire_done(struct cx_port *p)
{
	if (p->wire.ring)
		pktring_release(&p->wire);
}

bool cx_port_poll(struct cx_dev *cx, uint64_t now)
{
	bool busy = false;

	for (int n = 1; n <= 2; n++) {
		struct cx_port *p = &cx->port[n];

		if (p->link_at && p->link_at <= now)
			cx_port_link_event(cx, n);
		if (p->fd < 0)
			continue;
		/* the wire delivers one frame per frame time (in ns) */
		if (p->next_rx < now * 1000)
			p->next_rx = now * 1000;
		while (p->next_rx <= now * 1000) {
			const uint8_t *frame;
			size_t len;

			frame = wire_next(p, &len);
			if (!frame)
				break;
			busy = true;
			p->next_rx += ((uint64_t)len + 20) * 8 * 1000 /
				      p->rate_mbps;
			if (p->link && len >= 14)
				steer(cx, n, frame, len);
			wire_done(p);
		}
	}
	return busy;
}

/* Commands */

static int query_port(struct cx_cmd *c, struct cx_port *p)
{
	uint8_t *o = cx_outbox(c, 0x100);
	uint64_t mac = 0;
	uint32_t dw0 = 0;

	for (int i = 0; i < 6; i++)
		mac = mac << 8 | p->mac[i];
	if (p->link)
		dw0 |= 1u << 31;
	if (p->kind == PORT_ETH || p->kind == PORT_AUTO)
		dw0 |= 1u << 25 | 1u << 27;	/* Ethernet, default type */
	if (p->kind == PORT_IB || p->kind == PORT_AUTO)
		dw0 |= 1u << 24;
	cx_put32(o, 0x00, dw0 | 0x40);	/* 10 Gb/s link speed class */
	cx_put32(o, 0x04, 9600);	/* maximum Ethernet MTU */
	cx_put64(o, 0x10, mac);
	cx_put64(o, 0x28, mac);		/* factory MAC */
	return CX_OK;
}

static int sense_port(struct cx_cmd *c, struct cx_port *p)
{
	struct cx_dev *cx = c->cx;
	uint32_t type = 0;

	if (p->kind == PORT_ETH)
		type = 2;
	else if (p->kind == PORT_IB)
		type = 1;
	else if (!cx->fault.nosense) {
		if (!p->sense_at)
			p->sense_at = sim_usecs() + 100000 +
				      cx_random(cx, 100000);
		if (sim_usecs() >= p->sense_at)
			type = 2;
	}
	c->out_imm = type;
	c->has_out_imm = true;
	return CX_OK;
}

static int set_port(struct cx_cmd *c, struct cx_port *p)
{
	unsigned int what = c->inmod & 0xff00;
	const uint8_t *in;
	int rc;

	if (c->opmod > 1 && c->opmod != 4)
		return CX_BAD_OP;
	rc = cx_inbox(c, MAC_TABLE * 8);
	if (rc)
		return rc;
	in = c->inbox;
	if (c->opmod != 1)
		return CX_OK;	/* IB port settings and beacon */
	switch (what) {
	case 0x000:
		p->mtu = cx_be32(in, 4) & 0xffff;
		if (p->mtu > 9600 + 22)
			return CX_BAD_PARAM;
		return CX_OK;
	case 0x100:
		p->base_qpn = cx_be32(in, 0) & 0xffffff;
		p->promisc = cx_be32(in, 0x14) >> 31;
		p->promisc_qpn = cx_be32(in, 0x14) & 0xffffff;
		p->mc_mode = cx_be32(in, 0x18) >> 30;
		p->mc_qpn = cx_be32(in, 0x18) & 0xffffff;
		return CX_OK;
	case 0x200:
		for (int i = 0; i < MAC_TABLE; i++)
			p->macs[i] = cx_be64(in, 8 * i);
		return CX_OK;
	}
	return CX_BAD_PARAM;
}

static int mcg_cmd(struct cx_cmd *c)
{
	struct cx_dev *cx = c->cx;
	uint8_t *e;
	int rc;

	if (c->op == OP_MGID_HASH) {
		if (c->opmod > 1)
			return CX_BAD_OP;
		rc = cx_inbox(c, 16);
		if (rc)
			return rc;
		c->out_imm = mgid_hash(cx, c->inbox);
		c->has_out_imm = true;
		return CX_OK;
	}
	e = mcg_entry(cx, c->inmod);
	if (!e)
		return c->inmod >> cx->hca.log_mc_table ? CX_BAD_INDEX :
							  CX_ICM_ERROR;
	if (c->op == OP_READ_MCG) {
		memcpy(cx_outbox(c, SZ_MCG), e, SZ_MCG);
		return CX_OK;
	}
	if (c->opmod > 1)
		return CX_BAD_OP;
	rc = cx_inbox(c, SZ_MCG);
	if (rc)
		return rc;
	if ((cx_be32(c->inbox, 0) & 0x3f) || cx_be64(c->inbox, 8) ||
	    (cx_be32(c->inbox, 4) & 0xffffff) > MCG_MEMBERS)
		return CX_BAD_PARAM;
	memcpy(e, c->inbox, SZ_MCG);
	return CX_OK;
}

int cx_cmd_port(struct cx_cmd *c)
{
	struct cx_dev *cx = c->cx;
	struct cx_port *p = port_of(cx, c->inmod & 0xff);

	if (cx->stage == ST_RESET ||
	    (cx->stage != ST_HCA && c->op != OP_QUERY_PORT))
		return CX_BAD_SYS_STATE;
	switch (c->op) {
	case OP_READ_MCG: case OP_WRITE_MCG: case OP_MGID_HASH:
		return mcg_cmd(c);
	}
	if (!p)
		return CX_BAD_PARAM;
	switch (c->op) {
	case OP_QUERY_PORT:
		return query_port(c, p);
	case OP_SENSE_PORT:
		return sense_port(c, p);
	case OP_SET_PORT:
		return set_port(c, p);
	case OP_INIT_PORT:
		if (p->up)
			return CX_BAD_RES_STATE;
		p->up = true;
		if (p->kind != PORT_IB && !cx->fault.nolink[c->inmod])
			p->link_at = sim_usecs() + 100 + cx_random(cx, 2000);
		return CX_OK;
	case OP_CLOSE_PORT:
		if (!p->up)
			return CX_BAD_RES_STATE;
		p->up = p->link = false;
		p->link_at = 0;
		return CX_OK;
	case OP_MAD_IFC:
		/* the InfiniBand fabric is not modelled yet */
		return p->kind == PORT_IB ? CX_BAD_SYS_STATE : CX_BAD_PARAM;
	}
	return CX_BAD_OP;
}
