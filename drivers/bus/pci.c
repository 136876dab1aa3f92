/* PCI: configuration access on top of the platform's pci_arch_*(),
 * enumeration of every bus, device and function, BAR sizing,
 * capability lists, and matching devices with the PCI driver table. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/pci.h>

static LIST_HEAD(pci_list);

struct list_head *pci_devices(void)
{
	return &pci_list;
}

uint8_t pci_read8(const struct pci_device *pci, unsigned int reg)
{
	return pci_arch_read(pci->bdf, reg, 1);
}

uint16_t pci_read16(const struct pci_device *pci, unsigned int reg)
{
	return pci_arch_read(pci->bdf, reg, 2);
}

uint32_t pci_read32(const struct pci_device *pci, unsigned int reg)
{
	return pci_arch_read(pci->bdf, reg, 4);
}

void pci_write8(const struct pci_device *pci, unsigned int reg, uint8_t v)
{
	pci_arch_write(pci->bdf, reg, 1, v);
}

void pci_write16(const struct pci_device *pci, unsigned int reg, uint16_t v)
{
	pci_arch_write(pci->bdf, reg, 2, v);
}

void pci_write32(const struct pci_device *pci, unsigned int reg, uint32_t v)
{
	pci_arch_write(pci->bdf, reg, 4, v);
}

void pci_enable(struct pci_device *pci, uint16_t bits)
{
	pci_write16(pci, PCI_COMMAND, pci_read16(pci, PCI_COMMAND) | bits);
}

void pci_disable(struct pci_device *pci, uint16_t bits)
{
	pci_write16(pci, PCI_COMMAND, pci_read16(pci, PCI_COMMAND) & ~bits);
}

/* Bridges have two BARs, CardBus bridges none that we use. */
static unsigned int bar_count(const struct pci_device *pci)
{
	switch (pci->header_type) {
	case 0:
		return 6;
	case 1:
		return 2;
	default:
		return 0;
	}
}

/* Size of a BAR: write all ones and see which address bits stick.
 * Decoding is off meanwhile, so that the device does not answer at the
 * temporary address. */
static uint32_t bar_mask(struct pci_device *pci, unsigned int reg)
{
	uint32_t old = pci_read32(pci, reg), mask;

	pci_write32(pci, reg, 0xffffffff);
	mask = pci_read32(pci, reg);
	pci_write32(pci, reg, old);
	return mask;
}

int pci_read_bar(struct pci_device *pci, unsigned int index,
		 struct pci_bar *bar)
{
	unsigned int i, reg, n = bar_count(pci);
	uint16_t cmd;
	uint32_t lo = 0, mask;

	/* Walk from BAR 0: a 64-bit BAR takes two registers. */
	for (i = 0, reg = PCI_BAR0; i < n; i++, reg += 4) {
		lo = pci_read32(pci, reg);
		if (i == index)
			break;
		if (!(lo & 1) && (lo & 0x6) == 0x4) {
			reg += 4;
			i++;
		}
	}
	if (i != index || index >= n)
		return -ENOENT;

	memset(bar, 0, sizeof(*bar));
	cmd = pci_read16(pci, PCI_COMMAND);
	pci_write16(pci, PCI_COMMAND,
		    cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	mask = bar_mask(pci, reg);
	if (lo & 1) {
		bar->flags = PCI_BAR_IO;
		bar->start = lo & ~(uint32_t)0x3;
		/* I/O BARs may leave the upper 16 bits unimplemented. */
		bar->size = (uint32_t)~((mask & ~(uint32_t)0x3) | 0xffff0000) + 1;
	} else {
		uint64_t mask64 = mask & ~(uint32_t)0xf;

		bar->start = lo & ~(uint32_t)0xf;
		if (lo & 0x8)
			bar->flags |= PCI_BAR_PREFETCH;
		if ((lo & 0x6) == 0x4 && i + 1 < n) {
			bar->flags |= PCI_BAR_64;
			bar->start |= (uint64_t)pci_read32(pci, reg + 4) << 32;
			mask64 |= (uint64_t)bar_mask(pci, reg + 4) << 32;
		} else {
			mask64 |= 0xffffffff00000000ULL;
		}
		bar->size = ~mask64 + 1;
	}
	pci_write16(pci, PCI_COMMAND, cmd);
	/* An unimplemented BAR reads back as zero. */
	if (!(mask & ~(uint32_t)0xf) || !bar->size)
		return -ENOENT;
	return 0;
}

/* The list is a chain of (id, next) byte pairs from PCI_CAP_POINTER; the
 * low two bits of each pointer are reserved.  The bound on the walk
 * stops a looping list. */
static unsigned int cap_walk(struct pci_device *pci, unsigned int ptr,
			     unsigned int id)
{
	unsigned int n;

	for (n = 0; n < 48; n++) {
		ptr &= ~3u;
		if (ptr < 0x40)
			return 0;
		if (pci_read8(pci, ptr) == id)
			return ptr;
		ptr = pci_read8(pci, ptr + 1);
	}
	return 0;
}

unsigned int pci_find_capability(struct pci_device *pci, unsigned int id)
{
	if (!(pci_read16(pci, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return 0;
	return cap_walk(pci, pci_read8(pci, PCI_CAP_POINTER), id);
}

unsigned int pci_find_next_capability(struct pci_device *pci,
				      unsigned int pos, unsigned int id)
{
	return cap_walk(pci, pci_read8(pci, pos + 1), id);
}

/* Adds the function at bdf to the list, before the entry at before. */
static struct pci_device *add_function(uint32_t bdf, struct list_head *before)
{
	struct pci_device *pci = zalloc(sizeof(*pci));
	uint32_t class_rev;

	if (!pci)
		return NULL;
	pci->bdf = bdf;
	pci->vendor = pci_read16(pci, PCI_VENDOR_ID);
	pci->device = pci_read16(pci, PCI_DEVICE_ID);
	class_rev = pci_read32(pci, PCI_REVISION);
	pci->revision = class_rev & 0xff;
	pci->class = class_rev >> 8;
	pci->header_type = pci_read8(pci, PCI_HEADER_TYPE) & PCI_HEADER_LAYOUT;
	if (pci->header_type == 0) {
		pci->subsys_vendor = pci_read16(pci, PCI_SUBSYSTEM_VENDOR);
		pci->subsys_device = pci_read16(pci, PCI_SUBSYSTEM_ID);
	}
	pci->command_found = pci_read16(pci, PCI_COMMAND);
	snprintf(pci->name, sizeof(pci->name), "0000:%02x:%02x.%x",
		 PCI_BUS(bdf), PCI_SLOT(bdf), PCI_FUNC(bdf));
	list_add_tail(&pci->list, before);
	return pci;
}

/* The list keeps bus order: a function found by a later scan (the
 * hosted build attaches simulated ones after start-up) goes before the
 * first known one above it.  Returns false when out of memory. */
static bool add_new_function(uint32_t bdf)
{
	struct pci_device *pci;

	for_each_pci_device(pci) {
		if (pci->bdf == bdf)
			return true;
		if (pci->bdf > bdf)
			break;
	}
	return add_function(bdf, &pci->list) != NULL;
}

/* Every bus number the platform allows is tried rather than following
 * bridges: the BIOS has numbered the buses already, and an absent
 * device answers all ones, which costs one read per slot. */
static void pci_scan(void)
{
	unsigned int buses = pci_arch_buses(), bus, dev, fn, nfn;

	for (bus = 0; bus < buses; bus++) {
		for (dev = 0; dev < 32; dev++) {
			uint32_t bdf = PCI_BDF(bus, dev, 0);

			if (pci_arch_read(bdf, PCI_VENDOR_ID, 2) == 0xffff)
				continue;
			nfn = pci_arch_read(bdf, PCI_HEADER_TYPE, 1) &
			      PCI_HEADER_MULTI ? 8 : 1;
			for (fn = 0; fn < nfn; fn++) {
				bdf = PCI_BDF(bus, dev, fn);
				if (pci_arch_read(bdf, PCI_VENDOR_ID, 2) !=
				    0xffff && !add_new_function(bdf))
					return;
			}
		}
	}
}

static bool id_match(const struct pci_device_id *id,
		     const struct pci_device *pci)
{
	return (id->vendor == PCI_ANY_ID || id->vendor == pci->vendor) &&
	       (id->device == PCI_ANY_ID || id->device == pci->device);
}

static void pci_probe(struct pci_device *pci)
{
	unsigned int i;
	int rc;

	for_each_table_entry(drv, pci_drivers, struct pci_driver) {
		for (i = 0; i < drv->id_count; i++) {
			if (!id_match(&drv->ids[i], pci))
				continue;
			pci->driver = drv;
			pci->id = &drv->ids[i];
			rc = drv->probe(pci);
			if (rc == 0)
				return;
			printf("%s %s (%04x:%04x): %s\n", pci->name,
			       drv->name, pci->vendor, pci->device,
			       strerror(rc));
			pci->driver = NULL;
			pci->id = NULL;
			pci->priv = NULL;
			break;
		}
	}
}

void pci_probe_all(void)
{
	struct pci_device *pci;

	pci_scan();
	for_each_pci_device(pci) {
		if (!pci->driver)
			pci_probe(pci);
	}
}

void pci_remove_all(void)
{
	struct list_head *pos;

	for (pos = pci_list.prev; pos != &pci_list; pos = pos->prev) {
		struct pci_device *pci =
			list_entry(pos, struct pci_device, list);

		if (!pci->driver)
			continue;
		if (pci->driver->remove)
			pci->driver->remove(pci);
		pci->driver = NULL;
		pci->id = NULL;
		pci->priv = NULL;
	}
}

void pci_restore_all(void)
{
	struct pci_device *pci;

	for_each_pci_device(pci) {
		if (pci_read16(pci, PCI_COMMAND) != pci->command_found)
			pci_write16(pci, PCI_COMMAND, pci->command_found);
	}
}

INIT_FN(pci_init, INIT_NORMAL, pci_probe_all);
