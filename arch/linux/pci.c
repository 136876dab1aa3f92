/* The hosted build's PCI bus: configuration accesses reach the
 * simulated function at that address (arch/linux/simpci.c, which also
 * owns memory-mapped registers); an absent function answers all ones.
 * Port I/O decodes nothing. */
#include <cxboot/io.h>
#include <cxboot/pci.h>
#include <sim_pci.h>
#include "linux_api.h"

static uint32_t all_ones(unsigned int size)
{
	return size == 4 ? 0xffffffff : (1u << (size * 8)) - 1;
}

unsigned int pci_arch_buses(void)
{
	return 1;
}

uint32_t pci_arch_read(uint32_t bdf, unsigned int reg, unsigned int size)
{
	struct sim_pci *fn = sim_pci_find(bdf);

	return fn ? fn->op->cfg_read(fn, reg, size) : all_ones(size);
}

void pci_arch_write(uint32_t bdf, unsigned int reg, unsigned int size,
		    uint32_t v)
{
	struct sim_pci *fn = sim_pci_find(bdf);

	if (fn)
		fn->op->cfg_write(fn, reg, size, v);
}

uint32_t linux_io_read(unsigned long port, unsigned int size)
{
	return all_ones(size);
}

void linux_io_write(unsigned long port, unsigned int size, uint32_t v)
{
}
