/* The HCR (BAR0 + 0x80680): seven big-endian dwords.  A command runs only
 * when the dword holding go is written with go set and t toggled; go
 * stays set for a random time while the device works, and a command
 * posted (or any HCR dword written) while go is set spoils the one in
 * flight, which completes with status BUSY.  Completed commands are
 * traced, one line each. */
#include <stdio.h>
#include <string.h>
#include "linux_api.h"
#include "cx.h"

#define HCR_GO (1u << 23)
#define HCR_E (1u << 22)
#define HCR_T (1u << 21)
#define TRACE_IN_MAX 512

uint32_t cx_hcr_read(struct cx_dev *cx, unsigned int dw)
{
	return cx->hcr[dw];
}

void cx_hcr_write(struct cx_dev *cx, unsigned int dw, uint32_t v)
{
	if (cx->busy) {
		cx->clobbered = true;
		return;
	}
	if (dw < 6) {
		cx->hcr[dw] = v;
		return;
	}
	if (!(v & HCR_GO))
		return;
	/* The first command after reset may carry either t (Linux posts the
	 * t it read, iPXE the opposite); from then on t must alternate. */
	cx->t_stale = cx->t_known && !!(v & HCR_T) == !!cx->toggle;
	cx->hcr[6] = v & 0x00ffffff;	/* status reads 0 while busy */
	cx->busy = true;
	cx_schedule(cx, EV_HCR, 2 + cx_random(cx, 200), 0);
}

int cx_inbox(struct cx_cmd *c, size_t len)
{
	size_t want = len < TRACE_IN_MAX ? TRACE_IN_MAX : len;
	const void *p;

	if (c->in & (CX_MAILBOX - 1) || len > CX_MAILBOX)
		return CX_BAD_PARAM;
	p = sim_dma(c->in, want);
	if (!p && want > len)
		p = sim_dma(c->in, want = len);
	if (!p) {
		c->cx->stats.dma_faults++;
		return CX_INTERNAL;
	}
	memcpy(c->inbuf, p, want);
	c->inbox = c->inbuf;
	c->inlen = want;
	return CX_OK;
}

uint8_t *cx_outbox(struct cx_cmd *c, size_t len)
{
	memset(c->outbox, 0, len);
	c->outlen = len;
	return c->outbox;
}

/* The opmods a command knows, as a bit mask (most know only 0). */
static unsigned int opmods(uint16_t op)
{
	switch (op) {
	case OP_SET_PORT:
		return 1u << 0 | 1u << 1 | 1u << 4;	/* IB, Ethernet, beacon */
	case OP_2RST:
		return 0xf;
	case OP_CONF_SPECIAL_QP: case OP_WRITE_MCG: case OP_MGID_HASH:
	case OP_HW2SW_MPT: case OP_HW2SW_EQ: case OP_HW2SW_CQ:
		return 0x3;
	case OP_MAD_IFC:
		return 0xffff;
	default:
		return 0x1;
	}
}

static int dispatch(struct cx_cmd *c)
{
	if (!(opmods(c->op) & (1u << c->opmod)))
		return CX_BAD_OP;
	switch (c->op) {
	case OP_QUERY_FW: case OP_MAP_FA: case OP_UNMAP_FA: case OP_RUN_FW:
	case OP_QUERY_DEV_CAP: case OP_QUERY_ADAPTER: case OP_SET_ICM_SIZE:
	case OP_MAP_ICM_AUX: case OP_UNMAP_ICM_AUX: case OP_MAP_ICM:
	case OP_UNMAP_ICM: case OP_INIT_HCA: case OP_CLOSE_HCA:
		return cx_cmd_fw(c);
	case OP_SW2HW_MPT: case OP_HW2SW_MPT: case OP_WRITE_MTT:
	case OP_SW2HW_EQ: case OP_HW2SW_EQ: case OP_QUERY_EQ: case OP_MAP_EQ:
	case OP_SW2HW_CQ: case OP_HW2SW_CQ: case OP_QUERY_CQ:
		return cx_cmd_ctx(c);
	case OP_RST2INIT: case OP_INIT2RTR: case OP_RTR2RTS: case OP_RTS2RTS:
	case OP_2ERR: case OP_2RST: case OP_QUERY_QP: case OP_CONF_SPECIAL_QP:
		return cx_cmd_qp(c);
	case OP_QUERY_PORT: case OP_SENSE_PORT: case OP_SET_PORT:
	case OP_INIT_PORT: case OP_CLOSE_PORT: case OP_READ_MCG:
	case OP_WRITE_MCG: case OP_MGID_HASH: case OP_MAD_IFC:
		return cx_cmd_port(c);
	default:
		return CX_BAD_OP;
	}
}

static void trace(struct cx_dev *cx, const struct cx_cmd *c, int status)
{
	char line[64 + 2 * TRACE_IN_MAX];
	int n;

	if (cx->trace_fd < 0)
		return;
	n = snprintf(line, sizeof(line),
		     "hcr op=0x%03x opmod=0x%x inmod=0x%08x status=0x%02x",
		     c->op, c->opmod, c->inmod, status);
	if (c->inbox) {
		size_t len = c->inlen < TRACE_IN_MAX ? c->inlen : TRACE_IN_MAX;

		while (len > 1 && c->inbox[len - 1] == 0)
			len--;
		n += snprintf(line + n, sizeof(line) - n, " in=");
		for (size_t i = 0; i < len; i++)
			n += snprintf(line + n, sizeof(line) - n, "%02x",
				      c->inbox[i]);
	}
	line[n++] = '\n';
	linux_write(cx->trace_fd, line, n);
}

/* Write the command's outputs back; a status. */
static int write_back(struct cx_dev *cx, struct cx_cmd *c)
{
	void *p;

	if (c->has_out_imm) {
		cx->hcr[3] = c->out_imm >> 32;
		cx->hcr[4] = c->out_imm;
	}
	if (!c->outlen)
		return CX_OK;
	if (c->out & (CX_MAILBOX - 1))
		return CX_BAD_PARAM;
	p = sim_dma(c->out, c->outlen);
	if (!p) {
		cx->stats.dma_faults++;
		return CX_INTERNAL;
	}
	memcpy(p, c->outbox, c->outlen);
	return CX_OK;
}

void cx_hcr_execute(struct cx_dev *cx)
{
	static struct cx_cmd c;	/* 8 KiB: kept off the stack */
	uint32_t dw6 = cx->hcr[6];
	int status;

	memset(&c, 0, sizeof(c));
	c.cx = cx;
	c.op = dw6 & 0xfff;
	c.opmod = (dw6 >> 12) & 0xf;
	c.inmod = cx->hcr[2];
	c.in = (uint64_t)cx->hcr[0] << 32 | cx->hcr[1];
	c.out = (uint64_t)cx->hcr[3] << 32 | cx->hcr[4];
	if (cx->clobbered)
		status = CX_BUSY;
	else if (cx->t_stale || (dw6 & HCR_E))
		status = CX_BAD_SYS_STATE;	/* no event mode modelled */
	else if (cx->fault.cmd_op && cx->fault.cmd_op == c.op)
		status = cx->fault.cmd_status;
	else
		status = dispatch(&c);
	if (status == CX_OK)
		status = write_back(cx, &c);
	trace(cx, &c, status);
	cx->toggle = !!(dw6 & HCR_T);
	cx->t_known = true;
	cx->hcr[6] = (uint32_t)status << 24 | (dw6 & (HCR_T | 0xffff));
	cx->busy = cx->clobbered = false;
}
