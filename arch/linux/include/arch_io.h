/* Device access in the hosted build (see <cxboot/io.h>).  Every port
 * and register access goes through arch/linux/pci.c and simpci.c, where
 * simulated devices see them.  Bus addresses are not the process's
 * pointers: the DMA region (arch/linux/dma.c) appears on the bus at
 * LINUX_DMA_BUS, and any other pointer turns into an address with bit 63
 * set, which no simulated device accepts (sim_dma()). */
#ifndef LINUX_ARCH_IO_H
#define LINUX_ARCH_IO_H
#include <stddef.h>
#include <stdint.h>

uint32_t linux_io_read(unsigned long port, unsigned int size);
void linux_io_write(unsigned long port, unsigned int size, uint32_t v);
uint32_t linux_mmio_read(const volatile void *p, unsigned int size);
void linux_mmio_write(volatile void *p, unsigned int size, uint32_t v);
void *linux_ioremap(uint64_t bus_addr, size_t len);

static inline void *ioremap(uint64_t bus_addr, size_t len)
{
	return linux_ioremap(bus_addr, len);
}

static inline void iounmap(void *regs)
{
}

#define LINUX_DMA_BUS 0x10000000ULL
#define LINUX_DMA_STRAY (1ULL << 63)
extern uintptr_t linux_dma_start;	/* the region, once allocated from */
extern size_t linux_dma_len;

static inline uint64_t virt_to_bus(const volatile void *p)
{
	uintptr_t off = (uintptr_t)p - linux_dma_start;

	return off < linux_dma_len ? LINUX_DMA_BUS + off :
				     LINUX_DMA_STRAY | (uintptr_t)p;
}

/* NULL for an address outside the DMA region */
static inline void *bus_to_virt(uint64_t bus_addr)
{
	uint64_t off = bus_addr - LINUX_DMA_BUS;

	return off < linux_dma_len ? (void *)(linux_dma_start + off) : NULL;
}

static inline uint8_t inb(unsigned long port)
{
	return linux_io_read(port, 1);
}

static inline uint16_t inw(unsigned long port)
{
	return linux_io_read(port, 2);
}

static inline uint32_t inl(unsigned long port)
{
	return linux_io_read(port, 4);
}

static inline void outb(uint8_t v, unsigned long port)
{
	linux_io_write(port, 1, v);
}

static inline void outw(uint16_t v, unsigned long port)
{
	linux_io_write(port, 2, v);
}

static inline void outl(uint32_t v, unsigned long port)
{
	linux_io_write(port, 4, v);
}

static inline uint8_t readb(const volatile void *p)
{
	return linux_mmio_read(p, 1);
}

static inline uint16_t readw(const volatile void *p)
{
	return linux_mmio_read(p, 2);
}

static inline uint32_t readl(const volatile void *p)
{
	return linux_mmio_read(p, 4);
}

static inline void writeb(uint8_t v, volatile void *p)
{
	linux_mmio_write(p, 1, v);
}

static inline void writew(uint16_t v, volatile void *p)
{
	linux_mmio_write(p, 2, v);
}

static inline void writel(uint32_t v, volatile void *p)
{
	linux_mmio_write(p, 4, v);
}

static inline void mb(void)
{
	__sync_synchronize();
}

static inline void rmb(void)
{
	__sync_synchronize();
}

static inline void wmb(void)
{
	__sync_synchronize();
}

#endif
