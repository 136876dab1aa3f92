/* The ConnectX-3 model's PCI face: configuration space (IDs, two 64-bit
 * memory BARs, an expansion-ROM BAR, the 0x58/0x5C gateway into CR
 * space), BAR register dispatch, reset, and the device's event clock. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/pci.h>
#include "linux_api.h"
#include "cx.h"

#define CFG_GW_ADDR 0x58
#define CFG_GW_DATA 0x5c
#define CMD_WRITABLE 0x0547		/* io, mem, master, parity, serr, intx */

uint32_t cx_random(struct cx_dev *cx, uint32_t range)
{
	/* xorshift32: reproducible from the seed */
	uint32_t x = cx->rng;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	cx->rng = x;
	return range ? x % range : x;
}

void cx_schedule(struct cx_dev *cx, enum cx_ev_kind kind, uint64_t delay,
		 uint32_t arg)
{
	for (int i = 0; i < CX_MAX_EVENTS; i++) {
		struct cx_event *e = &cx->ev[i];

		if (e->kind == EV_NONE) {
			e->kind = kind;
			e->at = sim_usecs() + delay;
			e->arg = arg;
			if (!cx->ev_next || e->at < cx->ev_next)
				cx->ev_next = e->at;
			return;
		}
	}
	/* A full event table is a model bug, never the driver's. */
	printf("connectx: event table full\n");
}

static void cfg_init(struct cx_dev *cx)
{
	uint32_t gw_addr = cx->cfg[CFG_GW_ADDR / 4];

	memset(cx->cfg, 0, sizeof(cx->cfg));
	cx->cfg[0] = (uint32_t)cx->devid << 16 | 0x15b3;
	cx->cfg[2] = 0x02000000;		/* Ethernet controller, rev 0 */
	cx->cfg[PCI_BAR0 / 4] = 0x4;		/* 64-bit memory */
	cx->cfg[PCI_BAR0 / 4 + 2] = 0xc;	/* 64-bit prefetchable */
	cx->cfg[PCI_SUBSYSTEM_VENDOR / 4] = 0x002415b3;
	cx->cfg[PCI_INTERRUPT_LINE / 4] = 0x0100;	/* INTA */
	cx->cfg[CFG_GW_ADDR / 4] = gw_addr;
}

/* Reset: all device state goes, as on the hardware; configuration space
 * comes back at defaults (the driver restores it) apart from the
 * gateway, and the device ignores config cycles for a while. */
void cx_reset(struct cx_dev *cx)
{
	if (cx->stage == ST_HCA)
		cx_count_leaks(cx);	/* reset without CLOSE_HCA */
	cx_write_stats(cx);
	cx_port_reset(cx);
	memset(cx->hcr, 0, sizeof(cx->hcr));
	cx->busy = cx->clobbered = false;
	cx->toggle = 0;
	cx->t_known = false;
	cx->stage = ST_RESET;
	cx->fa_mapped = cx->icm_size_set = false;
	cx->icm_size = 0;
	cx->aux_pages = 0;
	cx->nfa = cx->naux = cx->nicm = 0;
	memset(&cx->hca, 0, sizeof(cx->hca));
	cx->special_qp_set = false;
	memset(cx->eq, 0, sizeof(cx->eq));
	memset(cx->cq, 0, sizeof(cx->cq));
	memset(cx->qp, 0, sizeof(cx->qp));
	memset(cx->mpt, 0, sizeof(cx->mpt));
	memset(cx->eq_mask, 0, sizeof(cx->eq_mask));
	memset(cx->ev, 0, sizeof(cx->ev));
	cx->ev_next = 0;
	cfg_init(cx);
}

static uint32_t bar_mask(unsigned int reg)
{
	switch (reg) {
	case PCI_BAR0:
		return ~(uint32_t)(CX_BAR0_SIZE - 1);
	case PCI_BAR0 + 8:
		return ~(uint32_t)(CX_BAR2_SIZE - 1);
	case PCI_BAR0 + 4:
	case PCI_BAR0 + 12:
		return 0xffffffff;
	case PCI_ROM_BAR:
		return ~(uint32_t)(CX_ROM_SIZE - 1) | PCI_ROM_ENABLE;
	default:
		return 0;
	}
}

static uint32_t bar0_read(struct cx_dev *cx, uint64_t off);
static void bar0_write(struct cx_dev *cx, uint64_t off, uint32_t v);

static uint32_t cx_cfg_read(struct sim_pci *fn, unsigned int reg,
			    unsigned int size)
{
	struct cx_dev *cx = fn->priv;
	uint32_t v;

	if (sim_usecs() < cx->reset_until)
		return size == 4 ? 0xffffffff : (1u << (size * 8)) - 1;
	if ((reg & ~3u) == CFG_GW_DATA)
		v = __builtin_bswap32(bar0_read(cx, cx->gw_addr));
	else
		v = reg < sizeof(cx->cfg) ? cx->cfg[reg / 4] : 0;
	v >>= (reg % 4) * 8;
	return size == 4 ? v : v & ((1u << (size * 8)) - 1);
}

static void cx_cfg_write(struct sim_pci *fn, unsigned int reg,
			 unsigned int size, uint32_t v)
{
	struct cx_dev *cx = fn->priv;
	unsigned int r = reg & ~3u, shift = (reg % 4) * 8;
	uint32_t lanes = size == 4 ? 0xffffffff : ((1u << (size * 8)) - 1)
			 << shift;
	uint32_t old = cx->cfg[r / 4], nv = (old & ~lanes) | (v << shift);

	if (sim_usecs() < cx->reset_until || r >= sizeof(cx->cfg))
		return;
	if (r >= PCI_BAR0 && r < PCI_BAR0 + 16) {
		cx->cfg[r / 4] = (nv & bar_mask(r)) | (old & ~bar_mask(r) & 0xf);
	} else if (r == PCI_ROM_BAR) {
		cx->cfg[r / 4] = nv & bar_mask(r);
	} else if (r == PCI_COMMAND) {
		cx->cfg[1] = (old & ~CMD_WRITABLE) | (nv & CMD_WRITABLE);
	} else if (r == CFG_GW_ADDR) {
		cx->cfg[r / 4] = nv;
		cx->gw_addr = nv & (CX_BAR0_SIZE - 4);
	} else if (r == CFG_GW_DATA) {
		/* the gateway carries a CR-space register's value, where
		 * BAR0 shows it in big-endian byte lanes */
		bar0_write(cx, cx->gw_addr, __builtin_bswap32(nv));
	} else if (r == PCI_INTERRUPT_LINE) {
		cx->cfg[r / 4] = (old & ~0xffu) | (nv & 0xff);
	}
}

/* BAR0 (CR space): the HCR and the reset register. Values are bus
 * values; the device's registers are big-endian. */
static uint32_t bar0_read(struct cx_dev *cx, uint64_t off)
{
	if (off >= CX_HCR && off < CX_HCR + 28)
		return __builtin_bswap32(cx_hcr_read(cx, (off - CX_HCR) / 4));
	return 0;
}

static void bar0_write(struct cx_dev *cx, uint64_t off, uint32_t v)
{
	if (off >= CX_HCR && off < CX_HCR + 28) {
		cx_hcr_write(cx, (off - CX_HCR) / 4, __builtin_bswap32(v));
	} else if (off == CX_RESET && (__builtin_bswap32(v) & 1)) {
		cx_reset(cx);
		cx->reset_until = sim_usecs() + 1000 + cx_random(cx, 9000);
	}
}

/* BAR2: UAR pages.  Send doorbells live in page 128, EQ doorbells in
 * pages 0-127. */
static void bar2_write(struct cx_dev *cx, uint64_t off, uint32_t v)
{
	uint64_t page = off / CX_PAGE, reg = off % CX_PAGE;
	uint32_t val = __builtin_bswap32(v);

	if (page == CX_SEND_UAR && reg == 0x14) {
		cx_send_doorbell(cx, val >> 8);
	} else if (page < CX_SEND_UAR && reg >= 0x800 && reg < 0x820 &&
		   reg % 8 == 0) {
		cx_eq_doorbell(cx, page * 4 + (reg - 0x800) / 8, val);
	}
	/* CQ arm doorbells (page 128 + 0x20) need no action: the model
	 * does not interrupt. */
}

static uint32_t cx_bar_read(struct sim_pci *fn, unsigned int bar,
			    uint64_t off, unsigned int size)
{
	struct cx_dev *cx = fn->priv;

	if (bar == SIM_PCI_ROM) {
		uint32_t v = 0;

		for (unsigned int i = size; i-- > 0;)
			v = v << 8 | (cx->rom && off + i < CX_ROM_SIZE ?
				      cx->rom[off + i] : 0xff);
		return v;
	}
	if (bar == 0 && size == 4)
		return bar0_read(cx, off);
	return 0;
}

static void cx_bar_write(struct sim_pci *fn, unsigned int bar, uint64_t off,
			 unsigned int size, uint32_t v)
{
	struct cx_dev *cx = fn->priv;

	if (size != 4)
		return;
	if (bar == 0)
		bar0_write(cx, off, v);
	else if (bar == 2)
		bar2_write(cx, off, v);
}

static void run_event(struct cx_dev *cx, struct cx_event e)
{
	switch (e.kind) {
	case EV_HCR:
		cx_hcr_execute(cx);
		break;
	case EV_SEND:
		cx_process_sq(cx, e.arg);
		break;
	case EV_LINK:
		cx_port_link_event(cx, e.arg);
		break;
	default:
		break;
	}
}

/* The earliest pending event's time (0: none), found again after the
 * due ones ran: polls come far more often than events. */
static uint64_t events_next(struct cx_dev *cx)
{
	uint64_t next = 0;

	for (int i = 0; i < CX_MAX_EVENTS; i++) {
		if (cx->ev[i].kind != EV_NONE &&
		    (!next || cx->ev[i].at < next))
			next = cx->ev[i].at;
	}
	return next;
}

static bool cx_poll(struct sim_pci *fn)
{
	struct cx_dev *cx = fn->priv;
	uint64_t now = sim_usecs();
	bool busy = false;

	while (cx->ev_next && cx->ev_next <= now) {
		struct cx_event *first = NULL, e;

		for (int i = 0; i < CX_MAX_EVENTS; i++) {
			struct cx_event *x = &cx->ev[i];

			if (x->kind != EV_NONE && x->at <= now &&
			    (!first || x->at < first->at))
				first = x;
		}
		if (!first)
			break;
		e = *first;
		first->kind = EV_NONE;
		cx->ev_next = events_next(cx);
		run_event(cx, e);
		busy = true;
	}
	return cx_port_poll(cx, now) || busy;
}

static int cx_fds(struct sim_pci *fn, struct linux_pollfd *fds, int max)
{
	struct cx_dev *cx = fn->priv;
	int n = 0;

	for (int p = 1; p <= 2 && n < max; p++) {
		if (cx->port[p].fd >= 0) {
			fds[n].fd = cx->port[p].fd;
			fds[n].events = POLLIN;
			fds[n].revents = 0;
			n++;
		}
	}
	return n;
}

static uint64_t cx_next_usecs(struct sim_pci *fn)
{
	struct cx_dev *cx = fn->priv;
	uint64_t next = cx->ev_next;

	for (int p = 1; p <= 2; p++) {
		uint64_t t = cx->port[p].link_at;

		if (t && (!next || t < next))
			next = t;
	}
	return next;
}

static const struct sim_pci_ops cx_ops = {
	.cfg_read = cx_cfg_read,
	.cfg_write = cx_cfg_write,
	.bar_read = cx_bar_read,
	.bar_write = cx_bar_write,
	.poll = cx_poll,
	.fds = cx_fds,
	.next_usecs = cx_next_usecs,
};

void cx_destroy(struct cx_dev *cx)
{
	for (int p = 1; p <= 2; p++) {
		pktring_free(&cx->port[p].wire);
		if (cx->port[p].fd >= 0)
			linux_close(cx->port[p].fd);
	}
	if (cx->trace_fd >= 0)
		linux_close(cx->trace_fd);
	free(cx->rom);
	free(cx->stats_path);
	free(cx);
}

void cx_write_stats(struct cx_dev *cx)
{
	char line[256];
	int fd, n;

	if (!cx->stats_path)
		return;
	fd = linux_syscall(SYS_open, (long)cx->stats_path,
			   01 | 0100 | 01000 /* write, create, truncate */,
			   0644, 0, 0, 0);
	if (fd < 0)
		return;
	n = snprintf(line, sizeof(line),
		     "leaks=%lu dma_faults=%lu cq_overruns=%lu error_cqes=%lu "
		     "rx_frames=%lu rx_dropped=%lu rx_filtered=%lu "
		     "tx_frames=%lu\n", cx->stats.leaks, cx->stats.dma_faults,
		     cx->stats.cq_overruns, cx->stats.error_cqes,
		     cx->port[1].rx_frames + cx->port[2].rx_frames,
		     cx->port[1].rx_dropped + cx->port[2].rx_dropped,
		     cx->port[1].rx_filtered + cx->port[2].rx_filtered,
		     cx->port[1].tx_frames + cx->port[2].tx_frames);
	linux_write(fd, line, n);
	linux_close(fd);
}

struct sim_pci *cx_pci(struct cx_dev *cx)
{
	return &cx->pci;
}

struct cx_dev *cx_create(const struct cx_config *conf)
{
	struct cx_dev *cx = zalloc(sizeof(*cx));

	if (!cx)
		return NULL;
	cx->devid = conf->devid ? conf->devid : 0x1003;
	cx->seed = conf->seed;
	cx->rng = conf->seed * 2654435761u + 0x9e3779b9u;
	if (!cx->rng)
		cx->rng = 1;
	cx->trace_fd = -1;
	for (int p = 1; p <= 2; p++)
		cx->port[p].fd = -1;
	/* Reserved resources vary with the seed, as between firmwares. */
	cx->log_rsvd_qps = 6 + cx_random(cx, 2);
	cx->log_rsvd_cqs = 5 + cx_random(cx, 3);
	cx->log_rsvd_mrws = 3 + cx_random(cx, 2);
	cx->log_rsvd_mtts = 4 + cx_random(cx, 2);
	cx->rsvd_eqs = 4 * (1 + cx_random(cx, 2));
	cx->rsvd_uars = 1 + cx_random(cx, 2);
	cx->pci.bdf = conf->bdf;
	cx->pci.op = &cx_ops;
	cx->pci.priv = cx;
	cx_reset(cx);
	return cx;
}
