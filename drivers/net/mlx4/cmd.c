/* The HCA command register (HCR) in BAR0: post one command, wait for
 * the device to finish it, read its status and immediate output.
 *
 * dw0-1 in_param, dw2 in_mod, dw3-4 out_param, dw5 token, dw6 opcode,
 * opmod, toggle (t), event (e), go and status.  The device runs the
 * command on the dw6 write, so that word goes last, with go set and the
 * toggle flipped; the command is over when go clears. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/io.h>
#include <cxboot/malloc.h>
#include <cxboot/timer.h>
#include "mlx4.h"

#define HCR_GO (1u << 23)
#define HCR_T (1u << 21)
#define HCR_STATUS_SHIFT 24
#define HCR_TIMEOUT_MS 10000
#define HCR_IDLE_MS 1000

static uint32_t hcr_read(struct mlx4 *mlx, unsigned int dw)
{
	return be32_to_cpu(readl((uint8_t *)mlx->bar0 + MLX4_HCR + 4 * dw));
}

static void hcr_write(struct mlx4 *mlx, unsigned int dw, uint32_t v)
{
	writel(cpu_to_be32(v), (uint8_t *)mlx->bar0 + MLX4_HCR + 4 * dw);
}

/* Wait until go is clear and t matches our toggle. */
static int hcr_wait(struct mlx4 *mlx, unsigned long ms)
{
	unsigned long start = currticks();
	uint32_t dw6;

	for (;;) {
		dw6 = hcr_read(mlx, 6);
		if (!(dw6 & HCR_GO) && !!(dw6 & HCR_T) == mlx->toggle)
			return 0;
		if (currticks() - start > ms)
			return -ETIMEDOUT;
		udelay(10);
	}
}

static const char *status_text(unsigned int status)
{
	switch (status) {
	case 0x01: return "internal error";
	case 0x02: return "bad operation";
	case 0x03: return "bad parameter";
	case 0x04: return "bad system state";
	case 0x05: return "bad resource";
	case 0x06: return "resource busy";
	case 0x08: return "exceeds limit";
	case 0x09: return "bad resource state";
	case 0x0a: return "bad index";
	case 0x0c: return "ICM error";
	case 0x10: return "bad QP state";
	case 0x20: return "bad segment";
	case 0x40: return "bad size";
	default: return "unknown status";
	}
}

static int status_errno(unsigned int status)
{
	switch (status) {
	case 0x02: return -ENOTSUP;
	case 0x03: case 0x0a: case 0x20: case 0x40: return -EINVAL;
	case 0x06: return -EBUSY;
	case 0x05: case 0x08: return -ENOSPC;
	default: return -EIO;
	}
}

int mlx4_cmd(struct mlx4 *mlx, unsigned int op, unsigned int opmod,
	     uint32_t in_mod, const void *in, uint64_t imm_in, void *out,
	     uint64_t *imm_out)
{
	uint64_t in_param = in ? virt_to_bus(in) : imm_in;
	uint64_t out_param = out ? virt_to_bus(out) : 0;
	unsigned int status;
	int rc;

	if (hcr_wait(mlx, HCR_IDLE_MS)) {
		printf("%s: mlx4 command %03x: HCR busy\n", mlx->pci->name, op);
		return -EBUSY;
	}
	mlx->toggle ^= 1;
	hcr_write(mlx, 0, in_param >> 32);
	hcr_write(mlx, 1, in_param);
	hcr_write(mlx, 2, in_mod);
	hcr_write(mlx, 3, out_param >> 32);
	hcr_write(mlx, 4, out_param);
	hcr_write(mlx, 5, 0);
	wmb();
	hcr_write(mlx, 6, HCR_GO | (mlx->toggle ? HCR_T : 0) |
		  (opmod & 0xf) << 12 | (op & 0xfff));
	rc = hcr_wait(mlx, HCR_TIMEOUT_MS);
	if (rc) {
		printf("%s: mlx4 command %03x timed out\n", mlx->pci->name, op);
		return rc;
	}
	status = hcr_read(mlx, 6) >> HCR_STATUS_SHIFT;
	if (status) {
		printf("%s: mlx4 command %03x failed: status %02x (%s)\n",
		       mlx->pci->name, op, status, status_text(status));
		return status_errno(status);
	}
	if (imm_out)
		*imm_out = (uint64_t)hcr_read(mlx, 3) << 32 | hcr_read(mlx, 4);
	return 0;
}

/* A zeroed mailbox; the device requires 4 KiB alignment. */
void *mlx4_mailbox(void)
{
	void *mb = malloc_phys(MLX4_MAILBOX, MLX4_MAILBOX);

	if (mb)
		memset(mb, 0, MLX4_MAILBOX);
	return mb;
}

void mlx4_mailbox_free(void *mb)
{
	if (mb)
		free_phys(mb, MLX4_MAILBOX);
}

/* Take an object back from the device (HW2SW_MPT/EQ/CQ): the device
 * returns the context in an output mailbox, which we drop. */
int mlx4_hw2sw(struct mlx4 *mlx, unsigned int op, uint32_t index)
{
	void *mb = mlx4_mailbox();
	int rc;

	if (!mb)
		return -ENOMEM;
	rc = mlx4_cmd(mlx, op, 0, index, NULL, 0, mb, NULL);
	mlx4_mailbox_free(mb);
	return rc;
}
