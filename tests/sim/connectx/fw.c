/* Firmware bring-up and ICM commands, in the order the firmware demands:
 * QUERY_FW, MAP_FA, RUN_FW, QUERY_DEV_CAP, SET_ICM_SIZE, MAP_ICM_AUX,
 * MAP_ICM, INIT_HCA; CLOSE_HCA and the UNMAPs undo them.  A command out
 * of order answers BAD_SYS_STATE. */
#include <string.h>
#include "cx.h"

#define FW_PAGES 128
#define FW_MAJOR 2
#define FW_MINOR 42
#define FW_SUBMINOR 5000
#define CMD_IF_REV 3
#define MAX_MAP_ENTRIES (CX_MAILBOX / 16)

static int query_fw(struct cx_cmd *c)
{
	uint8_t *o = cx_outbox(c, 0x100);

	cx_put32(o, 0x00, FW_PAGES << 16 | FW_MAJOR);
	cx_put32(o, 0x04, FW_MINOR << 16 | FW_SUBMINOR);
	cx_put32(o, 0x08, CMD_IF_REV);
	cx_put64(o, 0x20, CX_CLR_INT);		/* CLR_INT in BAR0 */
	cx_put32(o, 0x28, 0);
	return CX_OK;
}

static int query_dev_cap(struct cx_cmd *c)
{
	struct cx_dev *cx = c->cx;
	uint8_t *o = cx_outbox(c, 0x100);

	cx_put32(o, 0x10, 16u << 16 | cx->log_rsvd_qps << 8 | CX_LOG_MAX_QP);
	cx_put32(o, 0x14, 16u << 16);			/* log_max_srqs */
	cx_put32(o, 0x18, cx->rsvd_eqs << 24 | 22u << 16 |
		 cx->log_rsvd_cqs << 8 | CX_LOG_MAX_CQ);
	cx_put32(o, 0x1c, 22u << 24 | CX_LOG_MAX_MPT << 16 | CX_LOG_MAX_EQ);
	cx_put32(o, 0x20, cx->log_rsvd_mtts << 28 | 32u << 16 |
		 cx->log_rsvd_mrws << 8 | CX_LOG_MAX_MTT);
	/* a single-port adapter reports one port */
	cx_put32(o, 0x34, cx->port[2].kind == PORT_NONE ? 1 : 2);
	cx_put32(o, 0x44, 1u << 12 | 7);	/* dpdp; rc, uc, ud */
	cx_put32(o, 0x48, cx->rsvd_uars << 28 | 12);	/* log_pg_sz */
	cx_put32(o, 0x50, 32u << 16 | 1008);	/* send: max_sg, desc size */
	cx_put32(o, 0x54, 32u << 16 | 512);	/* receive */
	cx_put32(o, 0x60, 8u << 16 | 13);	/* log_max_qp_mcg, log_max_mcg */
	cx_put32(o, 0x80, SZ_QPC);
	cx_put32(o, 0x84, SZ_AUXC << 16 | SZ_ALTC);
	cx_put32(o, 0x88, SZ_EQC << 16 | SZ_CQC);
	cx_put32(o, 0x8c, SZ_SRQC << 16 | SZ_CMPT);
	cx_put32(o, 0x90, SZ_MTT << 16 | SZ_DMPT);
	cx_put32(o, 0x98, 0x100);		/* reserved lkey */
	cx_put64(o, 0xa0, 1ull << 40);		/* max ICM size */
	return CX_OK;
}

/* One table of INIT_HCA: base (naturally aligned to the table) and log2
 * entry count in the low bits. */
static bool table(const uint8_t *in, unsigned int off, unsigned int esz,
		  unsigned int max_log, uint64_t *base, unsigned int *log)
{
	uint64_t v = cx_be64(in, off);

	*log = v & 0x1f;
	*base = v & ~0x1full;
	return *log <= max_log && !(*base & (((uint64_t)esz << *log) - 1));
}

static bool aligned(uint64_t base, uint64_t size)
{
	return !(base & (size - 1));
}

static int init_hca(struct cx_cmd *c)
{
	struct cx_dev *cx = c->cx;
	const uint8_t *in;
	int rc;

	if (cx->stage != ST_FW_RUN || !cx->icm_size_set ||
	    cx_map_pages(cx->aux, cx->naux) < cx->aux_pages)
		return CX_BAD_SYS_STATE;
	rc = cx_inbox(c, 0x200);
	if (rc)
		return rc;
	in = c->inbox;
	if (in[0] != 2 || (cx_be32(in, 0x14) & 2))
		return CX_BAD_PARAM;	/* version; big-endian host */
	if (!table(in, 0x30, SZ_QPC, CX_LOG_MAX_QP, &cx->hca.qpc,
		   &cx->hca.log_qp) ||
	    !table(in, 0x48, SZ_SRQC, CX_LOG_MAX_QP, &cx->hca.srqc,
		   &cx->hca.log_srq) ||
	    !table(in, 0x50, SZ_CQC, CX_LOG_MAX_CQ, &cx->hca.cqc,
		   &cx->hca.log_cq) ||
	    !table(in, 0x80, SZ_EQC, CX_LOG_MAX_EQ, &cx->hca.eqc,
		   &cx->hca.log_eq))
		return CX_BAD_PARAM;
	cx->hca.altc = cx_be64(in, 0x60);
	cx->hca.auxc = cx_be64(in, 0x70);
	cx->hca.mc = cx_be64(in, 0xc0);
	cx->hca.log_mc_entry = cx_be32(in, 0xd0) & 0x1f;
	cx->hca.log_mc_hash = cx_be32(in, 0xd4) & 0x1f;
	cx->hca.log_mc_table = cx_be32(in, 0xd8) & 0x1f;
	cx->hca.dmpt = cx_be64(in, 0xf0);
	cx->hca.log_mpt = cx_be32(in, 0xf8) & 0x3f;
	cx->hca.mtt = cx_be64(in, 0x100);
	cx->hca.cmpt = cx_be64(in, 0x108);
	cx->hca.log_uars = (cx_be32(in, 0x128) >> 8) & 0xf;
	if (!aligned(cx->hca.altc, (uint64_t)SZ_ALTC << cx->hca.log_qp) ||
	    !aligned(cx->hca.auxc, (uint64_t)SZ_AUXC << cx->hca.log_qp) ||
	    !aligned(cx->hca.dmpt, (uint64_t)SZ_DMPT << cx->hca.log_mpt) ||
	    !aligned(cx->hca.mc, (uint64_t)SZ_MCG << cx->hca.log_mc_table) ||
	    !aligned(cx->hca.mtt, CX_PAGE) || !aligned(cx->hca.cmpt, CX_PAGE) ||
	    cx->hca.log_mpt > CX_LOG_MAX_MPT ||
	    (cx->hca.log_mc_entry && cx->hca.log_mc_entry != 6) ||
	    (1u << cx->hca.log_uars) > CX_BAR2_SIZE / CX_PAGE)
		return CX_BAD_PARAM;
	cx->stage = ST_HCA;
	return CX_OK;
}

void cx_count_leaks(struct cx_dev *cx)
{
	for (int i = 0; i < CX_MAX_EQS; i++)
		cx->stats.leaks += cx->eq[i].hw;
	for (int i = 0; i < CX_MAX_CQS; i++)
		cx->stats.leaks += cx->cq[i].hw;
	for (int i = 0; i < CX_MAX_MPTS; i++)
		cx->stats.leaks += cx->mpt[i].hw;
	for (int i = 0; i < CX_MAX_QPS; i++)
		cx->stats.leaks += cx->qp[i].state != QP_RST;
	for (int p = 1; p <= 2; p++)
		cx->stats.leaks += cx->port[p].up;
}

/* CLOSE_HCA: every context goes back to software; the model counts those
 * the driver left in hardware ownership, and ports left open. */
static int close_hca(struct cx_cmd *c)
{
	struct cx_dev *cx = c->cx;

	if (cx->stage != ST_HCA)
		return CX_BAD_SYS_STATE;
	cx_count_leaks(cx);
	memset(cx->eq, 0, sizeof(cx->eq));
	memset(cx->cq, 0, sizeof(cx->cq));
	memset(cx->qp, 0, sizeof(cx->qp));
	memset(cx->mpt, 0, sizeof(cx->mpt));
	memset(cx->eq_mask, 0, sizeof(cx->eq_mask));
	for (int p = 1; p <= 2; p++)
		cx->port[p].up = cx->port[p].link = false;
	cx->special_qp_set = false;
	cx->stage = ST_FW_RUN;
	cx_write_stats(cx);
	return CX_OK;
}

static int map(struct cx_cmd *c, struct cx_map *maps, unsigned int *n,
	       bool use_va)
{
	int rc;

	if (c->inmod == 0 || c->inmod > MAX_MAP_ENTRIES)
		return CX_BAD_PARAM;
	rc = cx_inbox(c, c->inmod * 16);
	if (rc)
		return rc;
	return cx_map_add(c->cx, maps, n, c->inbox, c->inmod, use_va);
}

static int set_icm_size(struct cx_cmd *c)
{
	struct cx_dev *cx = c->cx;
	uint64_t pages = (c->in + CX_PAGE - 1) / CX_PAGE;

	if (cx->stage != ST_FW_RUN)
		return CX_BAD_SYS_STATE;
	if (c->in == 0 || c->in > (1ull << 40))
		return CX_BAD_PARAM;
	cx->icm_size = c->in;
	/* the firmware keeps 8 bytes of state per ICM page */
	cx->aux_pages = 1 + pages * 8 / CX_PAGE;
	cx->icm_size_set = true;
	c->out_imm = cx->aux_pages;
	c->has_out_imm = true;
	return CX_OK;
}

int cx_cmd_fw(struct cx_cmd *c)
{
	struct cx_dev *cx = c->cx;

	switch (c->op) {
	case OP_QUERY_FW:
		return query_fw(c);
	case OP_MAP_FA:
		if (cx->stage != ST_RESET)
			return CX_BAD_SYS_STATE;
		return map(c, cx->fa, &cx->nfa, false);
	case OP_RUN_FW:
		if (cx->stage != ST_RESET ||
		    cx_map_pages(cx->fa, cx->nfa) < FW_PAGES)
			return CX_BAD_SYS_STATE;
		cx->stage = ST_FW_RUN;
		return CX_OK;
	case OP_UNMAP_FA:
		if (cx->stage == ST_HCA)
			return CX_BAD_SYS_STATE;
		cx->nfa = cx->naux = cx->nicm = 0;
		cx->icm_size_set = false;
		cx->stage = ST_RESET;
		return CX_OK;
	case OP_QUERY_DEV_CAP:
		if (cx->stage == ST_RESET)
			return CX_BAD_SYS_STATE;
		return query_dev_cap(c);
	case OP_QUERY_ADAPTER:
		if (cx->stage == ST_RESET)
			return CX_BAD_SYS_STATE;
		cx_outbox(c, 0x100)[0x10] = 0;	/* intapin */
		return CX_OK;
	case OP_SET_ICM_SIZE:
		return set_icm_size(c);
	case OP_MAP_ICM_AUX:
		if (cx->stage != ST_FW_RUN || !cx->icm_size_set)
			return CX_BAD_SYS_STATE;
		return map(c, cx->aux, &cx->naux, false);
	case OP_UNMAP_ICM_AUX:
		if (cx->stage != ST_FW_RUN)
			return CX_BAD_SYS_STATE;
		cx->naux = 0;
		return CX_OK;
	case OP_MAP_ICM:
		if (cx->stage == ST_RESET || !cx->icm_size_set)
			return CX_BAD_SYS_STATE;
		return map(c, cx->icm, &cx->nicm, true);
	case OP_UNMAP_ICM:
		if (cx->stage == ST_RESET)
			return CX_BAD_SYS_STATE;
		cx_icm_unmap(cx, c->in, c->inmod);
		return CX_OK;
	case OP_INIT_HCA:
		return init_hca(c);
	case OP_CLOSE_HCA:
		return close_hca(c);
	}
	return CX_BAD_OP;
}
