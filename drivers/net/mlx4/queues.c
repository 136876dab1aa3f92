/* Completion queues and queue pairs: their rings in host memory, MTT
 * entries for those rings, the contexts handed to the device, and the
 * QP state walk RST -> INIT -> RTR -> RTS.  The caller picks the CQ and
 * QP numbers and the first MTT entry (each port owns a fixed slice, so
 * nothing needs freeing while the HCA runs). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/io.h>
#include <cxboot/iobuf.h>
#include "mlx4.h"

#define CQE_SIZE 32
#define CQ_ST_FIRED 0xa
#define QP_PM_MIGRATED 3
#define QP_MTU_ETH 7u
#define QP_MSG_MAX 31u
#define QPC 8			/* the context's offset in a QP mailbox */
#define LKEY_END 0x100		/* terminates a receive scatter list */

static unsigned int ilog2(unsigned int n)
{
	unsigned int l = 0;

	while ((1u << l) < n)
		l++;
	return l;
}

static size_t page_round(size_t len)
{
	return (len + MLX4_PAGE - 1) & ~(size_t)(MLX4_PAGE - 1);
}

int mlx4_cq_create(struct mlx4 *mlx, struct mlx4_cq *cq, unsigned int size)
{
	uint64_t db;
	uint8_t *mb;
	unsigned int i;
	int rc;

	cq->size = size;
	cq->ci = 0;
	rc = mlx4_buf_alloc(&cq->ring, page_round(size * CQE_SIZE), MLX4_PAGE);
	if (!rc)
		rc = mlx4_buf_alloc(&cq->dbrec, 8, 8);
	if (rc)
		return rc;
	/* Software owns every entry until the device's first pass. */
	for (i = 0; i < size; i++)
		((uint8_t *)cq->ring.virt)[i * CQE_SIZE + 31] = 0x80;
	rc = mlx4_mtt_write(mlx, &cq->ring, &cq->mtt);
	if (rc)
		return rc;
	mb = mlx4_mailbox();
	if (!mb)
		return -ENOMEM;
	db = virt_to_bus(cq->dbrec.virt);
	be32_put(mb + 0x00, CQ_ST_FIRED << 8);
	be32_put(mb + 0x0c, ilog2(size) << 24 | MLX4_UAR_DB_PAGE);
	be32_put(mb + 0x14, mlx->eq.eqn);
	be32_put(mb + 0x18, cq->mtt.base >> 32);
	be32_put(mb + 0x1c, (uint32_t)cq->mtt.base & ~7u);
	be32_put(mb + 0x38, db >> 32);
	be32_put(mb + 0x3c, (uint32_t)db & ~7u);
	rc = mlx4_cmd(mlx, MLX4_CMD_SW2HW_CQ, 0, cq->cqn, mb, 0, NULL, NULL);
	mlx4_mailbox_free(mb);
	cq->hw = !rc;
	return rc;
}

void mlx4_cq_destroy(struct mlx4 *mlx, struct mlx4_cq *cq)
{
	if (cq->hw)
		mlx4_hw2sw(mlx, MLX4_CMD_HW2SW_CQ, cq->cqn);
	cq->hw = false;
	mlx4_buf_free(&cq->ring);
	mlx4_buf_free(&cq->dbrec);
}

/* The next completion, or NULL; valid when its owner bit has the
 * parity of the pass the consumer index is on. */
void *mlx4_cq_next(struct mlx4_cq *cq)
{
	uint8_t *cqe;

	if (!cq->ring.virt)
		return NULL;
	cqe = (uint8_t *)cq->ring.virt + CQE_SIZE * (cq->ci & (cq->size - 1));
	if (!!(cqe[31] & 0x80) != !!(cq->ci & cq->size))
		return NULL;
	rmb();
	return cqe;
}

/* Consume the entry mlx4_cq_next() returned and tell the device. */
void mlx4_cq_done(struct mlx4_cq *cq)
{
	cq->ci++;
	wmb();
	be32_put(cq->dbrec.virt, cq->ci & 0xffffff);
}

void *mlx4_sq_wqe(struct mlx4_qp *qp, unsigned int idx)
{
	return (uint8_t *)qp->ring.virt +
	       MLX4_SQ_STRIDE * (idx & (qp->sq_size - 1));
}

void *mlx4_rq_wqe(struct mlx4_qp *qp, unsigned int idx)
{
	return (uint8_t *)qp->ring.virt + MLX4_SQ_STRIDE * qp->sq_size +
	       MLX4_RQ_STRIDE * (idx & (qp->rq_size - 1));
}

/* The send doorbell carries no count: the device walks the ring from
 * where it stopped while the owner bits say the entries are new. */
void mlx4_sq_ring(struct mlx4 *mlx, struct mlx4_qp *qp)
{
	wmb();
	writel(cpu_to_be32(qp->qpn << 8),
	       (uint8_t *)mlx->uar + MLX4_UAR_DB_PAGE * MLX4_PAGE +
	       MLX4_DB_SEND);
}

static int qp_alloc(struct mlx4 *mlx, struct mlx4_qp *qp, unsigned int sq,
		    unsigned int rq)
{
	unsigned int i;
	uint8_t *wqe;
	int rc;

	/* Room for the device to read 2 KiB beyond the last posted WQE */
	qp->sq_size = 1u << ilog2(sq + 1 + 2048 / MLX4_SQ_STRIDE);
	qp->rq_size = rq;
	qp->sq_pi = qp->sq_ci = qp->rq_pi = qp->rq_ci = 0;
	rc = mlx4_buf_alloc(&qp->ring,
			    page_round(qp->sq_size * MLX4_SQ_STRIDE +
				       rq * MLX4_RQ_STRIDE), MLX4_PAGE);
	if (!rc)
		rc = mlx4_buf_alloc(&qp->dbrec, 4, 4);
	if (rc)
		return rc;
	qp->sq_iob = zalloc(qp->sq_size * sizeof(*qp->sq_iob));
	qp->rq_iob = zalloc(rq * sizeof(*qp->rq_iob));
	if (!qp->sq_iob || !qp->rq_iob)
		return -ENOMEM;
	memset(qp->ring.virt, 0xff, qp->sq_size * MLX4_SQ_STRIDE);
	for (i = 0; i < rq; i++) {
		wqe = mlx4_rq_wqe(qp, i);
		be32_put(wqe + 4, LKEY_END);
		be32_put(wqe + 16 + 4, LKEY_END);
	}
	return mlx4_mtt_write(mlx, &qp->ring, &qp->mtt);
}

static int qp_cmd(struct mlx4 *mlx, struct mlx4_qp *qp, unsigned int op,
		  uint8_t *mb)
{
	int rc = mlx4_cmd(mlx, op, 0, qp->qpn, mb, 0, NULL, NULL);

	memset(mb, 0, MLX4_MAILBOX);
	return rc;
}

int mlx4_qp_create(struct mlx4 *mlx, struct mlx4_qp *qp, unsigned int st,
		   unsigned int sq, unsigned int rq, struct mlx4_cq *cq,
		   unsigned int port)
{
	uint64_t db;
	uint8_t *mb;
	int rc = qp_alloc(mlx, qp, sq, rq);

	if (rc)
		return rc;
	mb = mlx4_mailbox();
	if (!mb)
		return -ENOMEM;
	db = virt_to_bus(qp->dbrec.virt);
	be32_put(mb + QPC + 0x00, QP_PM_MIGRATED << 11 | st << 16);
	be32_put(mb + QPC + 0x04, MLX4_PD);
	be32_put(mb + QPC + 0x08,
		 ilog2(rq) << 19 | (ilog2(MLX4_RQ_STRIDE) - 4) << 16 |
		 ilog2(qp->sq_size) << 11 | (ilog2(MLX4_SQ_STRIDE) - 4) << 8);
	be32_put(mb + QPC + 0x0c, MLX4_UAR_DB_PAGE);
	be32_put(mb + QPC + 0x7c, cq->cqn);
	be32_put(mb + QPC + 0x9c, cq->cqn);
	be32_put(mb + QPC + 0xa0, db >> 32);
	be32_put(mb + QPC + 0xa4, (uint32_t)db & ~3u);
	be32_put(mb + QPC + 0xc8, qp->mtt.base >> 32);
	be32_put(mb + QPC + 0xcc, (uint32_t)qp->mtt.base & ~7u);
	rc = qp_cmd(mlx, qp, MLX4_CMD_RST2INIT_QP, mb);
	qp->hw = !rc;
	if (!rc) {
		be32_put(mb + QPC + 0x08, QP_MTU_ETH << 29 | QP_MSG_MAX << 24);
		be32_put(mb + QPC + 0x38, (0x83u | (port - 1) << 6) << 24);
		rc = qp_cmd(mlx, qp, MLX4_CMD_INIT2RTR_QP, mb);
	}
	if (!rc)
		rc = qp_cmd(mlx, qp, MLX4_CMD_RTR2RTS_QP, mb);
	mlx4_mailbox_free(mb);
	return rc;
}

/* Back to reset: the device lets go of the rings and their buffers. */
void mlx4_qp_stop(struct mlx4 *mlx, struct mlx4_qp *qp)
{
	if (qp->hw)
		mlx4_cmd(mlx, MLX4_CMD_2RST_QP, 3, qp->qpn, NULL, 0, NULL,
			 NULL);
	qp->hw = false;
}

/* Free the rings; the caller has taken back the buffers in them. */
void mlx4_qp_destroy(struct mlx4 *mlx, struct mlx4_qp *qp)
{
	mlx4_qp_stop(mlx, qp);
	mlx4_buf_free(&qp->ring);
	mlx4_buf_free(&qp->dbrec);
	free(qp->sq_iob);
	free(qp->rq_iob);
	qp->sq_iob = qp->rq_iob = NULL;
}
