/* Context commands: MPT, MTT, EQ and CQ ownership (SW2HW/HW2SW), and the
 * QP state machine.  A context must lie in mapped ICM (else ICM_ERROR),
 * its index inside the table INIT_HCA sized and outside the firmware's
 * reserved range (else BAD_INDEX); the context is written into ICM as
 * the hardware keeps it there. */
#include <string.h>
#include "cx.h"

#define QPC_OFF 8			/* QPC within the transition mailbox */
#define mbx32(in, dw) cx_be32(in, (dw) * 4)

/* Copy a context into its ICM slot; a status. */
static int icm_store(struct cx_dev *cx, uint64_t va, const uint8_t *ctx,
		     size_t len)
{
	void *p = cx_icm(cx, va, len);

	if (!p)
		return CX_ICM_ERROR;
	memcpy(p, ctx, len);
	return CX_OK;
}

struct cx_mpt *cx_mpt_find(struct cx_dev *cx, uint32_t idx)
{
	for (int i = 0; i < CX_MAX_MPTS; i++) {
		if (cx->mpt[i].hw && cx->mpt[i].idx == idx)
			return &cx->mpt[i];
	}
	return NULL;
}

struct cx_cq *cx_cq_find(struct cx_dev *cx, uint32_t cqn)
{
	for (int i = 0; i < CX_MAX_CQS; i++) {
		if (cx->cq[i].hw && cx->cq[i].num == cqn)
			return &cx->cq[i];
	}
	return NULL;
}

struct cx_qp *cx_qp_find(struct cx_dev *cx, uint32_t qpn)
{
	for (int i = 0; i < CX_MAX_QPS; i++) {
		if (cx->qp[i].state != QP_RST && cx->qp[i].num == qpn)
			return &cx->qp[i];
	}
	return NULL;
}

static int sw2hw_mpt(struct cx_cmd *c)
{
	struct cx_dev *cx = c->cx;
	uint32_t idx = c->inmod;
	struct cx_mpt *m = NULL;
	const uint8_t *in;
	int rc;

	if (idx >> cx->hca.log_mpt || idx < (1u << cx->log_rsvd_mrws))
		return CX_BAD_INDEX;
	if (cx_mpt_find(cx, idx))
		return CX_BAD_RES_STATE;
	for (int i = 0; i < CX_MAX_MPTS && !m; i++)
		m = cx->mpt[i].hw ? NULL : &cx->mpt[i];
	if (!m)
		return CX_EXCEED_LIM;
	rc = cx_inbox(c, SZ_DMPT);
	if (rc)
		return rc;
	in = c->inbox;
	/* status must say "hardware owns"; lkey must be 0 */
	if (in[0] >> 4 || cx_be32(in, 0x20))
		return CX_BAD_PARAM;
	if (!(cx_be32(in, 0x00) & (1u << 9)) &&
	    ((cx_be32(in, 0x38) & 0x1fffff) < 9 ||
	     (cx_be32(in, 0x38) & 0x1fffff) > 31))
		return CX_BAD_PARAM;	/* pages of 512 B to 2 GiB */
	rc = icm_store(cx, cx->hca.dmpt + (uint64_t)idx * SZ_DMPT, in, SZ_DMPT);
	if (rc)
		return rc;
	memset(m, 0, sizeof(*m));
	m->idx = idx;
	m->flags = cx_be32(in, 0x00);
	m->physical = m->flags & (1u << 9);
	m->key = cx_be32(in, 0x08);
	m->pd = cx_be32(in, 0x0c) & 0xffffff;
	m->start = cx_be64(in, 0x10);
	m->len = cx_be64(in, 0x18);
	m->len64 = cx_be32(in, 0x28) & (1u << 22);
	m->mtt_off = ((uint64_t)(cx_be32(in, 0x2c) & 0xff) << 32 |
		      cx_be32(in, 0x30)) & ~7ull;
	m->log_page = cx_be32(in, 0x38) & 0x1f;
	m->hw = true;
	return CX_OK;
}

static int write_mtt(struct cx_cmd *c)
{
	struct cx_dev *cx = c->cx;
	uint32_t n = c->inmod;
	uint64_t off;
	int rc;

	if (n == 0 || n > (CX_MAILBOX - 16) / SZ_MTT)
		return CX_BAD_PARAM;
	rc = cx_inbox(c, 16 + n * SZ_MTT);
	if (rc)
		return rc;
	off = cx_be64(c->inbox, 0);
	if ((off & 7) || cx_be64(c->inbox, 8))
		return CX_BAD_PARAM;
	if (off / SZ_MTT < (1u << cx->log_rsvd_mtts))
		return CX_BAD_INDEX;
	for (uint32_t i = 0; i < n; i++) {
		if (cx_be64(c->inbox, 16 + i * SZ_MTT) & 6)
			return CX_BAD_PARAM;
		if (!cx_icm(cx, cx->hca.mtt + off + i * SZ_MTT, SZ_MTT))
			return CX_ICM_ERROR;
	}
	for (uint32_t i = 0; i < n; i++)
		memcpy(cx_icm(cx, cx->hca.mtt + off + i * SZ_MTT, SZ_MTT),
		       c->inbox + 16 + i * SZ_MTT, SZ_MTT);
	return CX_OK;
}

/* The buffer fields common to EQ and CQ contexts. */
static void ctx_buf(const uint8_t *ctx, struct cx_buf *b)
{
	b->log_page = 12 + (ctx[0x18] & 0x3f);
	b->page_offset = cx_be32(ctx, 0x08) & 0xfe0;
	b->mtt_off = ((uint64_t)ctx[0x1b] << 32 | cx_be32(ctx, 0x1c)) & ~7ull;
}

static int sw2hw_eq(struct cx_cmd *c)
{
	struct cx_dev *cx = c->cx;
	uint32_t eqn = c->inmod;
	struct cx_eq *eq;
	int rc;

	if (eqn >> cx->hca.log_eq || eqn < cx->rsvd_eqs || eqn >= CX_MAX_EQS)
		return CX_BAD_INDEX;
	eq = &cx->eq[eqn];
	if (eq->hw)
		return CX_BAD_RES_STATE;
	rc = cx_inbox(c, SZ_EQC);
	if (rc)
		return rc;
	if (cx_be32(c->inbox, 0) >> 28 || cx_be32(c->inbox, 0x20))
		return CX_BAD_PARAM;
	rc = icm_store(cx, cx->hca.eqc + (uint64_t)eqn * SZ_EQC, c->inbox,
		       SZ_EQC);
	if (rc)
		return rc;
	memset(eq, 0, sizeof(*eq));
	memcpy(eq->ctx, c->inbox, SZ_EQC);
	eq->num = eqn;
	eq->log_size = (cx_be32(c->inbox, 0x0c) >> 24) & 0x1f;
	ctx_buf(c->inbox, &eq->buf);
	eq->ci = cx_be32(c->inbox, 0x28) & 0xffffff;
	eq->pi = cx_be32(c->inbox, 0x2c) & 0xffffff;
	eq->hw = true;
	return CX_OK;
}

static int sw2hw_cq(struct cx_cmd *c)
{
	struct cx_dev *cx = c->cx;
	uint32_t cqn = c->inmod;
	struct cx_cq *cq = NULL;
	const uint8_t *in;
	int rc;

	if (cqn >> cx->hca.log_cq || cqn < (1u << cx->log_rsvd_cqs))
		return CX_BAD_INDEX;
	if (cx_cq_find(cx, cqn))
		return CX_BAD_RES_STATE;
	for (int i = 0; i < CX_MAX_CQS && !cq; i++)
		cq = cx->cq[i].hw ? NULL : &cx->cq[i];
	if (!cq)
		return CX_EXCEED_LIM;
	rc = cx_inbox(c, SZ_CQC);
	if (rc)
		return rc;
	in = c->inbox;
	if (cx_be32(in, 0x04) || (cx_be32(in, 0x08) & ~0xfe0u) ||
	    (cx_be64(in, 0x38) & 7) ||
	    (cx_be32(in, 0x0c) & 0xffffff) >> cx->hca.log_uars ||
	    (cx_be32(in, 0x14) & 0x1ff) >> cx->hca.log_eq)
		return CX_BAD_PARAM;
	rc = icm_store(cx, cx->hca.cqc + (uint64_t)cqn * SZ_CQC, in, SZ_CQC);
	if (rc)
		return rc;
	memset(cq, 0, sizeof(*cq));
	memcpy(cq->ctx, in, SZ_CQC);
	cq->num = cqn;
	cq->log_size = (cx_be32(in, 0x0c) >> 24) & 0x1f;
	ctx_buf(in, &cq->buf);
	cq->eqn = cx_be32(in, 0x14) & 0x1ff;
	cq->pi = cx_be32(in, 0x2c) & 0xffffff;
	cq->db_rec = cx_be64(in, 0x38);
	cq->hw = true;
	return CX_OK;
}

/* HW2SW and QUERY of an EQ or CQ: the context goes to the output mailbox
 * when the driver gave one. */
static int give_back(struct cx_cmd *c, const uint8_t *ctx, size_t len)
{
	if (c->out)
		memcpy(cx_outbox(c, len), ctx, len);
	return CX_OK;
}

int cx_cmd_ctx(struct cx_cmd *c)
{
	struct cx_dev *cx = c->cx;
	struct cx_mpt *m;
	struct cx_cq *cq;
	struct cx_eq *eq = c->inmod < CX_MAX_EQS ? &cx->eq[c->inmod] : NULL;

	if (cx->stage != ST_HCA)
		return CX_BAD_SYS_STATE;
	switch (c->op) {
	case OP_SW2HW_MPT:
		return sw2hw_mpt(c);
	case OP_HW2SW_MPT:
		m = cx_mpt_find(cx, c->inmod);
		if (!m)
			return CX_BAD_RES_STATE;
		m->hw = false;
		return CX_OK;
	case OP_WRITE_MTT:
		return write_mtt(c);
	case OP_SW2HW_EQ:
		return sw2hw_eq(c);
	case OP_MAP_EQ:
		eq = (c->inmod & 0x3ff) < CX_MAX_EQS ?
		     &cx->eq[c->inmod & 0x3ff] : NULL;
		if (!eq || !eq->hw)
			return CX_BAD_RES_STATE;
		if (c->inmod & 0x7ffffc00)
			return CX_BAD_PARAM;
		cx->eq_mask[eq->num] = (c->inmod >> 31) ? 0 : c->in;
		return CX_OK;
	case OP_HW2SW_EQ:
	case OP_QUERY_EQ:
		if (!eq || !eq->hw)
			return CX_BAD_RES_STATE;
		if (c->op == OP_HW2SW_EQ) {
			eq->hw = false;
			cx->eq_mask[eq->num] = 0;
		}
		cx_put32(eq->ctx, 0x28, eq->ci);
		cx_put32(eq->ctx, 0x2c, eq->pi);
		return give_back(c, eq->ctx, SZ_EQC);
	case OP_SW2HW_CQ:
		return sw2hw_cq(c);
	case OP_HW2SW_CQ:
	case OP_QUERY_CQ:
		cq = cx_cq_find(cx, c->inmod);
		if (!cq)
			return CX_BAD_RES_STATE;
		if (c->op == OP_HW2SW_CQ)
			cq->hw = false;
		cx_put32(cq->ctx, 0x2c, cq->pi);
		return give_back(c, cq->ctx, SZ_CQC);
	}
	return CX_BAD_OP;
}

/* QP transitions */

static bool special_qp(struct cx_dev *cx, uint32_t qpn)
{
	return cx->special_qp_set && qpn >= cx->special_qp_base &&
	       qpn < cx->special_qp_base + 8;
}

/* Fields every transition may carry: the port (sched_queue) and Q_Key. */
static void qp_path(struct cx_qp *qp, const uint8_t *in)
{
	uint8_t sched = in[0x40];

	if (sched)
		qp->port = ((sched >> 6) & 1) + 1;
	if (cx_be32(in, 0xb0))
		qp->qkey = cx_be32(in, 0xb0);
}

static int rst2init(struct cx_cmd *c, uint32_t qpn)
{
	struct cx_dev *cx = c->cx;
	struct cx_qp *qp = NULL;
	const uint8_t *in;
	uint32_t flags, sizes, sq_bytes, rq_bytes;
	int rc;

	for (int i = 0; i < CX_MAX_QPS && !qp; i++)
		qp = cx->qp[i].state == QP_RST ? &cx->qp[i] : NULL;
	if (!qp)
		return CX_EXCEED_LIM;
	rc = cx_inbox(c, QPC_OFF + SZ_QPC);
	if (rc)
		return rc;
	in = c->inbox;
	flags = mbx32(in, 2);
	sizes = mbx32(in, 4);
	if (mbx32(in, 1) || ((flags >> 11) & 3) != 3)
		return CX_BAD_PARAM;	/* reserved; pm_state must be 3 */
	switch ((flags >> 16) & 0xf) {
	case 0: case 1: case 3: case 7:
		break;
	default:
		return CX_BAD_PARAM;
	}
	if ((mbx32(in, 5) & 0xffffff) >> cx->hca.log_uars ||
	    (mbx32(in, 43) & 3))
		return CX_BAD_PARAM;
	if (!cx_cq_find(cx, mbx32(in, 33) & 0xffffff) ||
	    !cx_cq_find(cx, mbx32(in, 41) & 0xffffff))
		return CX_BAD_RES_STATE;
	rc = icm_store(cx, cx->hca.qpc + (uint64_t)qpn * SZ_QPC,
		       in + QPC_OFF, SZ_QPC - QPC_OFF);
	if (rc)
		return rc;
	memset(qp, 0, sizeof(*qp));
	qp->num = qpn;
	qp->st = (flags >> 16) & 0xf;
	qp->pd = mbx32(in, 3) & 0xffffff;
	qp->log_rq = (sizes >> 19) & 0xf;
	qp->rq_stride = 4 + ((sizes >> 16) & 7);
	qp->log_sq = (sizes >> 11) & 0xf;
	qp->sq_stride = 4 + ((sizes >> 8) & 7);
	sq_bytes = (1u << qp->log_sq) << qp->sq_stride;
	rq_bytes = (1u << qp->log_rq) << qp->rq_stride;
	/* the queue with the larger stride comes first in the buffer */
	if (qp->rq_stride > qp->sq_stride) {
		qp->rq_off = 0;
		qp->sq_off = rq_bytes;
	} else {
		qp->sq_off = 0;
		qp->rq_off = sq_bytes;
	}
	qp->cqn_snd = mbx32(in, 33) & 0xffffff;
	qp->cqn_rcv = mbx32(in, 41) & 0xffffff;
	qp->buf.page_offset = mbx32(in, 38) & 0xfc0;
	qp->db_rec = (uint64_t)mbx32(in, 42) << 32 | mbx32(in, 43);
	qp->buf.log_page = 12 + ((mbx32(in, 52) >> 24) & 0x3f);
	qp->buf.mtt_off = ((uint64_t)(mbx32(in, 52) & 0xff) << 32 |
			   mbx32(in, 53)) & ~7ull;
	qp->strip_vlan = !(mbx32(in, 49) & (1u << 30));
	qp->port = 1;
	qp_path(qp, in);
	qp->state = QP_INIT;
	return CX_OK;
}

static int transition(struct cx_cmd *c, struct cx_qp *qp,
		      enum cx_qp_state from, enum cx_qp_state to)
{
	int rc;

	if (!qp || qp->state != from)
		return CX_BAD_QP_STATE;
	rc = cx_inbox(c, QPC_OFF + SZ_QPC);
	if (rc)
		return rc;
	if (mbx32(c->inbox, 1))
		return CX_BAD_PARAM;
	qp_path(qp, c->inbox);
	qp->state = to;
	return CX_OK;
}

int cx_cmd_qp(struct cx_cmd *c)
{
	struct cx_dev *cx = c->cx;
	uint32_t qpn = c->inmod & 0xffffff;
	struct cx_qp *qp;

	if (cx->stage != ST_HCA)
		return CX_BAD_SYS_STATE;
	if (c->op == OP_CONF_SPECIAL_QP) {
		if ((qpn & 7) || qpn < (1u << cx->log_rsvd_qps) ||
		    qpn >> cx->hca.log_qp || c->opmod > 1)
			return CX_BAD_PARAM;
		cx->special_qp_base = qpn;
		cx->special_qp_set = true;
		return CX_OK;
	}
	if (qpn >> cx->hca.log_qp ||
	    (qpn < (1u << cx->log_rsvd_qps) && !special_qp(cx, qpn)))
		return CX_BAD_INDEX;
	qp = cx_qp_find(cx, qpn);
	switch (c->op) {
	case OP_RST2INIT:
		if (qp)
			return CX_BAD_QP_STATE;
		return rst2init(c, qpn);
	case OP_INIT2RTR:
		return transition(c, qp, QP_INIT, QP_RTR);
	case OP_RTR2RTS:
		return transition(c, qp, QP_RTR, QP_RTS);
	case OP_RTS2RTS:
		return transition(c, qp, QP_RTS, QP_RTS);
	case OP_2ERR:
		if (qp)
			qp->state = QP_ERR;
		return qp ? CX_OK : CX_BAD_QP_STATE;
	case OP_2RST:
		if (c->opmod > 3)
			return CX_BAD_OP;
		if (qp)
			qp->state = QP_RST;
		return CX_OK;
	case OP_QUERY_QP:
		cx_put32(cx_outbox(c, QPC_OFF + SZ_QPC), QPC_OFF,
			 (uint32_t)(qp ? qp->state : QP_RST) << 28);
		return CX_OK;
	}
	return CX_BAD_OP;
}
