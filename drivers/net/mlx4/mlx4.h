/* Mellanox ConnectX, ConnectX-2 and ConnectX-3 ("mlx4") driver internals.
 *
 * One struct mlx4 per PCI function; one struct mlx4_port per physical
 * port.  The HCA (firmware, ICM, memory key, event queue) is brought up
 * when the first port opens and reset when the last one closes, so the
 * device is quiet whenever no port is open.  A port has a kind (Ethernet
 * today, InfiniBand later) whose operations build on the shared queues.
 *
 * Every device structure is big-endian; the MLX4_* offsets below name
 * byte offsets and bit positions as the PRM documents them, and the code
 * reads and writes them with be32_get/be32_put. */
#ifndef DRIVERS_NET_MLX4_H
#define DRIVERS_NET_MLX4_H
#include <stdint.h>
#include <stdbool.h>
#include <byteswap.h>
#include <cxboot/pci.h>
#include <net/netdevice.h>

#define MLX4_PAGE 4096
#define MLX4_MAX_PORTS 2
#define MLX4_MAILBOX 4096

/* BAR0 registers */
#define MLX4_BAR0_LEN 0x100000
#define MLX4_RESET 0xf0010
#define MLX4_RESET_MAGIC 0x00000001	/* big-endian on the bus */
#define MLX4_HCR 0x80680

/* BAR2 (UAR) doorbells: EQs in pages 0-127, everything else page 128 */
#define MLX4_UAR_PAGES 129
#define MLX4_UAR_DB_PAGE 128
#define MLX4_DB_SEND 0x14
#define MLX4_DB_EQ(eqn) (0x800 + MLX4_PAGE * ((eqn) / 4) + 8 * ((eqn) % 4))

/* Command opcodes */
enum {
	MLX4_CMD_QUERY_DEV_CAP = 0x003,
	MLX4_CMD_QUERY_FW = 0x004,
	MLX4_CMD_INIT_HCA = 0x007,
	MLX4_CMD_CLOSE_HCA = 0x008,
	MLX4_CMD_INIT_PORT = 0x009,
	MLX4_CMD_CLOSE_PORT = 0x00a,
	MLX4_CMD_SET_PORT = 0x00c,
	MLX4_CMD_SW2HW_MPT = 0x00d,
	MLX4_CMD_HW2SW_MPT = 0x00f,
	MLX4_CMD_WRITE_MTT = 0x011,
	MLX4_CMD_MAP_EQ = 0x012,
	MLX4_CMD_SW2HW_EQ = 0x013,
	MLX4_CMD_HW2SW_EQ = 0x014,
	MLX4_CMD_SW2HW_CQ = 0x016,
	MLX4_CMD_HW2SW_CQ = 0x017,
	MLX4_CMD_RST2INIT_QP = 0x019,
	MLX4_CMD_INIT2RTR_QP = 0x01a,
	MLX4_CMD_RTR2RTS_QP = 0x01b,
	MLX4_CMD_2RST_QP = 0x021,
	MLX4_CMD_READ_MCG = 0x025,
	MLX4_CMD_WRITE_MCG = 0x026,
	MLX4_CMD_MGID_HASH = 0x027,
	MLX4_CMD_QUERY_PORT = 0x043,
	MLX4_CMD_SENSE_PORT = 0x04d,
	MLX4_CMD_UNMAP_ICM = 0xff9,
	MLX4_CMD_MAP_ICM = 0xffa,
	MLX4_CMD_UNMAP_ICM_AUX = 0xffb,
	MLX4_CMD_MAP_ICM_AUX = 0xffc,
	MLX4_CMD_SET_ICM_SIZE = 0xffd,
	MLX4_CMD_UNMAP_FA = 0xffe,
	MLX4_CMD_MAP_FA = 0xfff,
	MLX4_CMD_RUN_FW = 0xff6,
};

/* Capabilities read by QUERY_DEV_CAP and QUERY_FW */
struct mlx4_caps {
	unsigned int fw_pages;
	unsigned int fw_major, fw_minor, fw_sub;
	unsigned int reserved_qps, reserved_srqs, reserved_cqs;
	unsigned int reserved_eqs, reserved_mrws, reserved_mtts;
	unsigned int reserved_uars;
	unsigned int num_ports;
	bool dpdp;
	unsigned int qpc_sz, altc_sz, auxc_sz, srqc_sz, cqc_sz, eqc_sz;
	unsigned int cmpt_sz, dmpt_sz, mtt_sz;
};

/* A physically contiguous DMA buffer this driver allocated. */
struct mlx4_buf {
	void *virt;
	size_t len;
};

/* MTT entries covering one buffer of whole 4 KiB pages. */
struct mlx4_mtt {
	unsigned int first;	/* set by the owner: index past the reserved */
	unsigned int count;
	uint64_t base;		/* byte offset of the first entry in the MTT */
};

struct mlx4_eq {
	unsigned int eqn;
	unsigned int ci;
	struct mlx4_buf ring;
	struct mlx4_mtt mtt;
	bool mapped;
};

struct mlx4_cq {
	unsigned int cqn;
	unsigned int size;	/* entries, a power of two */
	unsigned int ci;
	struct mlx4_buf ring;
	struct mlx4_buf dbrec;	/* update_ci record */
	struct mlx4_mtt mtt;
	bool hw;
};

/* A queue pair: the send ring (128-byte entries) then the receive ring
 * (32-byte entries) in one buffer, and the I/O buffer of each slot. */
struct mlx4_qp {
	unsigned int qpn;
	unsigned int sq_size, rq_size;	/* entries, powers of two */
	unsigned int sq_pi, sq_ci;	/* posted and completed sends */
	unsigned int rq_pi, rq_ci;
	struct mlx4_buf ring;		/* SQ then RQ */
	struct mlx4_buf dbrec;		/* receive counter record */
	struct mlx4_mtt mtt;
	struct io_buffer **sq_iob, **rq_iob;
	bool hw;
};

#define MLX4_SQ_STRIDE 128
#define MLX4_RQ_STRIDE 32

struct mlx4;
struct mlx4_port;

/* What a kind of port does on top of the shared HCA. */
struct mlx4_port_type {
	const char *name;		/* "Ethernet", "InfiniBand" */
	int (*probe)(struct mlx4_port *port);	/* make its netdev */
	void (*event)(struct mlx4_port *port, unsigned int subtype);
};

enum mlx4_link_type { MLX4_PORT_ETH, MLX4_PORT_IB };

struct mlx4_port {
	struct mlx4 *mlx;
	unsigned int num;		/* 1 or 2 */
	enum mlx4_link_type link;
	const struct mlx4_port_type *type;
	struct net_device *netdev;
	uint8_t mac[6];
	struct mlx4_cq cq;
	struct mlx4_qp qp;
	unsigned long link_checked;
};

struct mlx4 {
	struct pci_device *pci;
	void *bar0;
	void *uar;
	unsigned int toggle;		/* HCR t bit */
	unsigned int open_count;	/* ports open; the HCA runs while > 0 */
	struct mlx4_caps caps;
	struct mlx4_buf fa, aux;	/* firmware area, ICM auxiliary */
	struct mlx4_buf icm_cmpt[4], icm;	/* cMPT pieces, the rest */
	uint64_t icm_size;		/* virtual extent */
	uint64_t cmpt_span, icm_other;	/* cMPT stride, start of the rest */
	unsigned int log_mc;		/* log2 MC hash and table size */
	uint32_t lkey;
	unsigned int mpt_index;
	struct mlx4_eq eq;
	bool hca_up, mpt_up;
	struct mlx4_port port[MLX4_MAX_PORTS];
	uint32_t cfg_save[64];
};

/* Resource numbers used above the reserved ones. */
#define MLX4_MAX_QPS 8
#define MLX4_MAX_CQS 8
#define MLX4_MAX_EQS 4
#define MLX4_MAX_MTTS 1024
#define MLX4_LOG_MC 3
#define MLX4_MCG_SIZE 64
#define MLX4_PD 0x123456
#define MLX4_EQ_SIZE 8

/* cmd.c: the HCR.  in/out are 4 KiB mailboxes or NULL; imm_in is the
 * immediate input when in is NULL; *imm_out gets dw3/4. */
int mlx4_cmd(struct mlx4 *mlx, unsigned int op, unsigned int opmod,
	     uint32_t in_mod, const void *in, uint64_t imm_in, void *out,
	     uint64_t *imm_out);
void *mlx4_mailbox(void);
int mlx4_hw2sw(struct mlx4 *mlx, unsigned int op, uint32_t index);
void mlx4_mailbox_free(void *mb);

/* mem.c: DMA buffers and MTTs */
int mlx4_buf_alloc(struct mlx4_buf *buf, size_t len, size_t align);
void mlx4_buf_free(struct mlx4_buf *buf);
#define MLX4_NO_VA (~0ULL)
int mlx4_buf_alloc_icm(struct mlx4_buf *buf, size_t len);
int mlx4_map_pages(struct mlx4 *mlx, unsigned int op, uint64_t va,
		   const struct mlx4_buf *buf);
int mlx4_mtt_write(struct mlx4 *mlx, const struct mlx4_buf *buf,
		   struct mlx4_mtt *mtt);

/* hca.c: bring-up and teardown of the whole HCA */
int mlx4_reset(struct mlx4 *mlx);
int mlx4_hca_start(struct mlx4 *mlx);
void mlx4_hca_stop(struct mlx4 *mlx);
void mlx4_poll_eq(struct mlx4 *mlx);
int mlx4_query_port(struct mlx4 *mlx, unsigned int port, bool *link_up,
		    uint8_t *mac, uint32_t *flags);

/* queues.c: CQs and QPs */
int mlx4_cq_create(struct mlx4 *mlx, struct mlx4_cq *cq, unsigned int size);
void mlx4_cq_destroy(struct mlx4 *mlx, struct mlx4_cq *cq);
void *mlx4_cq_next(struct mlx4_cq *cq);
void mlx4_cq_done(struct mlx4_cq *cq);
int mlx4_qp_create(struct mlx4 *mlx, struct mlx4_qp *qp, unsigned int st,
		   unsigned int sq, unsigned int rq, struct mlx4_cq *cq,
		   unsigned int port);
void mlx4_qp_stop(struct mlx4 *mlx, struct mlx4_qp *qp);
void mlx4_qp_destroy(struct mlx4 *mlx, struct mlx4_qp *qp);
void *mlx4_sq_wqe(struct mlx4_qp *qp, unsigned int idx);
void *mlx4_rq_wqe(struct mlx4_qp *qp, unsigned int idx);
void mlx4_sq_ring(struct mlx4 *mlx, struct mlx4_qp *qp);

/* eth.c */
extern const struct mlx4_port_type mlx4_eth_port;
/* main.c: a port that is not supported yet */
extern const struct mlx4_port_type mlx4_ib_port;

#endif
