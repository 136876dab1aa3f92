/* Bringing the HCA up and down as a whole: reset, firmware start
 * (QUERY_FW, MAP_FA, RUN_FW), capabilities, ICM sized and mapped,
 * INIT_HCA, the one memory key every queue uses, and the event queue.
 * mlx4_hca_stop() undoes all of it and ends in a reset. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/io.h>
#include <cxboot/timer.h>
#include "mlx4.h"

#define RESET_WAIT_MS 5000
#define CFG_GATEWAY_ADDR (0x58 / 4)	/* not restored after reset */
#define CFG_GATEWAY_DATA (0x5c / 4)
#define CMPT_MAX_ENTRIES (1ULL << 24)
#define MAP_EQ_UNMAP (1u << 31)

static unsigned int fls32(uint64_t x)
{
	unsigned int n = 0;

	while (x) {
		n++;
		x >>= 1;
	}
	return n;
}

static unsigned int log_up(uint64_t n)
{
	return n > 1 ? fls32(n - 1) : 0;
}

static uint64_t round_up(uint64_t x, uint64_t align)
{
	return (x + align - 1) & ~(align - 1);
}

static uint32_t field(const uint8_t *mb, unsigned int off, unsigned int hi,
		      unsigned int lo)
{
	uint32_t v = be32_get(mb + off) >> lo;

	return hi - lo == 31 ? v : v & ((1u << (hi - lo + 1)) - 1);
}

/* Reset the device; config space is saved and restored around it, but
 * for the CR-space gateway (0x58/0x5C), whose contents are the device's. */
int mlx4_reset(struct mlx4 *mlx)
{
	struct pci_device *pci = mlx->pci;
	unsigned long start;
	unsigned int i;

	for (i = 0; i < 64; i++)
		mlx->cfg_save[i] = pci_read32(pci, 4 * i);
	writel(cpu_to_be32(MLX4_RESET_MAGIC),
	       (uint8_t *)mlx->bar0 + MLX4_RESET);
	wmb();
	udelay(1000);
	start = currticks();
	while (pci_read16(pci, PCI_VENDOR_ID) != pci->vendor) {
		if (currticks() - start > RESET_WAIT_MS) {
			printf("%s: mlx4 reset: device did not come back\n",
			       pci->name);
			return -ETIMEDOUT;
		}
		udelay(1000);
	}
	for (i = 2; i < 64; i++) {
		if (i != CFG_GATEWAY_ADDR && i != CFG_GATEWAY_DATA)
			pci_write32(pci, 4 * i, mlx->cfg_save[i]);
	}
	pci_write32(pci, 4, mlx->cfg_save[1]);
	mlx->toggle = 0;
	mlx->hca_up = false;
	return 0;
}

static int query_fw(struct mlx4 *mlx)
{
	uint8_t *mb = mlx4_mailbox();
	unsigned int rev;
	int rc;

	if (!mb)
		return -ENOMEM;
	rc = mlx4_cmd(mlx, MLX4_CMD_QUERY_FW, 0, 0, NULL, 0, mb, NULL);
	if (!rc) {
		mlx->caps.fw_pages = field(mb, 0x00, 31, 16);
		mlx->caps.fw_major = field(mb, 0x00, 15, 0);
		mlx->caps.fw_sub = field(mb, 0x04, 31, 16);
		mlx->caps.fw_minor = field(mb, 0x04, 15, 0);
		rev = field(mb, 0x08, 15, 0);
		if (rev < 2 || rev > 3) {
			printf("%s: mlx4: command interface revision %u is "
			       "not supported\n", mlx->pci->name, rev);
			rc = -ENOTSUP;
		}
	}
	mlx4_mailbox_free(mb);
	return rc;
}

static int query_dev_cap(struct mlx4 *mlx)
{
	struct mlx4_caps *c = &mlx->caps;
	uint8_t *mb = mlx4_mailbox();
	int rc;

	if (!mb)
		return -ENOMEM;
	rc = mlx4_cmd(mlx, MLX4_CMD_QUERY_DEV_CAP, 0, 0, NULL, 0, mb, NULL);
	if (!rc) {
		c->reserved_qps = 1u << field(mb, 0x10, 11, 8);
		c->reserved_srqs = 1u << field(mb, 0x14, 31, 28);
		c->reserved_cqs = 1u << field(mb, 0x18, 11, 8);
		c->reserved_eqs = field(mb, 0x18, 31, 24);
		c->reserved_mrws = 1u << field(mb, 0x20, 11, 8);
		c->reserved_mtts = 1u << field(mb, 0x20, 31, 28);
		c->num_ports = field(mb, 0x34, 3, 0);
		c->dpdp = field(mb, 0x44, 12, 12);
		c->reserved_uars = field(mb, 0x48, 31, 28);
		c->qpc_sz = field(mb, 0x80, 15, 0);
		c->altc_sz = field(mb, 0x84, 15, 0);
		c->auxc_sz = field(mb, 0x84, 31, 16);
		c->cqc_sz = field(mb, 0x88, 15, 0);
		c->eqc_sz = field(mb, 0x88, 31, 16);
		c->cmpt_sz = field(mb, 0x8c, 15, 0);
		c->srqc_sz = field(mb, 0x8c, 31, 16);
		c->dmpt_sz = field(mb, 0x90, 15, 0);
		c->mtt_sz = field(mb, 0x90, 31, 16);
		if (c->num_ports > MLX4_MAX_PORTS)
			c->num_ports = MLX4_MAX_PORTS;
	}
	mlx4_mailbox_free(mb);
	return rc;
}

/* The firmware area, then RUN_FW. */
static int start_fw(struct mlx4 *mlx)
{
	int rc = mlx4_buf_alloc_icm(&mlx->fa,
				    (size_t)mlx->caps.fw_pages * MLX4_PAGE);

	if (rc)
		return rc;
	rc = mlx4_map_pages(mlx, MLX4_CMD_MAP_FA, MLX4_NO_VA, &mlx->fa);
	if (!rc)
		rc = mlx4_cmd(mlx, MLX4_CMD_RUN_FW, 0, 0, NULL, 0, NULL, NULL);
	return rc;
}

/* Place one context table at the next offset aligned to its own
 * (power-of-two) size; returns its ICM address. */
static uint64_t place(uint64_t *va, unsigned int log_n, unsigned int esz)
{
	uint64_t len = ((uint64_t)1 << log_n) * esz;
	uint64_t at = round_up(*va, (uint64_t)1 << log_up(len));

	*va = at + len;
	return at;
}

static void put_base(uint8_t *mb, unsigned int off, uint64_t base,
		     unsigned int low)
{
	be32_put(mb + off, base >> 32);
	be32_put(mb + off + 4, (uint32_t)base | low);
}

/* Lay out ICM, fill INIT_HCA's mailbox, map it all. */
static int map_icm(struct mlx4 *mlx, uint8_t *hca)
{
	struct mlx4_caps *c = &mlx->caps;
	unsigned int log_qp = log_up(c->reserved_qps + 8 + MLX4_MAX_QPS);
	unsigned int log_srq = log_up(c->reserved_srqs);
	unsigned int log_cq = log_up(c->reserved_cqs + MLX4_MAX_CQS);
	unsigned int log_eq = log_up(mlx->eq.eqn + 1);
	unsigned int log_mtt = log_up(c->reserved_mtts + MLX4_MAX_MTTS);
	unsigned int log_mpt = log_up(c->reserved_mrws + 1);
	unsigned int logs[4] = { log_qp, log_srq, log_cq, log_eq };
	uint64_t cmpt_span = CMPT_MAX_ENTRIES * c->cmpt_sz, va, other;
	uint64_t aux_pages;
	unsigned int i;
	int rc;

	mlx->cmpt_span = cmpt_span;
	va = 4 * cmpt_span;
	other = va;
	mlx->icm_other = other;
	put_base(hca, 0x30, place(&va, log_qp, c->qpc_sz), log_qp);
	put_base(hca, 0x60, place(&va, log_qp, c->altc_sz), 0);
	put_base(hca, 0x70, place(&va, log_qp, c->auxc_sz), 0);
	put_base(hca, 0x48, place(&va, log_srq, c->srqc_sz), log_srq);
	put_base(hca, 0x50, place(&va, log_cq, c->cqc_sz), log_cq);
	put_base(hca, 0x80, place(&va, log_eq, c->eqc_sz), log_eq);
	put_base(hca, 0x100, place(&va, log_mtt, c->mtt_sz), 0);
	put_base(hca, 0xf0, place(&va, log_mpt, c->dmpt_sz), 0);
	be32_put(hca + 0xf8, log_mpt);
	mlx->log_mc = MLX4_LOG_MC;
	put_base(hca, 0xc0, place(&va, mlx->log_mc + 1, MLX4_MCG_SIZE), 0);
	be32_put(hca + 0xd0, log_up(MLX4_MCG_SIZE));
	be32_put(hca + 0xd4, mlx->log_mc);
	/* Hash buckets plus as many overflow entries; unicast steering on */
	be32_put(hca + 0xd8, 1u << 27 | (mlx->log_mc + 1));
	put_base(hca, 0x108, 0, 0);
	mlx->icm_size = round_up(va, MLX4_PAGE);

	rc = mlx4_cmd(mlx, MLX4_CMD_SET_ICM_SIZE, 0, 0, NULL, mlx->icm_size,
		      NULL, &aux_pages);
	if (rc)
		return rc;
	rc = mlx4_buf_alloc_icm(&mlx->aux, (size_t)(aux_pages & 0xffffffff) *
				MLX4_PAGE);
	if (!rc)
		rc = mlx4_map_pages(mlx, MLX4_CMD_MAP_ICM_AUX, MLX4_NO_VA,
				    &mlx->aux);
	for (i = 0; i < 4 && !rc; i++) {
		rc = mlx4_buf_alloc_icm(&mlx->icm_cmpt[i],
					round_up(((uint64_t)1 << logs[i]) *
						 c->cmpt_sz, MLX4_PAGE));
		if (!rc)
			rc = mlx4_map_pages(mlx, MLX4_CMD_MAP_ICM,
					    i * cmpt_span, &mlx->icm_cmpt[i]);
	}
	if (!rc)
		rc = mlx4_buf_alloc_icm(&mlx->icm, mlx->icm_size - other);
	if (!rc)
		rc = mlx4_map_pages(mlx, MLX4_CMD_MAP_ICM, other, &mlx->icm);
	return rc;
}

static int init_hca(struct mlx4 *mlx)
{
	uint8_t *mb = mlx4_mailbox();
	int rc;

	if (!mb)
		return -ENOMEM;
	be32_put(mb + 0x00, 2u << 24);		/* version */
	be32_put(mb + 0x14, 1);			/* UD address vector port check */
	be32_put(mb + 0x128, 8u << 8);		/* log_max_uars */
	rc = map_icm(mlx, mb);
	if (!rc)
		rc = mlx4_cmd(mlx, MLX4_CMD_INIT_HCA, 0, 0, mb, 0, NULL, NULL);
	mlx4_mailbox_free(mb);
	if (!rc)
		mlx->hca_up = true;
	return rc;
}

/* One physical-address memory key covering everything. */
static int setup_mpt(struct mlx4 *mlx)
{
	uint8_t *mb = mlx4_mailbox();
	uint32_t key;
	int rc;

	if (!mb)
		return -ENOMEM;
	mlx->mpt_index = mlx->caps.reserved_mrws;
	key = 0x77000000 | mlx->mpt_index;
	/* r_w, pa, lr, lw, rr, rw, atomic, eb; status 0 = valid */
	be32_put(mb + 0x00, 0xffu << 8);
	be32_put(mb + 0x08, key);
	be32_put(mb + 0x0c, MLX4_PD);
	be32_put(mb + 0x28, 1u << 22);		/* len64: the whole space */
	rc = mlx4_cmd(mlx, MLX4_CMD_SW2HW_MPT, 0, mlx->mpt_index, mb, 0,
		      NULL, NULL);
	mlx4_mailbox_free(mb);
	if (rc)
		return rc;
	mlx->lkey = key << 8 | key >> 24;
	mlx->mpt_up = true;
	return 0;
}

static void eq_doorbell(struct mlx4 *mlx)
{
	writel(cpu_to_be32(mlx->eq.ci & 0xffffff),
	       (uint8_t *)mlx->uar + MLX4_DB_EQ(mlx->eq.eqn));
}

static int create_eq(struct mlx4 *mlx)
{
	struct mlx4_eq *eq = &mlx->eq;
	uint8_t *mb;
	unsigned int i;
	int rc;

	rc = mlx4_buf_alloc(&eq->ring, MLX4_PAGE, MLX4_PAGE);
	if (rc)
		return rc;
	for (i = 0; i < MLX4_EQ_SIZE; i++)
		be32_put((uint8_t *)eq->ring.virt + 32 * i + 28, 0x80);
	eq->ci = 0;
	eq->mtt.first = 2 * (MLX4_MAX_MTTS / 4);
	rc = mlx4_mtt_write(mlx, &eq->ring, &eq->mtt);
	if (rc)
		return rc;
	mb = mlx4_mailbox();
	if (!mb)
		return -ENOMEM;
	be32_put(mb + 0x00, 0xau << 8 | 1u << 17);	/* st fired, oi */
	be32_put(mb + 0x0c, log_up(MLX4_EQ_SIZE) << 24);
	be32_put(mb + 0x18, eq->mtt.base >> 32);
	be32_put(mb + 0x1c, (uint32_t)eq->mtt.base & ~7u);
	rc = mlx4_cmd(mlx, MLX4_CMD_SW2HW_EQ, 0, eq->eqn, mb, 0, NULL, NULL);
	mlx4_mailbox_free(mb);
	if (rc)
		return rc;
	rc = mlx4_cmd(mlx, MLX4_CMD_MAP_EQ, 0, eq->eqn, NULL, ~0ULL, NULL,
		      NULL);
	eq->mapped = !rc;
	return rc;
}

static void destroy_eq(struct mlx4 *mlx)
{
	struct mlx4_eq *eq = &mlx->eq;

	if (eq->mapped) {
		mlx4_cmd(mlx, MLX4_CMD_MAP_EQ, 0, MAP_EQ_UNMAP | eq->eqn,
			 NULL, ~0ULL, NULL, NULL);
		mlx4_hw2sw(mlx, MLX4_CMD_HW2SW_EQ, eq->eqn);
	}
	eq->mapped = false;
}

/* Take in the events: port changes go to the port. */
void mlx4_poll_eq(struct mlx4 *mlx)
{
	struct mlx4_eq *eq = &mlx->eq;
	uint8_t *eqe;
	unsigned int type, port, n = 0;

	if (!eq->mapped)
		return;
	for (;;) {
		eqe = (uint8_t *)eq->ring.virt + 32 * (eq->ci % MLX4_EQ_SIZE);
		if (!!(eqe[31] & 0x80) != !!(eq->ci & MLX4_EQ_SIZE))
			break;
		rmb();
		type = field(eqe, 0, 23, 16);
		if (type == 0x09) {
			port = field(eqe, 12, 29, 28);
			if (port >= 1 && port <= mlx->caps.num_ports &&
			    mlx->port[port - 1].type &&
			    mlx->port[port - 1].type->event)
				mlx->port[port - 1].type->event(
					&mlx->port[port - 1],
					field(eqe, 0, 7, 0));
		}
		eq->ci++;
		n++;
	}
	if (n)
		eq_doorbell(mlx);
}

int mlx4_query_port(struct mlx4 *mlx, unsigned int port, bool *link_up,
		    uint8_t *mac, uint32_t *flags)
{
	uint8_t *mb = mlx4_mailbox();
	int rc;

	if (!mb)
		return -ENOMEM;
	rc = mlx4_cmd(mlx, MLX4_CMD_QUERY_PORT, 0, port, NULL, 0, mb, NULL);
	if (!rc) {
		if (link_up)
			*link_up = field(mb, 0, 31, 31);
		if (flags)
			*flags = be32_get(mb);
		if (mac)
			memcpy(mac, mb + 0x12, 6);
	}
	mlx4_mailbox_free(mb);
	return rc;
}

int mlx4_hca_start(struct mlx4 *mlx)
{
	int rc;

	memset(&mlx->caps, 0, sizeof(mlx->caps));
	mlx->toggle = !!(be32_to_cpu(readl((uint8_t *)mlx->bar0 + MLX4_HCR +
					   24)) & (1u << 21));
	rc = query_fw(mlx);
	if (!rc)
		rc = start_fw(mlx);
	if (!rc)
		rc = query_dev_cap(mlx);
	if (rc)
		goto fail;
	mlx->eq.eqn = 4 * mlx->caps.reserved_uars;
	if (mlx->eq.eqn < mlx->caps.reserved_eqs)
		mlx->eq.eqn = mlx->caps.reserved_eqs;
	rc = init_hca(mlx);
	if (!rc)
		rc = setup_mpt(mlx);
	if (!rc)
		rc = create_eq(mlx);
	if (!rc)
		return 0;
fail:
	mlx4_hca_stop(mlx);
	return rc;
}

static void unmap_one(struct mlx4 *mlx, uint64_t va, struct mlx4_buf *buf)
{
	if (buf->virt)
		mlx4_cmd(mlx, MLX4_CMD_UNMAP_ICM, 0, buf->len / MLX4_PAGE,
			 NULL, va, NULL, NULL);
}

static void unmap_icm(struct mlx4 *mlx)
{
	unsigned int i;

	unmap_one(mlx, mlx->icm_other, &mlx->icm);
	for (i = 0; i < 4; i++)
		unmap_one(mlx, i * mlx->cmpt_span, &mlx->icm_cmpt[i]);
}

static void free_icm(struct mlx4 *mlx)
{
	unsigned int i;

	mlx4_buf_free(&mlx->eq.ring);
	mlx4_buf_free(&mlx->icm);
	for (i = 0; i < 4; i++)
		mlx4_buf_free(&mlx->icm_cmpt[i]);
	mlx4_buf_free(&mlx->aux);
	mlx4_buf_free(&mlx->fa);
}

/* Undo what mlx4_hca_start() did, in reverse; the reset at the end
 * stops anything a failed command left behind. */
void mlx4_hca_stop(struct mlx4 *mlx)
{
	destroy_eq(mlx);
	if (mlx->mpt_up)
		mlx4_hw2sw(mlx, MLX4_CMD_HW2SW_MPT, mlx->mpt_index);
	mlx->mpt_up = false;
	if (mlx->hca_up)
		mlx4_cmd(mlx, MLX4_CMD_CLOSE_HCA, 0, 0, NULL, 0, NULL, NULL);
	unmap_icm(mlx);
	if (mlx->aux.virt)
		mlx4_cmd(mlx, MLX4_CMD_UNMAP_ICM_AUX, 0, 0, NULL, 0, NULL,
			 NULL);
	if (mlx->fa.virt)
		mlx4_cmd(mlx, MLX4_CMD_UNMAP_FA, 0, 0, NULL, 0, NULL, NULL);
	mlx4_reset(mlx);
	free_icm(mlx);
}
