/* Unit tests for the hosted platform's simulated PCI bus: a tiny fake
 * function (a 64-bit 1 MiB BAR0, a 32-bit 8 KiB BAR2, a 64 KiB ROM) is
 * sized and placed at registration, its configuration space is what the
 * PCI API reads, ioremap() maps its BARs only while memory decoding is
 * on, and register accesses reach it at the right offset and poll it. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <cxboot/io.h>
#include <cxboot/pci.h>
#include <sim_pci.h>
#include "test.h"

struct fake {
	uint32_t cfg[64];
	unsigned int bar, size;
	uint64_t off;
	uint32_t written;
	unsigned int polls;
};

/* Writable bits of each BAR register; the low bits give its type. */
static uint32_t bar_mask(unsigned int reg)
{
	switch (reg) {
	case PCI_BAR0:
		return ~(uint32_t)(0x100000 - 1);
	case PCI_BAR0 + 4:
		return 0xffffffff;
	case PCI_BAR0 + 8:
		return ~(uint32_t)(0x2000 - 1);
	case PCI_ROM_BAR:
		return ~(uint32_t)(0x10000 - 1) | PCI_ROM_ENABLE;
	default:
		return 0;
	}
}

static uint32_t fake_cfg_read(struct sim_pci *fn, unsigned int reg,
			      unsigned int size)
{
	struct fake *f = fn->priv;
	uint32_t v = f->cfg[reg / 4] >> (reg % 4 * 8);

	return size == 4 ? v : v & ((1u << (size * 8)) - 1);
}

static void fake_cfg_write(struct sim_pci *fn, unsigned int reg,
			   unsigned int size, uint32_t v)
{
	struct fake *f = fn->priv;
	unsigned int r = reg & ~3u;

	if (r >= PCI_BAR0 && r <= PCI_ROM_BAR) {
		uint32_t type = r == PCI_BAR0 ? 0x4 : 0;

		f->cfg[r / 4] = (v & bar_mask(r)) | type;
	} else if (r == PCI_COMMAND && size == 2) {
		f->cfg[1] = (f->cfg[1] & 0xffff0000) | v;
	}
}

static uint32_t fake_bar_read(struct sim_pci *fn, unsigned int bar,
			      uint64_t off, unsigned int size)
{
	struct fake *f = fn->priv;

	f->bar = bar;
	f->off = off;
	f->size = size;
	return 0x12345678;
}

static void fake_bar_write(struct sim_pci *fn, unsigned int bar, uint64_t off,
			   unsigned int size, uint32_t v)
{
	struct fake *f = fn->priv;

	f->bar = bar;
	f->off = off;
	f->size = size;
	f->written = v;
}

static bool fake_poll(struct sim_pci *fn)
{
	((struct fake *)fn->priv)->polls++;
	return false;
}

static const struct sim_pci_ops fake_ops = {
	.cfg_read = fake_cfg_read, .cfg_write = fake_cfg_write,
	.bar_read = fake_bar_read, .bar_write = fake_bar_write,
	.poll = fake_poll,
};

static struct fake fake = { .cfg = { 0x5678abcd, 0 } };
static struct sim_pci fake_fn = {
	.bdf = PCI_BDF(0, 30, 0), .op = &fake_ops, .priv = &fake,
};

/* Both tests use the one fake, whichever runs first attaches it. */
static void attach_fake(void)
{
	static bool attached;

	if (!attached)
		ok(sim_pci_register(&fake_fn) == 0);
	attached = true;
	ok(sim_pci_register(&fake_fn) == -EEXIST);
}

UNIT_TEST(simpci_registry)
{
	struct pci_device pci = { .bdf = PCI_BDF(0, 30, 0) };
	struct pci_bar bar;
	uint8_t *regs;
	unsigned int polls;

	attach_fake();

	/* Sized and placed as a BIOS does */
	ok(fake_fn.bar_size[0] == 0x100000 && fake_fn.bar_size[2] == 0x2000);
	ok(fake_fn.bar_size[1] == 0 && fake_fn.bar_size[3] == 0);
	ok(fake_fn.bar_addr[0] >= 0x100000000ULL);
	ok((fake_fn.bar_addr[0] & 0xfffff) == 0);
	ok(fake_fn.bar_addr[2] && fake_fn.bar_addr[2] < 0x100000000ULL);
	ok((fake_fn.bar_addr[2] & 0x1fff) == 0);
	ok(fake_fn.rom_size == 0x10000 && (fake_fn.rom_addr & 0xffff) == 0);

	/* The PCI API sees the function and its assignment */
	ok(pci_read16(&pci, PCI_VENDOR_ID) == 0xabcd);
	ok(pci_read16(&pci, PCI_DEVICE_ID) == 0x5678);
	ok(pci_arch_read(PCI_BDF(0, 29, 0), PCI_VENDOR_ID, 2) == 0xffff);
	ok(pci_read_bar(&pci, 0, &bar) == 0);
	ok(bar.start == fake_fn.bar_addr[0] && bar.size == 0x100000);
	ok(bar.flags & PCI_BAR_64);

	/* Nothing decodes while memory space is off */
	ok(ioremap(fake_fn.bar_addr[0], 0x100000) == NULL);
	pci_enable(&pci, PCI_COMMAND_MEMORY);
	ok(ioremap(fake_fn.bar_addr[0] + 0x1000, 0x100000) == NULL);
	regs = ioremap(fake_fn.bar_addr[0] + 0x80000, 0x1000);
	ok(regs != NULL);
	if (!regs)
		return;

	polls = fake.polls;
	ok(readl(regs + 0x680) == 0x12345678);
	ok(fake.bar == 0 && fake.off == 0x80680 && fake.size == 4);
	writew(0xbeef, regs + 0x10);
	ok(fake.off == 0x80010 && fake.size == 2 && fake.written == 0xbeef);
	ok(fake.polls == polls + 2);

	regs = ioremap(fake_fn.bar_addr[2] + 8, 4);
	ok(regs != NULL);
	if (regs) {
		writel(7, regs);
		ok(fake.bar == 2 && fake.off == 8 && fake.written == 7);
	}

	/* The ROM BAR decodes once enabled */
	ok(ioremap(fake_fn.rom_addr, 0x10000) == NULL);
	pci_write32(&pci, PCI_ROM_BAR, fake_fn.rom_addr | PCI_ROM_ENABLE);
	regs = ioremap(fake_fn.rom_addr, 0x10000);
	ok(regs != NULL);
	if (regs) {
		ok(readb(regs + 0x1fe) == 0x78);
		ok(fake.bar == SIM_PCI_ROM && fake.off == 0x1fe);
	}

	/* Nor once memory space is turned off again */
	pci_disable(&pci, PCI_COMMAND_MEMORY);
	ok(ioremap(fake_fn.bar_addr[2], 4) == NULL);
}

/* A function attached after start-up is found by the next probe, once. */
UNIT_TEST(simpci_probe_finds_late_functions)
{
	struct pci_device *found;
	unsigned int n = 0;

	attach_fake();
	pci_probe_all();
	pci_probe_all();
	for_each_pci_device(found) {
		if (found->bdf == fake_fn.bdf) {
			n++;
			ok(found->vendor == 0xabcd && found->device == 0x5678);
			ok(found->driver == NULL);
		}
	}
	ok(n == 1);
}
