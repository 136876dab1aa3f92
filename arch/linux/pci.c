/* The hosted build's PCI bus and device access.  The bus is empty for
 * now: configuration reads answer all ones, as for an absent device.
 * Port and register accesses from drivers come through here, so that a
 * simulated device can be attached in this one place. */
#include <cxboot/io.h>
#include <cxboot/pci.h>

unsigned int pci_arch_buses(void)
{
	return 1;
}

uint32_t pci_arch_read(uint32_t bdf, unsigned int reg, unsigned int size)
{
	return size == 4 ? 0xffffffff : (1u << (size * 8)) - 1;
}

void pci_arch_write(uint32_t bdf, unsigned int reg, unsigned int size,
		    uint32_t v)
{
}

uint32_t linux_io_read(unsigned long port, unsigned int size)
{
	return size == 4 ? 0xffffffff : (1u << (size * 8)) - 1;
}

void linux_io_write(unsigned long port, unsigned int size, uint32_t v)
{
}

/* No simulated device decodes any bus address yet. */
void *linux_ioremap(uint64_t bus_addr, size_t len)
{
	return NULL;
}

uint32_t linux_mmio_read(const volatile void *p, unsigned int size)
{
	switch (size) {
	case 1:
		return *(const volatile uint8_t *)p;
	case 2:
		return *(const volatile uint16_t *)p;
	default:
		return *(const volatile uint32_t *)p;
	}
}

void linux_mmio_write(volatile void *p, unsigned int size, uint32_t v)
{
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
