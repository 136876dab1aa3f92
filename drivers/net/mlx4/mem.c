/* Memory the device reaches: DMA buffers, page mappings handed to the
 * firmware (MAP_FA, MAP_ICM_AUX, MAP_ICM) and MTT entries that let a
 * queue's context find its pages. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cxboot/io.h>
#include <cxboot/malloc.h>
#include "mlx4.h"

#define MAP_ENTRY 16
#define MAP_ENTRIES (MLX4_MAILBOX / MAP_ENTRY)
#define MTT_HDR 16
#define ICM_ALIGN_MAX (256 * 1024)
#define MTT_ENTRY 8
#define MTT_PER_CMD ((MLX4_MAILBOX - MTT_HDR) / MTT_ENTRY)

int mlx4_buf_alloc(struct mlx4_buf *buf, size_t len, size_t align)
{
	buf->virt = malloc_phys(len, align);
	if (!buf->virt)
		return -ENOMEM;
	buf->len = len;
	memset(buf->virt, 0, len);
	return 0;
}

void mlx4_buf_free(struct mlx4_buf *buf)
{
	if (buf->virt)
		free_phys(buf->virt, buf->len);
	buf->virt = NULL;
	buf->len = 0;
}

/* The largest naturally aligned power-of-two block at va/pa that fits
 * in len (all multiples of 4 KiB). */
static unsigned int block_log(uint64_t va, uint64_t pa, uint64_t len)
{
	unsigned int log = 12;

	while (log < 63 && !((va | pa) & (1ULL << log)) &&
	       (2ULL << log) <= len)
		log++;
	return log;
}

/* A buffer for ICM or the firmware: aligned to its size up to a limit,
 * so that it maps as few large blocks. */
int mlx4_buf_alloc_icm(struct mlx4_buf *buf, size_t len)
{
	size_t align = MLX4_PAGE;

	while (align < ICM_ALIGN_MAX && 2 * align <= len)
		align *= 2;
	return mlx4_buf_alloc(buf, len, align);
}

/* Map buf (4 KiB multiple) with op as naturally aligned power-of-two
 * blocks, a mailbox full at a time.  For ICM, at virtual address va
 * (which then must share the blocks' alignment); the firmware area and
 * the auxiliary area have no virtual address (MLX4_NO_VA). */
int mlx4_map_pages(struct mlx4 *mlx, unsigned int op, uint64_t va,
		   const struct mlx4_buf *buf)
{
	bool use_va = va != MLX4_NO_VA;
	uint64_t pa = virt_to_bus(buf->virt);
	uint64_t left = buf->len;
	uint8_t *mb = mlx4_mailbox();
	unsigned int n = 0, log;
	int rc = 0;

	if (!mb)
		return -ENOMEM;
	if (!use_va)
		va = 0;
	while (left && !rc) {
		log = block_log(use_va ? va : 0, pa, left);
		if (use_va) {
			be32_put(mb + n * MAP_ENTRY, va >> 32);
			be32_put(mb + n * MAP_ENTRY + 4, va & ~0xfffULL);
		}
		be32_put(mb + n * MAP_ENTRY + 8, pa >> 32);
		be32_put(mb + n * MAP_ENTRY + 12,
			 (pa & ~0xfffULL) | (log - 12));
		va += 1ULL << log;
		pa += 1ULL << log;
		left -= 1ULL << log;
		if (++n == MAP_ENTRIES || !left) {
			rc = mlx4_cmd(mlx, op, 0, n, mb, 0, NULL, NULL);
			memset(mb, 0, MLX4_MAILBOX);
			n = 0;
		}
	}
	mlx4_mailbox_free(mb);
	return rc;
}

/* Point MTT entries mtt->first... at the pages of buf (4 KiB aligned). */
int mlx4_mtt_write(struct mlx4 *mlx, const struct mlx4_buf *buf,
		   struct mlx4_mtt *mtt)
{
	uint64_t pa = virt_to_bus(buf->virt);
	unsigned int i, n, done = 0;
	uint8_t *mb;
	int rc = 0;

	mtt->count = (buf->len + MLX4_PAGE - 1) / MLX4_PAGE;
	if (mtt->first + mtt->count > MLX4_MAX_MTTS)
		return -ENOSPC;
	mtt->base = (uint64_t)(mlx->caps.reserved_mtts + mtt->first) *
		    mlx->caps.mtt_sz;
	mb = mlx4_mailbox();
	if (!mb)
		return -ENOMEM;
	while (done < mtt->count && !rc) {
		n = mtt->count - done;
		if (n > MTT_PER_CMD)
			n = MTT_PER_CMD;
		memset(mb, 0, MLX4_MAILBOX);
		be64_put(mb, mtt->base + (uint64_t)done * mlx->caps.mtt_sz);
		for (i = 0; i < n; i++, pa += MLX4_PAGE)
			be64_put(mb + MTT_HDR + i * MTT_ENTRY, pa | 1);
		rc = mlx4_cmd(mlx, MLX4_CMD_WRITE_MTT, 0, n, mb, 0, NULL, NULL);
		done += n;
	}
	mlx4_mailbox_free(mb);
	return rc;
}
