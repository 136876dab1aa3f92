/* The model's own tests: a minimal correct driver brings the device up
 * through its sim_pci ops (reset, firmware, ICM, INIT_HCA, MPT, MTT, EQ,
 * CQ, an Ethernet QP), sends and receives a frame over a socket pair
 * standing in for the wire, and wrong drivers are refused as the
 * hardware refuses them, one test per risk. */
#include <stdio.h>
#include <string.h>
#include <cxboot/io.h>
#include <cxboot/malloc.h>
#include <cxboot/pci.h>
#include <stdlib.h>
#include "linux_api.h"
#include "cx.h"
#include "../../unit/test.h"

#define GO (1u << 23)
#define T_BIT (1u << 21)
#define SYS_socketpair 53
#define AF_UNIX 1
#define SOCK_DGRAM 2

/* The test driver's view of one device */
struct drv {
	struct cx_dev *cx;
	struct sim_pci *fn;
	unsigned int toggle;
	uint8_t *in, *out;		/* 4 KiB mailboxes */
	int wire;			/* our end of port 1's wire */
	/* from QUERY_DEV_CAP */
	unsigned int rsvd_qps, rsvd_cqs, rsvd_mrws, rsvd_mtts, eqn;
	/* ICM layout */
	uint64_t qpc, cqc, eqc, dmpt, mtt, mc, altc, auxc, srqc;
	uint64_t icm_size;
	uint32_t mpt_idx, lkey, cqn, qpn, next_mtt;
	uint8_t *eq_buf, *cq_buf, *qp_buf;
	uint32_t *cq_db, *rq_db;
	uint32_t eq_ci, cq_ci, sq_pi, rq_pi;
};

#define PD 0x123456
#define LOG_QP 8
#define LOG_CQ 8
#define LOG_EQ 5
#define LOG_MPT 6
#define LOG_MTT 12
#define LOG_MC 6
#define LOG_SQ 3
#define LOG_RQ 3
#define LOG_CQE 3
#define MAC_TABLE_BYTES 1024
#define MAC1 "\x00\x02\xc9\x00\x07\x01"

static void hcr_write(struct drv *d, unsigned int dw, uint32_t v)
{
	d->fn->op->bar_write(d->fn, 0, CX_HCR + dw * 4, 4,
			     __builtin_bswap32(v));
}

static uint32_t hcr_read(struct drv *d, unsigned int dw)
{
	d->fn->op->poll(d->fn);
	return __builtin_bswap32(d->fn->op->bar_read(d->fn, 0, CX_HCR + dw * 4,
						     4));
}

/* Poll the device until cond holds or a second has passed. */
#define WAIT(d, cond) ({                                          \
	uint64_t end_ = sim_usecs() + 1000000;                    \
	while (!(cond) && sim_usecs() < end_)                     \
		(d)->fn->op->poll((d)->fn);                       \
	(cond); })

static void post(struct drv *d, uint16_t op, uint8_t opmod, uint32_t inmod,
		 uint64_t in, uint64_t out)
{
	d->toggle ^= 1;
	hcr_write(d, 0, in >> 32);
	hcr_write(d, 1, in);
	hcr_write(d, 2, inmod);
	hcr_write(d, 3, out >> 32);
	hcr_write(d, 4, out);
	hcr_write(d, 5, 0);
	hcr_write(d, 6, GO | (d->toggle ? T_BIT : 0) | opmod << 12 | op);
}

/* Wait for go to clear; the status. */
static int finish(struct drv *d)
{
	if (!WAIT(d, !(hcr_read(d, 6) & GO)))
		return -1;
	return hcr_read(d, 6) >> 24;
}

static int cmd(struct drv *d, uint16_t op, uint8_t opmod, uint32_t inmod,
	       uint64_t in, uint64_t out)
{
	post(d, op, opmod, inmod, in, out);
	return finish(d);
}

static uint64_t bus(const void *p)
{
	return virt_to_bus((void *)p);
}

static int mbox_cmd(struct drv *d, uint16_t op, uint8_t opmod,
		    uint32_t inmod)
{
	return cmd(d, op, opmod, inmod, bus(d->in), bus(d->out));
}

static void *dma(size_t len, size_t align)
{
	void *p = malloc_phys(len, align);

	if (p)
		memset(p, 0, len);
	return p;
}

static void map_entry(uint8_t *e, uint64_t va, void *pa, unsigned int log)
{
	cx_put64(e, 0, va);
	cx_put64(e, 8, bus(pa) | log);
}

static struct drv *drv_new(uint32_t seed)
{
	static struct drv d;
	struct cx_config conf = { .seed = seed, .bdf = PCI_BDF(0, 0x10, 0) };
	int sv[2];

	memset(&d, 0, sizeof(d));
	d.cx = cx_create(&conf);
	d.fn = cx_pci(d.cx);
	d.in = dma(CX_MAILBOX, CX_MAILBOX);
	d.out = dma(CX_MAILBOX, CX_MAILBOX);
	/* port 1's wire: a datagram socket pair */
	d.wire = -1;
	if (linux_syscall(SYS_socketpair, AF_UNIX, SOCK_DGRAM, 0, (long)sv,
			  0, 0) == 0) {
		d.cx->port[1].kind = PORT_ETH;
		d.cx->port[1].fd = sv[0];
		d.cx->port[1].rate_mbps = 10000;
		memcpy(d.cx->port[1].mac, MAC1, 6);
		d.wire = sv[1];
	}
	return &d;
}

static void drv_free(struct drv *d)
{
	if (d->wire >= 0)
		linux_close(d->wire);
	cx_destroy(d->cx);
}

/* Firmware up: reset, QUERY_FW, MAP_FA, RUN_FW, QUERY_DEV_CAP. */
static int fw_up(struct drv *d)
{
	uint32_t pages;
	unsigned int log = 0;
	void *fa;
	int rc;

	d->fn->op->bar_write(d->fn, 0, CX_RESET, 4, __builtin_bswap32(1));
	if (!WAIT(d, d->fn->op->cfg_read(d->fn, 0, 2) == 0x15b3))
		return -1;
	if ((rc = mbox_cmd(d, OP_QUERY_FW, 0, 0)))
		return rc;
	pages = cx_be32(d->out, 0) >> 16;
	while ((1u << log) < pages)
		log++;
	fa = dma((size_t)CX_PAGE << log, (size_t)CX_PAGE << log);
	map_entry(d->in, 0, fa, log);
	if ((rc = mbox_cmd(d, OP_MAP_FA, 0, 1)) ||
	    (rc = cmd(d, OP_RUN_FW, 0, 0, 0, 0)) ||
	    (rc = mbox_cmd(d, OP_QUERY_DEV_CAP, 0, 0)))
		return rc;
	d->rsvd_qps = 1u << ((cx_be32(d->out, 0x10) >> 8) & 0xf);
	d->rsvd_cqs = 1u << ((cx_be32(d->out, 0x18) >> 8) & 0xf);
	d->rsvd_mrws = 1u << ((cx_be32(d->out, 0x20) >> 8) & 0xf);
	d->rsvd_mtts = 1u << (cx_be32(d->out, 0x20) >> 28);
	d->eqn = cx_be32(d->out, 0x18) >> 24;
	if (4 * (cx_be32(d->out, 0x48) >> 28) > d->eqn)
		d->eqn = 4 * (cx_be32(d->out, 0x48) >> 28);
	return 0;
}

/* Place a table of size bytes in ICM (aligned to its size) and map it. */
static int icm_table(struct drv *d, uint64_t *va, uint64_t size)
{
	unsigned int log = 0;

	if (size < CX_PAGE)
		size = CX_PAGE;
	while (((uint64_t)CX_PAGE << log) < size)
		log++;
	size = (uint64_t)CX_PAGE << log;
	d->icm_size = (d->icm_size + size - 1) & ~(size - 1);
	*va = d->icm_size;
	d->icm_size += size;
	map_entry(d->in, *va, dma(size, size), log);
	return mbox_cmd(d, OP_MAP_ICM, 0, 1);
}

static void icm_layout(struct drv *d)
{
	d->icm_size = 0x100000;	/* the cMPT regions would sit below */
}

/* SET_ICM_SIZE, MAP_ICM_AUX, MAP_ICM, INIT_HCA */
static int hca_up(struct drv *d)
{
	uint64_t sizes[] = {
		(uint64_t)SZ_QPC << LOG_QP, (uint64_t)SZ_CQC << LOG_CQ,
		(uint64_t)SZ_EQC << LOG_EQ, (uint64_t)SZ_DMPT << LOG_MPT,
		(uint64_t)SZ_MTT << LOG_MTT, (uint64_t)SZ_MCG << LOG_MC,
		(uint64_t)SZ_ALTC << LOG_QP, (uint64_t)SZ_AUXC << LOG_QP,
		SZ_SRQC,
	};
	uint64_t *vas[] = { &d->qpc, &d->cqc, &d->eqc, &d->dmpt, &d->mtt,
			    &d->mc, &d->altc, &d->auxc, &d->srqc };
	uint32_t aux;
	unsigned int log = 0;
	uint8_t *in = d->in;
	int rc;

	icm_layout(d);
	if ((rc = cmd(d, OP_SET_ICM_SIZE, 0, 0, 0x1000000, 0)))
		return rc;
	aux = hcr_read(d, 4);
	while ((1u << log) < aux)
		log++;
	map_entry(d->in, 0, dma((size_t)CX_PAGE << log, (size_t)CX_PAGE << log),
		  log);
	if ((rc = mbox_cmd(d, OP_MAP_ICM_AUX, 0, 1)))
		return rc;
	for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		if ((rc = icm_table(d, vas[i], sizes[i])))
			return rc;
	}
	memset(in, 0, 0x200);
	in[0] = 2;
	cx_put64(in, 0x30, d->qpc | LOG_QP);
	cx_put64(in, 0x48, d->srqc);
	cx_put64(in, 0x50, d->cqc | LOG_CQ);
	cx_put64(in, 0x60, d->altc);
	cx_put64(in, 0x70, d->auxc);
	cx_put64(in, 0x80, d->eqc | LOG_EQ);
	cx_put64(in, 0xc0, d->mc);
	cx_put32(in, 0xd0, 6);
	cx_put32(in, 0xd4, LOG_MC - 1);
	cx_put32(in, 0xd8, LOG_MC);
	cx_put64(in, 0xf0, d->dmpt);
	cx_put32(in, 0xf8, LOG_MPT);
	cx_put64(in, 0x100, d->mtt);
	cx_put64(in, 0x108, 0);
	cx_put32(in, 0x128, 8 << 8);
	return mbox_cmd(d, OP_INIT_HCA, 0, 0);
}

/* One physical MPT: lkey covers all memory with PD. */
static int mpt_up(struct drv *d)
{
	uint32_t key;

	d->mpt_idx = d->rsvd_mrws;
	key = 0x77000000 | d->mpt_idx;
	d->lkey = key << 8 | key >> 24;
	memset(d->in, 0, 64);
	cx_put32(d->in, 0x00, 1u << 9 | 0xf << 10);	/* physical, access */
	cx_put32(d->in, 0x08, key);
	cx_put32(d->in, 0x0c, PD);
	cx_put32(d->in, 0x28, 1u << 22);			/* len64 */
	return mbox_cmd(d, OP_SW2HW_MPT, 0, d->mpt_idx);
}

/* Write MTT entries for a buffer of pages; its MTT byte offset. */
static int mtt_for(struct drv *d, void *buf, unsigned int pages,
		   uint64_t *off)
{
	*off = (uint64_t)(d->rsvd_mtts + d->next_mtt) * SZ_MTT;
	d->next_mtt += pages;
	memset(d->in, 0, 16 + pages * 8);
	cx_put64(d->in, 0, *off);
	for (unsigned int i = 0; i < pages; i++)
		cx_put64(d->in, 16 + i * 8,
			 bus((uint8_t *)buf + i * CX_PAGE) | 1);
	return mbox_cmd(d, OP_WRITE_MTT, 0, pages);
}

static int eq_up(struct drv *d)
{
	uint64_t mtt;
	int rc;

	d->eq_buf = dma(CX_PAGE, CX_PAGE);
	memset(d->eq_buf, 0x80, CX_PAGE);	/* owner 1: not valid yet */
	if ((rc = mtt_for(d, d->eq_buf, 1, &mtt)))
		return rc;
	memset(d->in, 0, 64);
	cx_put32(d->in, 0x00, 0xa << 8 | 1u << 17);
	cx_put32(d->in, 0x0c, 3u << 24);		/* 8 entries */
	d->in[0x1b] = mtt >> 32;
	cx_put32(d->in, 0x1c, mtt);
	if ((rc = mbox_cmd(d, OP_SW2HW_EQ, 0, d->eqn)))
		return rc;
	return cmd(d, OP_MAP_EQ, 0, d->eqn, ~0ull, 0);
}

static int cq_up(struct drv *d, unsigned int log_size)
{
	uint64_t mtt;
	int rc;

	d->cqn = d->rsvd_cqs;
	d->cq_buf = dma(CX_PAGE, CX_PAGE);
	d->cq_db = dma(8, 8);
	memset(d->cq_buf, 0x80, CX_PAGE);
	if ((rc = mtt_for(d, d->cq_buf, 1, &mtt)))
		return rc;
	memset(d->in, 0, 64);
	cx_put32(d->in, 0x00, 0xa << 8);
	cx_put32(d->in, 0x0c, log_size << 24 | 128);
	cx_put32(d->in, 0x14, d->eqn);
	d->in[0x1b] = mtt >> 32;
	cx_put32(d->in, 0x1c, mtt);
	cx_put64(d->in, 0x38, bus(d->cq_db));
	return mbox_cmd(d, OP_SW2HW_CQ, 0, d->cqn);
}

/* An Ethernet QP (MLX type, port 1): 8 x 128-byte send WQEs and
 * 8 x 32-byte receive WQEs, through RST2INIT, INIT2RTR, RTR2RTS. */
static int qp_up(struct drv *d)
{
	uint64_t mtt;
	int rc;

	d->qpn = d->rsvd_qps + 8;
	d->qp_buf = dma(2 * CX_PAGE, CX_PAGE);
	d->rq_db = dma(4, 4);
	memset(d->qp_buf, 0xff, 1024);		/* SQ: owner 1 everywhere */
	if ((rc = mtt_for(d, d->qp_buf, 2, &mtt)))
		return rc;
	memset(d->in, 0, 0x200);
	cx_put32(d->in, 8, 7u << 16 | 3u << 11);	/* MLX, migrated */
	cx_put32(d->in, 12, PD);
	cx_put32(d->in, 16, LOG_RQ << 19 | 1 << 16 | LOG_SQ << 11 | 3 << 8);
	cx_put32(d->in, 20, 128);
	d->in[0x40] = 0x83;				/* port 1 */
	cx_put32(d->in, 33 * 4, d->cqn);
	cx_put32(d->in, 41 * 4, d->cqn);
	cx_put64(d->in, 42 * 4, bus(d->rq_db));
	cx_put32(d->in, 52 * 4, mtt >> 32);
	cx_put32(d->in, 53 * 4, mtt);
	if ((rc = mbox_cmd(d, OP_RST2INIT, 0, d->qpn)))
		return rc;
	memset(d->in, 0, 0x200);
	d->in[0x40] = 0x83;
	if ((rc = mbox_cmd(d, OP_INIT2RTR, 0, d->qpn)))
		return rc;
	memset(d->in, 0, 0x200);
	return mbox_cmd(d, OP_RTR2RTS, 0, d->qpn);
}

static uint8_t *eqe(struct drv *d);

/* INIT_PORT 1 and wait for its link-up event. */
static int port_up(struct drv *d)
{
	int rc = cmd(d, OP_INIT_PORT, 0, 1, 0, 0);

	if (rc)
		return rc;
	if (!WAIT(d, eqe(d) != NULL))
		return -1;
	d->eq_ci++;
	return 0;
}

/* The whole bring-up; 0 or the first failing status. */
static int bringup(struct drv *d, unsigned int log_cq)
{
	int rc;

	if ((rc = fw_up(d)) || (rc = hca_up(d)) || (rc = mpt_up(d)) ||
	    (rc = eq_up(d)) || (rc = cq_up(d, log_cq)) || (rc = qp_up(d)))
		return rc;
	return 0;
}

/* Write send WQE n (owner for its pass unless bad_owner) holding frame. */
static void write_send(struct drv *d, uint32_t n, const void *frame,
		       size_t len, bool bad_owner)
{
	uint8_t *w = d->qp_buf + (n % (1 << LOG_SQ)) * 128;
	bool owner = (n >> LOG_SQ) & 1;
	void *buf = dma(len, 8);

	memcpy(buf, frame, len);
	cx_put32(w, 4, 2);
	cx_put32(w, 8, 0xc | 2);
	cx_put32(w, 16, len);
	cx_put32(w, 20, d->lkey);
	cx_put64(w, 24, bus(buf));
	cx_put32(w, 0, (owner != bad_owner ? 1u << 31 : 0) | 0x0a);
}

static void doorbell(struct drv *d)
{
	d->fn->op->bar_write(d->fn, 2, CX_SEND_UAR * CX_PAGE + 0x14, 4,
			     __builtin_bswap32(d->qpn << 8));
}

/* The next CQE if the device has written it, else NULL. */
static uint8_t *cqe(struct drv *d, unsigned int log_size)
{
	uint8_t *e = d->cq_buf + (d->cq_ci & ((1u << log_size) - 1)) * 32;

	return (e[31] >> 7) == ((d->cq_ci >> log_size) & 1) ? e : NULL;
}

static uint8_t *eqe(struct drv *d)
{
	uint8_t *e = d->eq_buf + (d->eq_ci & 7) * 32;

	return (e[31] >> 7) == ((d->eq_ci >> 3) & 1) ? e : NULL;
}

/* Let the device run until nothing is scheduled. */
static void settle(struct drv *d)
{
	WAIT(d, d->fn->op->next_usecs(d->fn) == 0);
}

static const uint8_t test_frame[64] = {
	0x00, 0x02, 0xc9, 0x00, 0x07, 0x01,	/* to MAC1 */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x09, 0x08, 0x00, 'h', 'i',
};

UNIT_TEST(cx_bringup_send_receive)
{
	struct drv *d = drv_new(7);
	uint8_t got[128], gid[16] = { 0 }, *e, *rxbuf;
	uint32_t hash;
	long n;

	ok(bringup(d, LOG_CQE) == 0);
	/* steering: our unicast MAC to the QP */
	gid[5] = 1;
	gid[7] = 2;
	memcpy(gid + 10, MAC1, 6);
	memcpy(d->in, gid, 16);
	ok(mbox_cmd(d, OP_MGID_HASH, 0, 0) == 0);
	hash = hcr_read(d, 4) & 0xffff;
	memset(d->in, 0, 64);
	cx_put32(d->in, 4, 1);
	memcpy(d->in + 0x10, gid, 16);
	cx_put32(d->in, 0x20, d->qpn);
	ok(mbox_cmd(d, OP_WRITE_MCG, 0, hash) == 0);

	/* link up arrives as a port event after INIT_PORT */
	ok(mbox_cmd(d, OP_QUERY_PORT, 0, 1) == 0 && !(d->out[0] & 0x80));
	ok(cmd(d, OP_INIT_PORT, 0, 1, 0, 0) == 0);
	ok(WAIT(d, eqe(d) != NULL));
	e = eqe(d);
	ok(e && e[1] == 0x09 && e[3] == 4 && (cx_be32(e, 12) >> 28) == 1);
	d->eq_ci++;
	ok(mbox_cmd(d, OP_QUERY_PORT, 0, 1) == 0 && (d->out[0] & 0x80));

	/* send: a frame on the wire and a CQE */
	write_send(d, d->sq_pi++, test_frame, sizeof(test_frame), false);
	doorbell(d);
	ok(WAIT(d, cqe(d, LOG_CQE) != NULL));
	e = cqe(d, LOG_CQE);
	ok(e && (e[31] & 0x1f) == 0x0a && (e[31] & 0x40));
	ok(e && (cx_be32(e, 0) & 0xffffff) == d->qpn);
	d->cq_ci++;
	*d->cq_db = __builtin_bswap32(d->cq_ci);
	n = linux_recvfrom(d->wire, got, sizeof(got), MSG_DONTWAIT, 0, 0);
	ok(n == sizeof(test_frame) && memcmp(got, test_frame, n) == 0);

	/* a frame with no receive WQE posted is dropped and counted */
	linux_sendto(d->wire, test_frame, sizeof(test_frame), 0);
	ok(WAIT(d, d->cx->port[1].rx_dropped == 1));

	/* post one receive WQE, then the frame lands in it */
	rxbuf = dma(2048, 64);
	e = d->qp_buf + 1024;			/* RQ after the SQ */
	cx_put32(e, 0, 2048);
	cx_put32(e, 4, d->lkey);
	cx_put64(e, 8, bus(rxbuf));
	cx_put32(e, 16, 0);
	cx_put32(e, 20, 0x100);
	*d->rq_db = __builtin_bswap32(++d->rq_pi);
	linux_sendto(d->wire, test_frame, sizeof(test_frame), 0);
	ok(WAIT(d, cqe(d, LOG_CQE) != NULL));
	e = cqe(d, LOG_CQE);
	ok(e && !(e[31] & 0x40) && cx_be32(e, 20) == sizeof(test_frame));
	ok(memcmp(rxbuf, test_frame, sizeof(test_frame)) == 0);

	/* another host's unicast is not ours: filtered */
	got[0] = 0;
	memcpy(got, test_frame, sizeof(test_frame));
	got[5] = 0x55;
	linux_sendto(d->wire, got, sizeof(test_frame), 0);
	ok(WAIT(d, d->cx->port[1].rx_filtered == 1));
	drv_free(d);
}

UNIT_TEST(cx_bad_endianness)
{
	struct drv *d = drv_new(1);

	ok(fw_up(d) == 0);
	/* dw6 written in CPU order: go lands elsewhere, nothing runs */
	memset(d->out, 0, 16);
	hcr_write(d, 3, bus(d->out) >> 32);
	hcr_write(d, 4, bus(d->out));
	d->fn->op->bar_write(d->fn, 0, CX_HCR + 24, 4,
			     GO | T_BIT | OP_QUERY_FW);
	settle(d);
	ok(cx_be32(d->out, 0) == 0);
	/* a mailbox in CPU order: reserved bits set */
	cx_put64(d->in, 0, 0);
	*(uint64_t *)(d->in + 8) = bus(dma(CX_PAGE, CX_PAGE));
	ok(mbox_cmd(d, OP_MAP_ICM_AUX, 0, 1) == CX_BAD_SYS_STATE);
	ok(cmd(d, OP_SET_ICM_SIZE, 0, 0, 0x100000, 0) == 0);
	ok(mbox_cmd(d, OP_MAP_ICM_AUX, 0, 1) == CX_BAD_PARAM);
	drv_free(d);
}

UNIT_TEST(cx_go_not_awaited)
{
	struct drv *d = drv_new(2);

	ok(fw_up(d) == 0);
	post(d, OP_QUERY_FW, 0, 0, 0, bus(d->out));
	post(d, OP_QUERY_DEV_CAP, 0, 0, 0, bus(d->out));
	ok(finish(d) == CX_BUSY);
	drv_free(d);
}

UNIT_TEST(cx_t_not_toggled)
{
	struct drv *d = drv_new(3);

	ok(fw_up(d) == 0);
	d->toggle ^= 1;		/* the next post repeats the last t */
	ok(mbox_cmd(d, OP_QUERY_FW, 0, 0) == CX_BAD_SYS_STATE);
	ok(mbox_cmd(d, OP_QUERY_FW, 0, 0) == CX_OK);
	drv_free(d);
}

UNIT_TEST(cx_misaligned_mailbox)
{
	struct drv *d = drv_new(4);

	ok(fw_up(d) == 0);
	ok(cmd(d, OP_SET_ICM_SIZE, 0, 0, 0x100000, 0) == 0);
	map_entry(d->in + 0x100, 0, dma(CX_PAGE, CX_PAGE), 0);
	ok(cmd(d, OP_MAP_ICM_AUX, 0, 1, bus(d->in) + 0x100, 0) ==
	   CX_BAD_PARAM);
	drv_free(d);
}

UNIT_TEST(cx_out_of_order)
{
	struct drv *d = drv_new(5);
	void *fa;

	d->fn->op->bar_write(d->fn, 0, CX_RESET, 4, __builtin_bswap32(1));
	ok(WAIT(d, d->fn->op->cfg_read(d->fn, 0, 2) == 0x15b3));
	ok(mbox_cmd(d, OP_INIT_HCA, 0, 0) == CX_BAD_SYS_STATE);
	ok(mbox_cmd(d, OP_QUERY_DEV_CAP, 0, 0) == CX_BAD_SYS_STATE);
	ok(cmd(d, OP_RUN_FW, 0, 0, 0, 0) == CX_BAD_SYS_STATE);
	fa = dma(128 * CX_PAGE, 128 * CX_PAGE);
	map_entry(d->in, 0, fa, 7);
	ok(mbox_cmd(d, OP_MAP_FA, 0, 1) == 0);
	ok(cmd(d, OP_RUN_FW, 0, 0, 0, 0) == 0);
	ok(mbox_cmd(d, OP_INIT_HCA, 0, 0) == CX_BAD_SYS_STATE);
	drv_free(d);
}

UNIT_TEST(cx_unaligned_map_icm)
{
	struct drv *d = drv_new(6);
	uint8_t *two = dma(4 * CX_PAGE, 2 * CX_PAGE);

	ok(fw_up(d) == 0);
	ok(cmd(d, OP_SET_ICM_SIZE, 0, 0, 0x100000, 0) == 0);
	map_entry(d->in, 0x2000, two + CX_PAGE, 1);	/* pa not 8K aligned */
	ok(mbox_cmd(d, OP_MAP_ICM, 0, 1) == CX_BAD_PARAM);
	map_entry(d->in, 0x1000, two, 1);		/* va not 8K aligned */
	ok(mbox_cmd(d, OP_MAP_ICM, 0, 1) == CX_BAD_PARAM);
	map_entry(d->in, 0x2000, two, 1);
	ok(mbox_cmd(d, OP_MAP_ICM, 0, 1) == CX_OK);
	drv_free(d);
}

UNIT_TEST(cx_context_outside_icm)
{
	struct drv *d = drv_new(8);

	ok(bringup(d, LOG_CQE) == 0);
	/* unmap the CQ table, then a CQ context has nowhere to live */
	ok(cmd(d, OP_UNMAP_ICM, 0, ((uint64_t)SZ_CQC << LOG_CQ) / CX_PAGE,
	       d->cqc, 0) == 0);
	memset(d->in, 0, 64);
	cx_put32(d->in, 0x0c, 3u << 24 | 128);
	cx_put64(d->in, 0x38, bus(d->cq_db));
	ok(mbox_cmd(d, OP_SW2HW_CQ, 0, d->cqn + 1) == CX_ICM_ERROR);
	drv_free(d);
}

UNIT_TEST(cx_reserved_bits_and_bad_op)
{
	struct drv *d = drv_new(9);

	ok(fw_up(d) == 0);
	ok(cmd(d, OP_SET_ICM_SIZE, 0, 0, 0x100000, 0) == 0);
	map_entry(d->in, 0, dma(CX_PAGE, CX_PAGE), 0);
	d->in[14] |= 0x02;				/* bit 9 of pa_l */
	ok(mbox_cmd(d, OP_MAP_ICM_AUX, 0, 1) == CX_BAD_PARAM);
	ok(cmd(d, 0x123, 0, 0, 0, 0) == CX_BAD_OP);
	ok(cmd(d, OP_QUERY_FW, 5, 0, 0, bus(d->out)) == CX_BAD_OP);
	ok(cmd(d, OP_QUERY_FW, 0, 0, 0, bus(d->out)) == CX_OK);
	drv_free(d);
}

UNIT_TEST(cx_owner_after_wrap)
{
	struct drv *d = drv_new(10);
	uint8_t got[128];

	ok(bringup(d, 5) == 0);
	ok(port_up(d) == 0);
	for (int i = 0; i < 8; i++) {
		write_send(d, d->sq_pi++, test_frame, sizeof(test_frame),
			   false);
		doorbell(d);
		settle(d);
	}
	ok(d->cx->port[1].tx_frames == 8);
	/* second pass: a WQE still carrying the first pass's owner */
	write_send(d, d->sq_pi, test_frame, sizeof(test_frame), true);
	doorbell(d);
	settle(d);
	ok(d->cx->port[1].tx_frames == 8);
	write_send(d, d->sq_pi++, test_frame, sizeof(test_frame), false);
	doorbell(d);
	settle(d);
	ok(d->cx->port[1].tx_frames == 9);
	while (linux_recvfrom(d->wire, got, sizeof(got), MSG_DONTWAIT, 0,
			      0) > 0)
		;
	drv_free(d);
}

UNIT_TEST(cx_doorbell_before_wqe)
{
	struct drv *d = drv_new(11);

	ok(bringup(d, LOG_CQE) == 0);
	ok(port_up(d) == 0);
	doorbell(d);
	settle(d);
	write_send(d, d->sq_pi++, test_frame, sizeof(test_frame), false);
	settle(d);
	ok(cqe(d, LOG_CQE) == NULL && d->cx->port[1].tx_frames == 0);
	drv_free(d);
}

UNIT_TEST(cx_cq_overrun)
{
	struct drv *d = drv_new(12);
	uint8_t *e;

	ok(bringup(d, LOG_CQE) == 0);
	ok(port_up(d) == 0);
	/* nine signalled sends into an 8-entry CQ whose update_ci stays 0 */
	for (int i = 0; i < 9; i++) {
		write_send(d, d->sq_pi++, test_frame, sizeof(test_frame),
			   false);
		doorbell(d);
		settle(d);
	}
	e = eqe(d);
	ok(e && e[1] == 0x04 && cx_be32(e, 4) == d->cqn);
	ok(d->cx->stats.cq_overruns == 1);
	/* the CQ stays stopped even once software catches up */
	*d->cq_db = __builtin_bswap32(8);
	write_send(d, d->sq_pi++, test_frame, sizeof(test_frame), false);
	doorbell(d);
	settle(d);
	d->cq_ci = 8;
	ok(cqe(d, LOG_CQE) == NULL);
	drv_free(d);
}

UNIT_TEST(cx_error_cqe_on_bad_wqe)
{
	struct drv *d = drv_new(13);
	uint8_t *e;

	ok(bringup(d, LOG_CQE) == 0);
	ok(port_up(d) == 0);
	write_send(d, d->sq_pi, test_frame, sizeof(test_frame), false);
	cx_put32(d->qp_buf, 20, d->lkey ^ 0x100);	/* a wrong lkey */
	doorbell(d);
	settle(d);
	e = cqe(d, LOG_CQE);
	ok(e && (e[31] & 0x1f) == 0x1e && e[27] == 0x04);
	drv_free(d);
}

UNIT_TEST(cx_reset_wipes_state)
{
	struct drv *d = drv_new(14);

	ok(bringup(d, LOG_CQE) == 0);
	d->fn->op->bar_write(d->fn, 0, CX_RESET, 4, __builtin_bswap32(1));
	ok(d->fn->op->cfg_read(d->fn, 0, 2) == 0xffff);
	ok(WAIT(d, d->fn->op->cfg_read(d->fn, 0, 2) == 0x15b3));
	ok(d->fn->op->cfg_read(d->fn, PCI_BAR0 + 8, 4) == 0xc);
	d->toggle = 0;
	ok(mbox_cmd(d, OP_QUERY_DEV_CAP, 0, 0) == CX_BAD_SYS_STATE);
	ok(mbox_cmd(d, OP_QUERY_CQ, 0, d->cqn) == CX_BAD_SYS_STATE);
	drv_free(d);
}

UNIT_TEST(cx_trace_format)
{
	static const char path[] = "/tmp/cxboot-simtest-trace";
	static const char last[] =
		"\nhcr op=0x123 opmod=0x5 inmod=0xabcdef01 status=0x02\n";
	struct drv *d = drv_new(15);
	char *text, want[160];
	int n;
	void *data;
	size_t len;

	d->cx->trace_fd = linux_syscall(SYS_open, (long)path,
					01 | 0100 | 01000 /* trunc */, 0600,
					0, 0, 0);
	ok(d->cx->trace_fd >= 0);
	ok(fw_up(d) == 0);
	ok(cmd(d, 0x123, 0x5, 0xabcdef01, 0, 0) == CX_BAD_OP);
	linux_close(d->cx->trace_fd);
	d->cx->trace_fd = -1;
	ok(linux_read_file(path, &data, &len) == 0);
	text = data;
	/* MAP_FA's line carries its 16-byte entry, trailing zeros trimmed */
	n = snprintf(want, sizeof(want), "hcr op=0x004 opmod=0x0 "
		     "inmod=0x00000000 status=0x00\nhcr op=0xfff opmod=0x0 "
		     "inmod=0x00000001 status=0x00 in=");
	for (int i = 0; i < 16; i++)
		n += snprintf(want + n, sizeof(want) - n, "%02x", d->in[i]);
	while (want[n - 1] == '0' && want[n - 2] == '0')
		n -= 2;
	want[n++] = '\n';
	ok(len > (size_t)n && memcmp(text, want, n) == 0);
	ok(len > sizeof(last) && memcmp(text + len - (sizeof(last) - 1), last,
					sizeof(last) - 1) == 0);
	free(data);
	drv_free(d);
}

UNIT_TEST(cx_faults_on_demand)
{
	struct drv *d = drv_new(16);

	ok(cx_set_faults(d->cx, "cmd:0x23:0x3+nolink:1+nosense") == 0);
	ok(cx_set_faults(d->cx, "cmd:0x23") != 0);
	ok(cx_set_faults(d->cx, "nolink:3") != 0);
	ok(cx_set_faults(d->cx, "nosensex") != 0);
	ok(bringup(d, LOG_CQE) == 0);
	ok(cmd(d, OP_CONF_SPECIAL_QP, 0, d->rsvd_qps, 0, 0) == CX_BAD_PARAM);
	/* port 1 never links: no event, QUERY_PORT says down */
	ok(cmd(d, OP_INIT_PORT, 0, 1, 0, 0) == 0);
	settle(d);
	ok(eqe(d) == NULL);
	ok(mbox_cmd(d, OP_QUERY_PORT, 0, 1) == 0 && !(d->out[0] & 0x80));
	drv_free(d);
}

UNIT_TEST(cx_sense_port)
{
	struct drv *d = drv_new(17);

	d->cx->port[2].kind = PORT_AUTO;
	ok(bringup(d, LOG_CQE) == 0);
	ok(cmd(d, OP_SENSE_PORT, 0, 1, 0, 0) == 0 && hcr_read(d, 4) == 2);
	/* auto: "unknown" for a while, then Ethernet */
	ok(cmd(d, OP_SENSE_PORT, 0, 2, 0, 0) == 0 && hcr_read(d, 4) == 0);
	ok(WAIT(d, cmd(d, OP_SENSE_PORT, 0, 2, 0, 0) == 0 &&
		   hcr_read(d, 4) == 2));
	d->cx->fault.nosense = true;
	d->cx->port[2].sense_at = 0;
	ok(cmd(d, OP_SENSE_PORT, 0, 2, 0, 0) == 0 && hcr_read(d, 4) == 0);
	ok(cmd(d, OP_SENSE_PORT, 0, 3, 0, 0) == CX_BAD_PARAM);
	drv_free(d);
}

UNIT_TEST(cx_vlan_stripped_into_cqe)
{
	struct drv *d = drv_new(18);
	uint8_t frame[68], *e, *rxbuf = NULL;

	ok(bringup(d, LOG_CQE) == 0);
	ok(port_up(d) == 0);
	/* promiscuous unicast to our QP through SET_PORT RQP calc */
	memset(d->in, 0, MAC_TABLE_BYTES);
	cx_put32(d->in, 0x00, d->qpn);
	cx_put32(d->in, 0x14, 1u << 31 | d->qpn);
	ok(mbox_cmd(d, OP_SET_PORT, 1, 1 | 0x100) == 0);
	rxbuf = dma(2048, 64);
	e = d->qp_buf + 1024;
	cx_put32(e, 0, 2048);
	cx_put32(e, 4, d->lkey);
	cx_put64(e, 8, bus(rxbuf));
	cx_put32(e, 20, 0x100);
	*d->rq_db = __builtin_bswap32(++d->rq_pi);
	memcpy(frame, test_frame, 12);
	frame[12] = 0x81;
	frame[13] = 0x00;
	frame[14] = 0x00;
	frame[15] = 0x2a;			/* VLAN 42 */
	memcpy(frame + 16, test_frame + 12, sizeof(test_frame) - 12);
	frame[0] = 0x02;			/* not our MAC: promiscuous */
	linux_sendto(d->wire, frame, sizeof(frame), 0);
	ok(WAIT(d, cqe(d, LOG_CQE) != NULL));
	e = cqe(d, LOG_CQE);
	ok(e && (cx_be32(e, 0) & (1u << 29)) &&
	   ((cx_be32(e, 12) >> 16) & 0xfff) == 42);
	ok(e && cx_be32(e, 20) == sizeof(test_frame));
	ok(memcmp(rxbuf + 12, test_frame + 12, sizeof(test_frame) - 12) == 0);
	drv_free(d);
}

UNIT_TEST(cx_config_space)
{
	struct drv *d = drv_new(19);
	const struct sim_pci_ops *op = d->fn->op;

	ok(op->cfg_read(d->fn, 0, 4) == 0x100315b3);
	/* BAR sizing: 1 MiB 64-bit BAR0, 8 MiB BAR2 (2048 UAR pages), ROM */
	op->cfg_write(d->fn, PCI_BAR0, 4, 0xffffffff);
	ok(op->cfg_read(d->fn, PCI_BAR0, 4) == 0xfff00004);
	op->cfg_write(d->fn, PCI_BAR0 + 8, 4, 0xffffffff);
	ok(op->cfg_read(d->fn, PCI_BAR0 + 8, 4) == 0xff80000c);
	op->cfg_write(d->fn, PCI_ROM_BAR, 4, 0xfffffffe);
	ok(op->cfg_read(d->fn, PCI_ROM_BAR, 4) == 0xfff00000);
	/* the gateway reaches CR space: a register's value, not its bus
	 * byte lanes */
	ok(fw_up(d) == 0);
	op->cfg_write(d->fn, 0x58, 4, CX_HCR + 24);
	ok(op->cfg_read(d->fn, 0x5c, 4) == hcr_read(d, 6));
	/* the ROM BAR shows the image, 0xff beyond it */
	d->cx->rom = malloc(CX_ROM_SIZE);
	memset(d->cx->rom, 0xff, CX_ROM_SIZE);
	d->cx->rom[0] = 0x55;
	d->cx->rom[1] = 0xaa;
	ok(op->bar_read(d->fn, SIM_PCI_ROM, 0, 2) == 0xaa55);
	ok(op->bar_read(d->fn, SIM_PCI_ROM, 4, 4) == 0xffffffff);
	drv_free(d);
}

UNIT_TEST(cx_teardown_and_leaks)
{
	static const char path[] = "/tmp/cxboot-simtest-stats";
	struct drv *d = drv_new(20);
	void *data;
	size_t len;

	d->cx->stats_path = strdup(path);
	/* a clean teardown in order leaves nothing behind */
	ok(bringup(d, LOG_CQE) == 0);
	ok(port_up(d) == 0);
	ok(cmd(d, OP_CLOSE_PORT, 0, 1, 0, 0) == 0);
	ok(cmd(d, OP_2RST, 3, d->qpn, 0, 0) == 0);
	ok(cmd(d, OP_HW2SW_CQ, 0, d->cqn, 0, 0) == 0);
	ok(cmd(d, OP_MAP_EQ, 0, 1u << 31 | d->eqn, ~0ull, 0) == 0);
	ok(cmd(d, OP_HW2SW_EQ, 0, d->eqn, 0, 0) == 0);
	ok(cmd(d, OP_HW2SW_MPT, 0, d->mpt_idx, 0, 0) == 0);
	ok(cmd(d, OP_CLOSE_HCA, 0, 0, 0, 0) == 0);
	ok(d->cx->stats.leaks == 0);
	ok(linux_read_file(path, &data, &len) == 0 &&
	   strncmp(data, "leaks=0 dma_faults=0 ", 21) == 0);
	free(data);
	/* a second bring-up closed with everything still in hardware */
	d->next_mtt = 0;
	ok(bringup(d, LOG_CQE) == 0);
	ok(cmd(d, OP_CLOSE_HCA, 0, 0, 0, 0) == 0);
	ok(d->cx->stats.leaks == 4);
	ok(linux_read_file(path, &data, &len) == 0 &&
	   strncmp(data, "leaks=4 ", 8) == 0);
	free(data);
	drv_free(d);
}
