/* The hosted build's DMA region: a mapping of its own, apart from the
 * heap, from which malloc_phys() and every I/O buffer are drawn.  Its
 * bus addresses start at LINUX_DMA_BUS (see arch_io.h), so a simulated
 * device can tell memory given to it from anything else. */
#include <cxboot/heap.h>
#include <sim_pci.h>
#include <arch_io.h>
#include "linux_api.h"

#define DMA_SIZE (256UL << 20)

uintptr_t linux_dma_start;
size_t linux_dma_len;
static struct heap dma;

struct heap *dma_heap(void)
{
	void *p;

	if (dma.lo)
		return &dma;
	p = linux_mmap(0, DMA_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if ((long)p < 0 && (long)p > -4096)
		return NULL;
	if (heap_init(&dma, p, DMA_SIZE) != 0)
		return NULL;
	linux_dma_start = (uintptr_t)p;
	linux_dma_len = DMA_SIZE;
	return &dma;
}

void *sim_dma(uint64_t bus, size_t len)
{
	void *p = bus_to_virt(bus);

	if (!p || len > linux_dma_len ||
	    bus - LINUX_DMA_BUS > linux_dma_len - len)
		return NULL;
	return p;
}
