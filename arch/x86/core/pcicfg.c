/* PCI configuration space on the PC through configuration mechanism #1
 * (PCI Local Bus Specification 3.0, 3.2.2.3.2): the address goes to
 * port 0CF8h, the data moves through 0CFCh-0CFFh.  Every PC chipset
 * since the mid-1990s and QEMU have it, and unlike the PCI BIOS
 * (INT 1Ah B1xxh) it needs no switch to real mode per access. */
#include <cxboot/pci.h>
#include <x86_io.h>

#define CONFIG_ADDRESS 0xcf8
#define CONFIG_DATA 0xcfc
#define CONFIG_ENABLE 0x80000000u

static int present = -1;

static uint32_t config_address(uint32_t bdf, unsigned int reg)
{
	return CONFIG_ENABLE | bdf << 8 | (reg & 0xfc);
}

/* A mechanism #1 host bridge keeps the enable bit written to 0CF8h;
 * on a machine without one the port reads back as something else. */
unsigned int pci_arch_buses(void)
{
	uint32_t old;

	if (present < 0) {
		old = inl(CONFIG_ADDRESS);
		outl(CONFIG_ENABLE, CONFIG_ADDRESS);
		present = inl(CONFIG_ADDRESS) == CONFIG_ENABLE;
		outl(old, CONFIG_ADDRESS);
	}
	return present ? 256 : 0;
}

uint32_t pci_arch_read(uint32_t bdf, unsigned int reg, unsigned int size)
{
	outl(config_address(bdf, reg), CONFIG_ADDRESS);
	switch (size) {
	case 1:
		return inb(CONFIG_DATA + (reg & 3));
	case 2:
		return inw(CONFIG_DATA + (reg & 2));
	default:
		return inl(CONFIG_DATA);
	}
}

void pci_arch_write(uint32_t bdf, unsigned int reg, unsigned int size,
		    uint32_t v)
{
	outl(config_address(bdf, reg), CONFIG_ADDRESS);
	switch (size) {
	case 1:
		outb(v, CONFIG_DATA + (reg & 3));
		break;
	case 2:
		outw(v, CONFIG_DATA + (reg & 2));
		break;
	default:
		outl(v, CONFIG_DATA);
		break;
	}
}
