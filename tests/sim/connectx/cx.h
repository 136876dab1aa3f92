/* The ConnectX-3 model's internals, shared by its files:
 *
 *   pci.c     configuration space, BARs, the 0x58/0x5C gateway, reset,
 *             the sim_pci ops and the event clock
 *   hcr.c     the HCR handshake, command dispatch and the trace
 *   fw.c      firmware and ICM commands (QUERY_FW ... INIT_HCA)
 *   icm.c     the ICM virtual-to-physical map, MTT and MPT translation
 *   ctx.c     EQ, CQ, MPT, MTT and QP context commands
 *   queues.c  send/receive rings, completions and events
 *   port.c    Ethernet/IB ports, steering, line rate, port commands
 *   attach.c  the --connectx option
 *
 * Every structure the device shares with the driver is big-endian; the
 * model reaches host memory only through sim_dma(). */
#ifndef CX_H
#define CX_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sim_pci.h>
#include "connectx.h"
#include "pktring.h"

/* Geometry */
#define CX_BAR0_SIZE 0x100000
#define CX_BAR2_SIZE 0x800000		/* 2048 UAR pages */
#define CX_ROM_SIZE 0x100000
#define CX_HCR 0x80680
#define CX_RESET 0xf0010
#define CX_CLR_INT 0xf00d8
#define CX_PAGE 4096
#define CX_MAILBOX 4096
#define CX_SEND_UAR 128			/* UAR page of send doorbells */
#define CX_UAR_PAGES 256		/* log_max_uars 8 */

/* Status codes */
enum {
	CX_OK = 0x00, CX_INTERNAL = 0x01, CX_BAD_OP = 0x02,
	CX_BAD_PARAM = 0x03, CX_BAD_SYS_STATE = 0x04, CX_BAD_RESOURCE = 0x05,
	CX_BUSY = 0x06, CX_EXCEED_LIM = 0x08, CX_BAD_RES_STATE = 0x09,
	CX_BAD_INDEX = 0x0a, CX_ICM_ERROR = 0x0c, CX_BAD_QP_STATE = 0x10,
	CX_BAD_SEG = 0x20, CX_BAD_SIZE = 0x40,
};

/* Opcodes */
enum {
	OP_QUERY_DEV_CAP = 0x003, OP_QUERY_FW = 0x004, OP_QUERY_ADAPTER = 0x006,
	OP_INIT_HCA = 0x007, OP_CLOSE_HCA = 0x008, OP_INIT_PORT = 0x009,
	OP_CLOSE_PORT = 0x00a, OP_SET_PORT = 0x00c, OP_SW2HW_MPT = 0x00d,
	OP_HW2SW_MPT = 0x00f, OP_WRITE_MTT = 0x011, OP_MAP_EQ = 0x012,
	OP_SW2HW_EQ = 0x013, OP_HW2SW_EQ = 0x014, OP_QUERY_EQ = 0x015,
	OP_SW2HW_CQ = 0x016, OP_HW2SW_CQ = 0x017, OP_QUERY_CQ = 0x018,
	OP_RST2INIT = 0x019, OP_INIT2RTR = 0x01a, OP_RTR2RTS = 0x01b,
	OP_RTS2RTS = 0x01c, OP_2ERR = 0x01e, OP_2RST = 0x021,
	OP_QUERY_QP = 0x022, OP_CONF_SPECIAL_QP = 0x023, OP_MAD_IFC = 0x024,
	OP_READ_MCG = 0x025, OP_WRITE_MCG = 0x026, OP_MGID_HASH = 0x027,
	OP_QUERY_PORT = 0x043, OP_SENSE_PORT = 0x04d,
	OP_RUN_FW = 0xff6, OP_UNMAP_ICM = 0xff9, OP_MAP_ICM = 0xffa,
	OP_UNMAP_ICM_AUX = 0xffb, OP_MAP_ICM_AUX = 0xffc,
	OP_SET_ICM_SIZE = 0xffd, OP_UNMAP_FA = 0xffe, OP_MAP_FA = 0xfff,
};

/* Device-wide bring-up state, in the order the firmware requires. */
enum cx_stage { ST_RESET, ST_FW_RUN, ST_HCA };

/* One ICM or firmware-area mapping: a naturally aligned block. */
struct cx_map {
	uint64_t va, pa, len;
};
#define CX_MAX_MAPS 512

/* Limits (log2 sizes) the model advertises */
#define CX_LOG_MAX_QP 16
#define CX_LOG_MAX_CQ 16
#define CX_LOG_MAX_EQ 9
#define CX_LOG_MAX_MPT 17
#define CX_LOG_MAX_MTT 20
#define CX_MAX_QPS 64			/* QPs the model keeps state for */
#define CX_MAX_CQS 64
#define CX_MAX_EQS 16
#define CX_MAX_MPTS 16			/* MPTs the model keeps state for */
#define CX_MAX_MCG 64

/* Entry sizes advertised by QUERY_DEV_CAP */
#define SZ_QPC 256
#define SZ_ALTC 64
#define SZ_AUXC 64
#define SZ_CQC 64
#define SZ_EQC 64
#define SZ_CMPT 64
#define SZ_SRQC 64
#define SZ_DMPT 64
#define SZ_MTT 8
#define SZ_MCG 64

/* A queue buffer: translated through the MTT, page by page. */
struct cx_buf {
	uint64_t mtt_off;		/* byte offset into the MTT table */
	unsigned int log_page;		/* log2 page size */
	uint32_t page_offset;		/* bytes */
};

struct cx_eq {
	bool hw;
	uint32_t num;
	uint8_t ctx[SZ_EQC];
	unsigned int log_size;
	struct cx_buf buf;
	uint32_t pi, ci;
	bool armed;
};

struct cx_cq {
	bool hw, error;
	uint32_t num;
	uint8_t ctx[SZ_CQC];
	unsigned int log_size;
	struct cx_buf buf;
	uint64_t db_rec;
	uint32_t eqn;
	uint32_t pi;
};

enum cx_qp_state { QP_RST, QP_INIT, QP_RTR, QP_RTS, QP_ERR };

struct cx_qp {
	enum cx_qp_state state;
	uint32_t num;
	unsigned int st;		/* service type */
	uint32_t pd, qkey;
	unsigned int port;		/* 1 or 2 */
	unsigned int log_sq, sq_stride, log_rq, rq_stride; /* log2s */
	uint32_t sq_off, rq_off;	/* within the buffer */
	struct cx_buf buf;
	uint32_t cqn_snd, cqn_rcv;
	uint64_t db_rec;
	uint32_t sq_ci;			/* next send WQE to look at */
	uint32_t rq_ci;			/* receive WQEs consumed */
	bool strip_vlan;
};

struct cx_mpt {
	bool hw;
	uint32_t idx;
	uint32_t key, pd, flags;
	uint64_t start, len;
	bool physical, len64;
	uint64_t mtt_off;
	unsigned int log_page;
};

/* Multicast/unicast steering entry as the driver wrote it (64 bytes). */
struct cx_mcg {
	uint8_t raw[SZ_MCG];
};

enum cx_port_kind { PORT_NONE, PORT_ETH, PORT_AUTO, PORT_IB };

struct cx_port {
	enum cx_port_kind kind;
	char ifname[16];
	int fd;				/* raw socket, -1 when none */
	int ifindex;
	uint8_t mac[6];
	bool up;			/* INIT_PORT done */
	bool link;			/* link reported up */
	uint64_t link_at;		/* when the link-up event is due */
	uint64_t sense_at;		/* auto: when SENSE_PORT resolves */
	uint64_t next_rx;		/* line-rate clock, ns */
	struct pktring wire;		/* fd's receive ring */
	uint32_t base_qpn;		/* SET_PORT RQP calc */
	bool promisc;
	uint32_t promisc_qpn, mc_qpn;
	unsigned int mc_mode;
	uint64_t macs[128];		/* SET_PORT MAC table */
	uint32_t mtu;
	unsigned int rate_mbps;
	unsigned long rx_frames, rx_dropped, rx_filtered, tx_frames;
};

/* Faults on demand (see connectx.h for the syntax) */
struct cx_faults {
	uint16_t cmd_op;		/* 0: none */
	uint8_t cmd_status;
	unsigned int cqe_every;		/* every Nth completion is an error */
	bool nolink[3];
	bool nosense;
};

/* Events the device has scheduled. */
enum cx_ev_kind { EV_NONE, EV_HCR, EV_SEND, EV_LINK, EV_RESET_DONE };
#define CX_MAX_EVENTS 64
struct cx_event {
	enum cx_ev_kind kind;
	uint64_t at;
	uint32_t arg;
};

struct cx_dev {
	struct sim_pci pci;
	uint16_t devid;
	uint32_t seed, rng;
	int trace_fd;
	char *stats_path;		/* stats=FILE, or NULL */
	struct cx_faults fault;
	unsigned int ncompletions;

	/* Configuration space and BAR registers */
	uint32_t cfg[1024];
	uint32_t gw_addr;
	uint64_t reset_until;		/* config reads answer 0xffff */
	uint8_t *rom;

	/* HCR: the logical (CPU-order) value of each dword */
	uint32_t hcr[7];
	bool busy, clobbered, t_stale;
	unsigned int toggle;		/* the t of the last command */
	bool t_known;			/* a command ran since reset */

	/* Firmware and ICM */
	enum cx_stage stage;
	bool fa_mapped;
	uint64_t icm_size;
	uint32_t aux_pages;
	bool icm_size_set;
	struct cx_map fa[CX_MAX_MAPS], aux[CX_MAX_MAPS], icm[CX_MAX_MAPS];
	unsigned int nfa, naux, nicm;

	/* INIT_HCA parameters */
	struct {
		uint64_t qpc, srqc, cqc, altc, auxc, eqc, mc, dmpt, mtt, cmpt;
		unsigned int log_qp, log_srq, log_cq, log_eq, log_mpt;
		unsigned int log_mc_entry, log_mc_hash, log_mc_table;
		unsigned int log_uars;
	} hca;

	/* Reserved resources (randomised per seed) */
	unsigned int log_rsvd_qps, log_rsvd_cqs, log_rsvd_mrws, log_rsvd_mtts;
	unsigned int rsvd_eqs, rsvd_uars;
	uint32_t special_qp_base;
	bool special_qp_set;

	struct cx_eq eq[CX_MAX_EQS];
	struct cx_cq cq[CX_MAX_CQS];
	struct cx_qp qp[CX_MAX_QPS];
	struct cx_mpt mpt[CX_MAX_MPTS];
	uint64_t eq_mask[CX_MAX_EQS];	/* MAP_EQ: event types per EQ */

	struct cx_port port[3];		/* [1], [2] */

	struct cx_event ev[CX_MAX_EVENTS];
	uint64_t ev_next;		/* earliest pending event, 0: none */

	/* Counters a test can read */
	struct {
		unsigned long dma_faults, cq_overruns, error_cqes, leaks;
	} stats;
};

/* pci.c */
void cx_reset(struct cx_dev *cx);
/* Rewrite the stats=FILE line (at CLOSE_HCA and at reset). */
void cx_write_stats(struct cx_dev *cx);
uint32_t cx_random(struct cx_dev *cx, uint32_t range);
void cx_schedule(struct cx_dev *cx, enum cx_ev_kind kind, uint64_t delay,
		 uint32_t arg);

/* hcr.c */
uint32_t cx_hcr_read(struct cx_dev *cx, unsigned int dw);
void cx_hcr_write(struct cx_dev *cx, unsigned int dw, uint32_t v);
void cx_hcr_execute(struct cx_dev *cx);

/* A command being executed: decoded HCR fields and mailbox helpers. */
struct cx_cmd {
	struct cx_dev *cx;
	uint16_t op;
	uint8_t opmod;
	uint32_t inmod;
	uint64_t in, out;		/* immediate values or mailbox addresses */
	const uint8_t *inbox;		/* NULL until cx_inbox() */
	size_t inlen;
	uint8_t inbuf[CX_MAILBOX];
	uint8_t outbox[CX_MAILBOX];
	size_t outlen;			/* bytes of outbox to write back */
	uint64_t out_imm;		/* immediate output (dw3/dw4) */
	bool has_out_imm;
};
/* Fetch len bytes of input mailbox; status or CX_OK. */
int cx_inbox(struct cx_cmd *c, size_t len);
/* Request len bytes of output mailbox to be written back. */
uint8_t *cx_outbox(struct cx_cmd *c, size_t len);

/* fw.c: firmware and ICM commands; return a status */
int cx_cmd_fw(struct cx_cmd *c);
/* Count contexts still in hardware ownership and open ports as leaks. */
void cx_count_leaks(struct cx_dev *cx);

/* icm.c */
int cx_map_add(struct cx_dev *cx, struct cx_map *maps, unsigned int *n,
	       const uint8_t *entries, unsigned int count, bool use_va);
uint64_t cx_map_pages(const struct cx_map *maps, unsigned int n);
/* Host memory behind an ICM range wholly inside one mapping; NULL if
 * unmapped. */
void *cx_icm(struct cx_dev *cx, uint64_t va, size_t len);
void cx_icm_unmap(struct cx_dev *cx, uint64_t va, uint64_t pages);
/* Bus address of byte off of a queue buffer (through the MTT); ~0 if
 * the MTT entry is absent. */
uint64_t cx_buf_addr(struct cx_dev *cx, const struct cx_buf *b,
		     uint64_t off);
/* Memory for len bytes at off of a queue buffer (same page), or NULL. */
void *cx_buf_ptr(struct cx_dev *cx, const struct cx_buf *b, uint64_t off,
		 size_t len);
/* Memory for a data segment (lkey, address, length), or NULL when the
 * key or range is refused. */
void *cx_lkey_ptr(struct cx_dev *cx, uint32_t lkey, uint32_t pd,
		  uint64_t addr, size_t len);

/* ctx.c: context commands */
int cx_cmd_ctx(struct cx_cmd *c);
int cx_cmd_qp(struct cx_cmd *c);

/* queues.c */
void cx_send_doorbell(struct cx_dev *cx, uint32_t qpn);
void cx_process_sq(struct cx_dev *cx, uint32_t qpn);
void cx_eq_doorbell(struct cx_dev *cx, uint32_t eqn, uint32_t v);
/* Write one completion; false when the CQ cannot take it. */
bool cx_complete(struct cx_dev *cx, struct cx_qp *qp, bool send,
		 uint32_t byte_cnt, uint16_t wqe_counter, uint8_t opcode,
		 uint8_t syndrome, uint16_t vlan);
void cx_event(struct cx_dev *cx, uint8_t type, uint8_t subtype,
	      const uint32_t data[6]);
/* Hand one frame received on a port to the QP steering picked. */
void cx_receive(struct cx_dev *cx, struct cx_qp *qp, const uint8_t *frame,
		size_t len);
struct cx_qp *cx_qp_find(struct cx_dev *cx, uint32_t qpn);
struct cx_cq *cx_cq_find(struct cx_dev *cx, uint32_t cqn);
struct cx_mpt *cx_mpt_find(struct cx_dev *cx, uint32_t idx);

/* port.c */
int cx_cmd_port(struct cx_cmd *c);
/* Take the frames due by now off the ports' wires; whether any came. */
bool cx_port_poll(struct cx_dev *cx, uint64_t now);
void cx_port_transmit(struct cx_dev *cx, unsigned int port,
		      const uint8_t *frame, size_t len);
void cx_port_link_event(struct cx_dev *cx, unsigned int port);
int cx_port_open(struct cx_port *p);
void cx_port_reset(struct cx_dev *cx);

/* Big-endian fields in device structures */
static inline uint32_t cx_be32(const uint8_t *p, unsigned int off)
{
	return (uint32_t)p[off] << 24 | (uint32_t)p[off + 1] << 16 |
	       (uint32_t)p[off + 2] << 8 | p[off + 3];
}
static inline uint64_t cx_be64(const uint8_t *p, unsigned int off)
{
	return (uint64_t)cx_be32(p, off) << 32 | cx_be32(p, off + 4);
}
static inline void cx_put32(uint8_t *p, unsigned int off, uint32_t v)
{
	p[off] = v >> 24;
	p[off + 1] = v >> 16;
	p[off + 2] = v >> 8;
	p[off + 3] = v;
}
static inline void cx_put64(uint8_t *p, unsigned int off, uint64_t v)
{
	cx_put32(p, off, v >> 32);
	cx_put32(p, off + 4, v);
}

#endif
