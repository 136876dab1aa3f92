/* Device access on the PC (see <cxboot/io.h>).  The firmware runs in
 * flat 32-bit protected mode without paging, so a pointer is the
 * physical address and the bus address at once; only the 4 GiB below
 * the 32-bit limit can be reached. */
#ifndef X86_ARCH_IO_H
#define X86_ARCH_IO_H
#include <stddef.h>
#include <stdint.h>
#include <x86_io.h>

static inline void *ioremap(uint64_t bus_addr, size_t len)
{
	if (bus_addr + len < bus_addr || bus_addr + len > 0x100000000ULL)
		return NULL;
	return (void *)(uintptr_t)bus_addr;
}

static inline void iounmap(void *regs)
{
}

static inline uint64_t virt_to_bus(const volatile void *p)
{
	return (uintptr_t)p;
}

static inline void *bus_to_virt(uint64_t bus_addr)
{
	return (void *)(uintptr_t)bus_addr;
}

static inline uint8_t readb(const volatile void *p)
{
	return *(const volatile uint8_t *)p;
}

static inline uint16_t readw(const volatile void *p)
{
	return *(const volatile uint16_t *)p;
}

static inline uint32_t readl(const volatile void *p)
{
	return *(const volatile uint32_t *)p;
}

static inline void writeb(uint8_t v, volatile void *p)
{
	*(volatile uint8_t *)p = v;
}

static inline void writew(uint16_t v, volatile void *p)
{
	*(volatile uint16_t *)p = v;
}

static inline void writel(uint32_t v, volatile void *p)
{
	*(volatile uint32_t *)p = v;
}

/* x86 keeps loads in order with loads and stores with stores, also
 * against uncached device registers, so only the compiler needs to be
 * held back there.  A store followed by a load needs a locked
 * instruction (an i686 may lack MFENCE). */
static inline void mb(void)
{
	__asm__ volatile("lock; addl $0, 0(%%esp)" : : : "memory", "cc");
}

static inline void rmb(void)
{
	__asm__ volatile("" : : : "memory");
}

static inline void wmb(void)
{
	__asm__ volatile("" : : : "memory");
}

#endif
