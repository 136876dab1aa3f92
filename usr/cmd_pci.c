/* lspci: each PCI function present, with its configuration header (the
 * first 64 bytes, four dwords a line under the function's address and
 * the offset), so that a firmware's effect on a device can be seen, and
 * compared, from the shell. */
#include <errno.h>
#include <stdio.h>
#include <cxboot/pci.h>
#include <usr/shell.h>

#define PCI_HEADER_DWORDS 16

static void lspci_function(uint32_t bdf)
{
	unsigned int i;

	for (i = 0; i < PCI_HEADER_DWORDS; i++) {
		if (i % 4 == 0)
			printf("%02x:%02x.%x %02x:", PCI_BUS(bdf),
			       PCI_SLOT(bdf), PCI_FUNC(bdf), 4 * i);
		printf(" %08x", pci_arch_read(bdf, 4 * i, 4));
		if (i % 4 == 3)
			printf("\n");
	}
}

static int lspci_exec(int argc, char **argv __unused)
{
	unsigned int bus, dev, fn, fns;
	uint32_t bdf;

	if (argc != 1) {
		printf("usage: lspci\n");
		return -EINVAL;
	}
	for (bus = 0; bus < pci_arch_buses(); bus++) {
		for (dev = 0; dev < 32; dev++) {
			bdf = PCI_BDF(bus, dev, 0);
			if ((pci_arch_read(bdf, PCI_VENDOR_ID, 2) & 0xffff) ==
			    0xffff)
				continue;
			/* Functions 1-7 only behind a multi-function bit. */
			fns = pci_arch_read(bdf, PCI_HEADER_TYPE, 1) & 0x80 ?
				8 : 1;
			for (fn = 0; fn < fns; fn++) {
				bdf = PCI_BDF(bus, dev, fn);
				if ((pci_arch_read(bdf, PCI_VENDOR_ID, 2) &
				     0xffff) != 0xffff)
					lspci_function(bdf);
			}
		}
	}
	return 0;
}

COMMAND(lspci) = { "lspci", lspci_exec };
