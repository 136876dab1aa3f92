/* Device access for drivers, identical on every platform:
 *
 *   inb/inw/inl(port), outb/outw/outl(value, port)   port I/O
 *   ioremap(bus_addr, len) -> pointer, iounmap(ptr)   map registers
 *   readb/readw/readl(ptr), writeb/writew/writel(value, ptr)
 *   virt_to_bus(ptr), bus_to_virt(bus_addr)           DMA addresses
 *   mb(), rmb(), wmb()                                ordering of memory
 *                                                     shared with devices
 *
 * Registers are little-endian as PCI defines them; the accessors return
 * CPU-order values.  DMA memory comes from malloc_phys() or alloc_iob().
 * The platform's <arch_io.h> supplies the implementations. */
#ifndef CXBOOT_IO_H
#define CXBOOT_IO_H
#include <stddef.h>
#include <stdint.h>
#include <arch_io.h>

#endif
