/* Rings as the hardware runs them.  The send queue is walked by owner
 * bit from the device's own consumer index (the doorbell carries no
 * count); the receive queue is gated by the counter in the QP's doorbell
 * record; CQEs and EQEs are written with the owner bit of their pass, and
 * a CQ whose update_ci says it is full overruns: a CQ-error event, and
 * the CQ takes no more. */
#include <string.h>
#include "cx.h"

#define OPC_SEND 0x0a
#define CQE_ERROR 0x1e
#define CQE_RECV_SEND 0x01
#define CQE_IS_SEND 0x40
#define CQE_CVLAN (1u << 29)
#define LKEY_END 0x100
#define SYN_LEN 0x01
#define SYN_QP_OP 0x02
#define SYN_PROT 0x04
#define SYN_FLUSH 0x05
#define EV_CQ_ERROR 0x04
#define MAX_FRAME 10240

/* The send queue is walked a varying few microseconds after its
 * doorbell (the hardware takes about one): soon enough to keep the
 * model's round trip near the device's, late enough that a driver
 * which rings before its WQE is complete is caught. */
void cx_send_doorbell(struct cx_dev *cx, uint32_t qpn)
{
	cx_schedule(cx, EV_SEND, 1 + cx_random(cx, 8), qpn);
}

void cx_eq_doorbell(struct cx_dev *cx, uint32_t eqn, uint32_t v)
{
	if (eqn < CX_MAX_EQS && cx->eq[eqn].hw)
		cx->eq[eqn].ci = v & 0xffffff;
}

void cx_event(struct cx_dev *cx, uint8_t type, uint8_t subtype,
	      const uint32_t data[6])
{
	for (int n = 0; n < CX_MAX_EQS; n++) {
		struct cx_eq *eq = &cx->eq[n];
		uint32_t size = 1u << eq->log_size;
		uint8_t *e;

		if (!eq->hw || !(cx->eq_mask[n] & (1ull << type)))
			continue;
		if (((eq->pi - eq->ci) & 0xffffff) >= size)
			return;		/* EQ overrun: the event is lost */
		e = cx_buf_ptr(cx, &eq->buf, (uint64_t)(eq->pi & (size - 1)) * 32,
			       32);
		if (!e)
			return;
		cx_put32(e, 0, (uint32_t)type << 16 | subtype);
		for (int i = 0; i < 6; i++)
			cx_put32(e, 4 + 4 * i, data[i]);
		cx_put32(e, 28, ((eq->pi >> eq->log_size) & 1) << 7);
		eq->pi = (eq->pi + 1) & 0xffffff;
		return;
	}
}

static void cq_overrun(struct cx_dev *cx, struct cx_cq *cq)
{
	uint32_t data[6] = { cq->num, 0, 1 };	/* syndrome 1: overrun */

	cq->error = true;
	cx->stats.cq_overruns++;
	cx_event(cx, EV_CQ_ERROR, 0, data);
}

bool cx_complete(struct cx_dev *cx, struct cx_qp *qp, bool send,
		 uint32_t byte_cnt, uint16_t wqe_counter, uint8_t opcode,
		 uint8_t syndrome, uint16_t vlan)
{
	struct cx_cq *cq = cx_cq_find(cx, send ? qp->cqn_snd : qp->cqn_rcv);
	const uint8_t *db;
	uint32_t size, ci;
	uint8_t *e;

	if (!cq || cq->error)
		return false;
	db = sim_dma(cq->db_rec, 4);
	if (!db) {
		cx->stats.dma_faults++;
		return false;
	}
	size = 1u << cq->log_size;
	ci = cx_be32(db, 0) & 0xffffff;
	if (((cq->pi - ci) & 0xffffff) >= size) {
		cq_overrun(cx, cq);
		return false;
	}
	if (opcode != CQE_ERROR && cx->fault.cqe_every &&
	    ++cx->ncompletions % cx->fault.cqe_every == 0) {
		opcode = CQE_ERROR;
		syndrome = SYN_FLUSH;
	}
	e = cx_buf_ptr(cx, &cq->buf, (uint64_t)(cq->pi & (size - 1)) * 32, 32);
	if (!e)
		return false;
	memset(e, 0, 31);
	cx_put32(e, 0, qp->num | (vlan ? CQE_CVLAN : 0));
	cx_put32(e, 12, (uint32_t)(vlan & 0xfff) << 16);
	cx_put32(e, 20, byte_cnt);
	if (opcode == CQE_ERROR) {
		cx->stats.error_cqes++;
		cx_put32(e, 24, (uint32_t)wqe_counter << 16 | syndrome);
	} else {
		cx_put32(e, 24, (uint32_t)wqe_counter << 16);
	}
	/* the owner byte goes last */
	e[31] = opcode | (send ? CQE_IS_SEND : 0) |
		(((cq->pi >> cq->log_size) & 1) << 7);
	cq->pi = (cq->pi + 1) & 0xffffff;
	return true;
}

/* Gather a send WQE's data segments into frame; its length, or a
 * negative syndrome. */
static int gather(struct cx_dev *cx, struct cx_qp *qp, uint64_t wqe,
		  unsigned int ds, uint8_t *frame)
{
	size_t len = 0;

	for (unsigned int s = 1; s < ds; s++) {
		const uint8_t *seg = cx_buf_ptr(cx, &qp->buf, wqe + s * 16, 16);
		uint32_t bc;
		const void *src;

		if (!seg)
			return -SYN_QP_OP;
		bc = cx_be32(seg, 0);
		if (bc & (1u << 31)) {
			/* inline data: the rest of the segment and beyond */
			bc &= 0x3ff;
			src = cx_buf_ptr(cx, &qp->buf, wqe + s * 16 + 4, bc);
			s += (4 + bc - 1) / 16;
		} else {
			src = cx_lkey_ptr(cx, cx_be32(seg, 4), qp->pd,
					  cx_be64(seg, 8), bc);
		}
		if (!src)
			return -SYN_PROT;
		if (len + bc > MAX_FRAME)
			return -SYN_LEN;
		memcpy(frame + len, src, bc);
		len += bc;
	}
	return len;
}

/* One send WQE; false when the QP stopped. */
static bool send_one(struct cx_dev *cx, struct cx_qp *qp, uint64_t wqe,
		     const uint8_t *ctrl)
{
	static uint8_t frame[MAX_FRAME];
	unsigned int ds = cx_be32(ctrl, 4) & 0x3f;
	bool signalled = (cx_be32(ctrl, 8) & 0xc) == 0xc;
	uint16_t count = qp->sq_ci & 0xffff;
	int len;

	if ((cx_be32(ctrl, 0) & 0x1f) != OPC_SEND || ds < 2 ||
	    ds * 16u > (1u << qp->sq_stride))
		len = -SYN_QP_OP;
	else
		len = gather(cx, qp, wqe, ds, frame);
	if (len >= 0 && len < 14)
		len = -SYN_LEN;
	qp->sq_ci++;
	if (len < 0) {
		cx_complete(cx, qp, true, 0, count, CQE_ERROR, -len, 0);
		qp->state = QP_ERR;
		return false;
	}
	if (cx->port[qp->port].kind == PORT_ETH)
		cx_port_transmit(cx, qp->port, frame, len);
	if (signalled)
		cx_complete(cx, qp, true, len, count, OPC_SEND, 0, 0);
	return true;
}

void cx_process_sq(struct cx_dev *cx, uint32_t qpn)
{
	struct cx_qp *qp = cx_qp_find(cx, qpn);

	if (!qp || qp->state != QP_RTS)
		return;
	for (uint32_t n = 0; n < (1u << qp->log_sq); n++) {
		uint32_t idx = qp->sq_ci, size = 1u << qp->log_sq;
		uint64_t wqe = qp->sq_off +
			       ((uint64_t)(idx & (size - 1)) << qp->sq_stride);
		const uint8_t *ctrl = cx_buf_ptr(cx, &qp->buf, wqe, 16);
		uint8_t c[16];

		if (!ctrl)
			return;
		memcpy(c, ctrl, 16);
		if ((cx_be32(c, 0) >> 31) != ((idx >> qp->log_sq) & 1))
			return;		/* not the driver's yet */
		if (!send_one(cx, qp, wqe, c))
			return;
	}
}

/* Scatter a received frame over one receive WQE; bytes written, or a
 * negative syndrome. */
static int scatter(struct cx_dev *cx, struct cx_qp *qp, uint64_t wqe,
		   const uint8_t *frame, size_t len)
{
	size_t done = 0;

	for (unsigned int s = 0; s < (1u << qp->rq_stride) / 16; s++) {
		const uint8_t *seg = cx_buf_ptr(cx, &qp->buf, wqe + s * 16, 16);
		uint32_t bc, lkey, take;
		void *dst;

		if (!seg)
			return -SYN_QP_OP;
		bc = cx_be32(seg, 0) & 0x7fffffff;
		lkey = cx_be32(seg, 4);
		if (lkey == LKEY_END)
			break;
		take = len - done < bc ? len - done : bc;
		if (!take)
			continue;
		dst = cx_lkey_ptr(cx, lkey, qp->pd, cx_be64(seg, 8), take);
		if (!dst)
			return -SYN_PROT;
		memcpy(dst, frame + done, take);
		done += take;
	}
	return done < len ? -SYN_LEN : (int)done;
}

void cx_receive(struct cx_dev *cx, struct cx_qp *qp, const uint8_t *frame,
		size_t len)
{
	static uint8_t untagged[MAX_FRAME];
	struct cx_port *port = &cx->port[qp->port];
	uint32_t size = 1u << qp->log_rq;
	const uint8_t *db;
	uint16_t vlan = 0;
	uint64_t wqe;
	int n;

	if (qp->state != QP_RTR && qp->state != QP_RTS)
		return;
	db = sim_dma(qp->db_rec, 4);
	if (!db) {
		cx->stats.dma_faults++;
		return;
	}
	if ((uint16_t)(cx_be32(db, 0) - qp->rq_ci) == 0) {
		port->rx_dropped++;	/* no receive WQE posted */
		return;
	}
	if (qp->strip_vlan && len >= 18 && frame[12] == 0x81 &&
	    frame[13] == 0x00 && len <= MAX_FRAME) {
		vlan = (frame[14] << 8 | frame[15]) & 0xfff;
		vlan = vlan ? vlan : 0x1000;	/* priority tag: still present */
		memcpy(untagged, frame, 12);
		memcpy(untagged + 12, frame + 16, len - 16);
		frame = untagged;
		len -= 4;
	}
	wqe = qp->rq_off + ((uint64_t)(qp->rq_ci & (size - 1)) << qp->rq_stride);
	n = scatter(cx, qp, wqe, frame, len);
	if (n < 0) {
		cx_complete(cx, qp, false, 0, qp->rq_ci, CQE_ERROR, -n, 0);
		qp->state = QP_ERR;
	} else {
		cx_complete(cx, qp, false, n, qp->rq_ci, CQE_RECV_SEND, 0,
			    vlan);
		port->rx_frames++;
	}
	qp->rq_ci++;
}
