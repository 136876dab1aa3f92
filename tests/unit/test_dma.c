/* Unit tests for DMA memory (malloc_phys/free_phys, I/O buffers): every
 * alignment a driver asks for is met, the whole size is usable without
 * touching neighbours, freeing gives everything back, and in the hosted
 * build bus addresses translate to and from the DMA region only. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/heap.h>
#include <cxboot/io.h>
#include <cxboot/iobuf.h>
#include <cxboot/malloc.h>
#include <net/netdevice.h>
#include <net/udp.h>
#include <sim_pci.h>
#include "test.h"

UNIT_TEST(dma_alignment)
{
	static const size_t aligns[] = { 1, 2, 8, 16, 128, 4096, 65536 };
	static const size_t sizes[] = { 1, 16, 100, 4096, 12288, 70000 };
	void *guard = malloc(64);

	memset(guard, 0x5a, 64);
	for (unsigned int a = 0; a < sizeof(aligns) / sizeof(aligns[0]); a++) {
		for (unsigned int s = 0; s < sizeof(sizes) / sizeof(sizes[0]);
		     s++) {
			uint8_t *p = malloc_phys(sizes[s], aligns[a]);

			ok(p != NULL);
			if (!p)
				continue;
			ok(((uintptr_t)p & (aligns[a] - 1)) == 0);
			ok((virt_to_bus(p) & (aligns[a] - 1)) == 0);
			memset(p, 0xa5, sizes[s]);
			ok(p[0] == 0xa5 && p[sizes[s] - 1] == 0xa5);
			free_phys(p, sizes[s]);
		}
	}
	ok(((uint8_t *)guard)[0] == 0x5a && ((uint8_t *)guard)[63] == 0x5a);
	free(guard);
}

UNIT_TEST(dma_bad_requests)
{
	ok(malloc_phys(64, 48) == NULL);	/* not a power of two */
	free_phys(NULL, 0);
}

UNIT_TEST(dma_too_big)
{
	ok(malloc_phys((size_t)-1 - 8, 4096) == NULL);
	ok(malloc_phys((size_t)-1 / 2, 4096) == NULL);
	ok(alloc_iob((size_t)-1 - 8) == NULL);
}

/* Lengths from the network: a length whose sum with the room a layer
 * adds wraps around gives no buffer, never a small one. */
UNIT_TEST(iob_size_overflow)
{
	struct io_buffer *iob;

	ok(alloc_iob(SIZE_MAX) == NULL);
	ok(alloc_iob(SIZE_MAX - IOB_HEADROOM) == NULL);
	ok(alloc_iob_plus(SIZE_MAX - 8, 32) == NULL);
	ok(alloc_iob_plus(16, SIZE_MAX) == NULL);
	ok(alloc_iob_plus(SIZE_MAX / 2 + 1, SIZE_MAX / 2 + 1) == NULL);
	ok(udp_alloc_iob(SIZE_MAX - 8) == NULL);
	ok(udp_alloc_iob(SIZE_MAX) == NULL);

	iob = alloc_iob_plus(100, 28);
	ok(iob && iob_tailroom(iob) >= 128 && iob_headroom(iob) ==
	   IOB_HEADROOM);
	free_iob(iob);
	iob = udp_alloc_iob(1000);
	ok(iob && iob_tailroom(iob) >= 1000 + LL_PAD_ROOM);
	free_iob(iob);
}

UNIT_TEST(dma_free_returns_memory)
{
	size_t before = heap_free_space(dma_heap());
	void *p[8];

	for (unsigned int i = 0; i < 8; i++)
		p[i] = malloc_phys(4096 * (i + 1), 4096);
	ok(heap_free_space(dma_heap()) < before);
	for (unsigned int i = 0; i < 8; i += 2)
		free_phys(p[i], 4096 * (i + 1));
	for (unsigned int i = 1; i < 8; i += 2)
		free_phys(p[i], 4096 * (i + 1));
	ok(heap_free_space(dma_heap()) == before);
}

/* A bus address is not a pointer, and round-trips through the region. */
UNIT_TEST(dma_translation)
{
	uint8_t *p = malloc_phys(256, 64);
	uint64_t bus = virt_to_bus(p);

	ok(p != NULL);
	ok(bus != (uintptr_t)p);
	ok(bus_to_virt(bus) == p);
	ok(bus_to_virt(bus + 17) == p + 17);
	ok(sim_dma(bus, 256) == p);
	ok(sim_dma(bus + 255, 1) == p + 255);
	free_phys(p, 256);
}

/* Every I/O buffer is DMA memory. */
UNIT_TEST(dma_iobufs)
{
	struct io_buffer *iob = alloc_iob(1500);

	ok(iob != NULL);
	if (!iob)
		return;
	ok(sim_dma(virt_to_bus(iob->data), 1500) == iob->data);
	ok(((uintptr_t)iob->head & (IOB_ALIGN - 1)) == 0);
	ok(iob_tailroom(iob) >= 1500);
	free_iob(iob);
}

/* Memory outside the region: the heap, the stack, static data, a
 * range running past the region's end. */
UNIT_TEST(dma_refused_outside)
{
	static uint8_t data[64];
	uint8_t stack[64];
	void *heap = malloc(64);
	uint64_t end = virt_to_bus(malloc_phys(16, 16));

	ok(sim_dma(virt_to_bus(data), 1) == NULL);
	ok(sim_dma(virt_to_bus(stack), 1) == NULL);
	ok(sim_dma(virt_to_bus(heap), 1) == NULL);
	ok(bus_to_virt(virt_to_bus(heap)) == NULL);
	ok(sim_dma((uintptr_t)heap, 1) == NULL);
	ok(sim_dma(end, (size_t)-1) == NULL);
	ok(sim_dma(end, 1ULL << 40) == NULL);
	ok(sim_dma(0, 1) == NULL);
	free(heap);
	(void)stack;
}
