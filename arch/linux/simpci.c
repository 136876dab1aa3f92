/* Simulated PCI functions (see <sim_pci.h>): the registry, the BIOS's
 * part at registration (sizing every BAR and giving it an address in a
 * simulated MMIO window), ioremap() of what an enabled BAR decodes, and
 * the models' clock and polling.
 *
 * A mapped BAR is a reserved PROT_NONE range of the process: accesses
 * through readl()/writel() are recognised by address and reach the
 * model; any other access to it faults, as a stray pointer should. */
#include <errno.h>
#include <stdbool.h>
#include <cxboot/pci.h>
#include <sim_pci.h>
#include "linux_api.h"

#define MAX_FUNCTIONS 16
#define MAX_MAPPINGS 64
#define PAGE 4096

/* Where the BIOS puts BARs: 32-bit ones below 4 GiB, 64-bit ones high. */
#define WINDOW32_BASE 0xc0000000ULL
#define WINDOW32_END 0xfec00000ULL
#define WINDOW64_BASE 0x8000000000ULL

static struct sim_pci *functions[MAX_FUNCTIONS];
static unsigned int nfunctions;
static uint64_t next32 = WINDOW32_BASE, next64 = WINDOW64_BASE;

struct mapping {
	uintptr_t start, len;
	struct sim_pci *fn;
	unsigned int bar;
	uint64_t off;		/* of start within the BAR */
};
static struct mapping mappings[MAX_MAPPINGS];
static unsigned int nmappings;

struct sim_pci *sim_pci_find(uint32_t bdf)
{
	for (unsigned int i = 0; i < nfunctions; i++) {
		if (functions[i]->bdf == bdf)
			return functions[i];
	}
	return NULL;
}

static uint32_t cfg_read32(struct sim_pci *fn, unsigned int reg)
{
	return fn->op->cfg_read(fn, reg, 4);
}

static void cfg_write32(struct sim_pci *fn, unsigned int reg, uint32_t v)
{
	fn->op->cfg_write(fn, reg, 4, v);
}

/* An address for size bytes (a power of two), naturally aligned. */
static uint64_t window_alloc(uint64_t size, bool high)
{
	uint64_t *next = high ? &next64 : &next32;
	uint64_t at = (*next + size - 1) & ~(size - 1);

	if (!high && (at + size > WINDOW32_END || at + size < at))
		return 0;
	*next = at + size;
	return at;
}

/* Sizes the BAR at reg as the BIOS does and assigns it an address.
 * Returns how many registers it took (1, or 2 for a 64-bit BAR). */
static unsigned int assign_bar(struct sim_pci *fn, unsigned int index)
{
	unsigned int reg = PCI_BAR0 + 4 * index;
	uint32_t lo, hi = 0xffffffff;
	bool wide;
	uint64_t size, addr;

	cfg_write32(fn, reg, 0xffffffff);
	lo = cfg_read32(fn, reg);
	if (lo == 0 || (lo & 1)) {
		/* Not implemented, or an I/O BAR (port I/O is not modelled) */
		cfg_write32(fn, reg, 0);
		return 1;
	}
	wide = ((lo >> 1) & 3) == 2 && index < 5;
	if (wide) {
		cfg_write32(fn, reg + 4, 0xffffffff);
		hi = cfg_read32(fn, reg + 4);
	}
	size = ~((uint64_t)hi << 32 | (lo & ~0xfu)) + 1;
	addr = size ? window_alloc(size, wide) : 0;
	cfg_write32(fn, reg, addr);
	if (wide)
		cfg_write32(fn, reg + 4, addr >> 32);
	fn->bar_addr[index] = addr;
	fn->bar_size[index] = addr ? size : 0;
	return wide ? 2 : 1;
}

static void assign_rom(struct sim_pci *fn)
{
	uint32_t v;
	uint64_t size;

	cfg_write32(fn, PCI_ROM_BAR, ~(uint32_t)PCI_ROM_ENABLE);
	v = cfg_read32(fn, PCI_ROM_BAR) & PCI_ROM_ADDR_MASK;
	size = v ? (uint32_t)(~v + 1) : 0;
	fn->rom_addr = size ? window_alloc(size, false) : 0;
	fn->rom_size = fn->rom_addr ? size : 0;
	cfg_write32(fn, PCI_ROM_BAR, fn->rom_addr);
}

int sim_pci_register(struct sim_pci *fn)
{
	if (nfunctions == MAX_FUNCTIONS)
		return -ENOSPC;
	if (sim_pci_find(fn->bdf))
		return -EEXIST;
	for (unsigned int i = 0; i < 6; i += assign_bar(fn, i))
		;
	assign_rom(fn);
	functions[nfunctions++] = fn;
	return 0;
}

/* The base of the BAR as now programmed, or 0 when it decodes nothing. */
static uint64_t bar_base(struct sim_pci *fn, unsigned int index)
{
	uint32_t lo;

	if (index == SIM_PCI_ROM) {
		lo = cfg_read32(fn, PCI_ROM_BAR);
		return lo & PCI_ROM_ENABLE ? lo & PCI_ROM_ADDR_MASK : 0;
	}
	lo = cfg_read32(fn, PCI_BAR0 + 4 * index);
	if (((lo >> 1) & 3) == 2)
		return (uint64_t)cfg_read32(fn, PCI_BAR0 + 4 * index + 4)
		       << 32 | (lo & ~0xfu);
	return lo & ~0xfu;
}

static uint64_t bar_size(struct sim_pci *fn, unsigned int index)
{
	return index == SIM_PCI_ROM ? fn->rom_size : fn->bar_size[index];
}

static void *map_range(struct sim_pci *fn, unsigned int bar, uint64_t off,
		       size_t len)
{
	size_t span = (len + PAGE - 1) & ~(size_t)(PAGE - 1);
	struct mapping *m;
	void *p;

	if (nmappings == MAX_MAPPINGS)
		return NULL;
	p = linux_mmap(0, span ? span : PAGE, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if ((long)p < 0 && (long)p > -4096)
		return NULL;
	m = &mappings[nmappings++];
	m->start = (uintptr_t)p;
	m->len = len;
	m->fn = fn;
	m->bar = bar;
	m->off = off;
	return p;
}

void *linux_ioremap(uint64_t bus, size_t len)
{
	for (unsigned int i = 0; i < nfunctions; i++) {
		struct sim_pci *fn = functions[i];

		if (!(fn->op->cfg_read(fn, PCI_COMMAND, 2) &
		      PCI_COMMAND_MEMORY))
			continue;
		for (unsigned int bar = 0; bar <= SIM_PCI_ROM; bar++) {
			uint64_t base = bar_base(fn, bar);
			uint64_t size = bar_size(fn, bar);

			if (size && base && bus >= base &&
			    len <= size && bus - base <= size - len)
				return map_range(fn, bar, bus - base, len);
		}
	}
	return NULL;
}

/* The mapping p lies in, or NULL for ordinary memory. */
static struct mapping *find_mapping(const volatile void *p)
{
	uintptr_t at = (uintptr_t)p;

	for (unsigned int i = 0; i < nmappings; i++) {
		if (at >= mappings[i].start &&
		    at - mappings[i].start < mappings[i].len)
			return &mappings[i];
	}
	return NULL;
}

uint32_t linux_mmio_read(const volatile void *p, unsigned int size)
{
	struct mapping *m = find_mapping(p);
	uint32_t v;

	if (!m) {
		switch (size) {
		case 1:
			return *(const volatile uint8_t *)p;
		case 2:
			return *(const volatile uint16_t *)p;
		default:
			return *(const volatile uint32_t *)p;
		}
	}
	v = m->fn->op->bar_read(m->fn, m->bar,
				m->off + ((uintptr_t)p - m->start), size);
	sim_pci_poll_all();
	return v;
}

void linux_mmio_write(volatile void *p, unsigned int size, uint32_t v)
{
	struct mapping *m = find_mapping(p);

	if (m) {
		m->fn->op->bar_write(m->fn, m->bar,
				     m->off + ((uintptr_t)p - m->start), size,
				     v);
		sim_pci_poll_all();
		return;
	}
	switch (size) {
	case 1:
		*(volatile uint8_t *)p = v;
		break;
	case 2:
		*(volatile uint16_t *)p = v;
		break;
	default:
		*(volatile uint32_t *)p = v;
		break;
	}
}

uint64_t sim_usecs(void)
{
	struct linux_timespec ts;

	linux_clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

bool sim_pci_poll_all(void)
{
	static bool polling;
	bool busy = false;

	/* A model's poll may itself touch the bus. */
	if (polling)
		return false;
	polling = true;
	for (unsigned int i = 0; i < nfunctions; i++) {
		if (functions[i]->op->poll &&
		    functions[i]->op->poll(functions[i]))
			busy = true;
	}
	polling = false;
	return busy;
}

int sim_pci_fds(struct linux_pollfd *fds, int max)
{
	int n = 0;

	for (unsigned int i = 0; i < nfunctions && n < max; i++) {
		if (functions[i]->op->fds)
			n += functions[i]->op->fds(functions[i], fds + n,
						   max - n);
	}
	return n;
}

uint64_t sim_pci_next_usecs(void)
{
	uint64_t next = 0;

	for (unsigned int i = 0; i < nfunctions; i++) {
		uint64_t t = functions[i]->op->next_usecs ?
			     functions[i]->op->next_usecs(functions[i]) : 0;

		if (t && (!next || t < next))
			next = t;
	}
	return next;
}
