/* The memory map and the heap's place in it.
 *
 * The map comes from INT 15h AX=E820h (ACPI spec, "INT 15H, E820H -
 * Query System Address Map"), or from AX=E801h on BIOSes without it,
 * read once at start-up.  The image moves itself to the top of it
 * (relocate.c); the heap is the largest stretch of RAM below 4 GiB that
 * avoids the image and anything reserved with memmap_reserve() (the
 * initrd), preferably above 64 MiB so that the low memory stays free
 * for the operating systems we load.  Image and heap are hidden from what
 * the firmware starts (hidemem.c). */
#include <string.h>
#include <cxboot/compiler.h>
#include <cxboot/heap.h>
#include <cxboot/malloc.h>
#include <bios.h>
#include <hidemem.h>
#include <memmap.h>
#include <memplace.h>

#define MAX_E820 64

#define MIB (1024UL * 1024)
#define HEAP_FLOOR (64 * MIB)		/* where the heap would like to start */
#define HEAP_MIN (16 * MIB)		/* below this, take any place */
#define RESIDENT_ROOM (8 * MIB)		/* heap room while an OS runs */
#define TOP_4G 0xfffff000UL		/* highest usable end, page aligned */
#define PAGE 4096UL

extern char _text[], _end[];

static struct mem_range reserved[4];
static unsigned int nr_reserved;

void memmap_reserve(uint32_t start, uint32_t len)
{
	if (len && nr_reserved < ARRAY_SIZE(reserved)) {
		reserved[nr_reserved].start = start;
		reserved[nr_reserved].end =
			start + len < start ? TOP_4G : start + len;
		nr_reserved++;
	}
}

static struct e820_entry e820[MAX_E820];
static unsigned int nr_e820;
static struct mem_range ram[MAX_E820];
static unsigned int nr_ram;

static void add_ram(uint64_t base, uint64_t len)
{
	uint64_t end = base + len;

	if (end > TOP_4G)
		end = TOP_4G;
	if (base >= end || nr_ram == MAX_E820)
		return;
	ram[nr_ram].start = base;
	ram[nr_ram].end = end;
	nr_ram++;
}

int e820_next(uint32_t *cont, struct e820_entry *entry)
{
	uint16_t seg, off;
	struct e820_entry *e = bios_buffer(&seg, &off);
	struct bios_regs r = { .eax = 0xe820, .ebx = *cont, .ecx = 24,
			       .edx = SMAP, .es = seg, .edi = off };

	memset(e, 0, sizeof(*e));
	e->attr = E820_ATTR_ENABLED;	/* for 20-byte answers */
	bios_int(0x15, &r);
	if ((r.eflags & EFLAGS_CF) || r.eax != SMAP || r.ecx < 20)
		return -1;
	*entry = *e;
	*cont = r.ebx;
	return 0;
}

static int read_e820(void)
{
	struct e820_entry e;
	uint32_t cont = 0;
	unsigned int n = 0;

	while (n++ < 128 && e820_next(&cont, &e) == 0) {
		if ((e.attr & E820_ATTR_ENABLED) && nr_e820 < MAX_E820) {
			e820[nr_e820++] = e;
			if (e.type == E820_RAM)
				add_ram(e.base, e.len);
		}
		if (!cont)
			break;
	}
	/* A map without RAM is no map (and nothing to hide from). */
	if (!nr_ram)
		nr_e820 = 0;
	return nr_ram ? 0 : -1;
}

/* E801h: AX (or CX) = KiB from 1 MiB to 16 MiB, BX (or DX) = 64 KiB
 * blocks above 16 MiB. */
static int read_e801(void)
{
	struct bios_regs r = { .eax = 0xe801 };
	uint32_t low, high;

	bios_int(0x15, &r);
	if (r.eflags & EFLAGS_CF)
		return -1;
	low = r.eax & 0xffff;
	high = r.ebx & 0xffff;
	if (!low && !high) {
		low = r.ecx & 0xffff;
		high = r.edx & 0xffff;
	}
	add_ram(MIB, (uint64_t)low * 1024);
	add_ram(16 * MIB, (uint64_t)high * 65536);
	return nr_ram ? 0 : -1;
}

int memmap_init(void)
{
	static int rc = 1;

	if (rc > 0)
		rc = read_e820() == 0 || read_e801() == 0 ? 0 : -1;
	return rc;
}

uint32_t memmap_top(uint32_t size, uint32_t align, uint32_t avoid_start,
		    uint32_t avoid_end)
{
	struct mem_range busy[ARRAY_SIZE(reserved) + 1];

	memcpy(busy, reserved, nr_reserved * sizeof(*busy));
	busy[nr_reserved].start = avoid_start;
	busy[nr_reserved].end = avoid_end;
	return place_high(ram, nr_ram, busy, nr_reserved + 1, size, align,
			  TOP_4G);
}

const struct e820_entry *memmap_e820(unsigned int *n)
{
	*n = nr_e820;
	return e820;
}

int memmap_ram(unsigned int i, uint32_t *start, uint32_t *end)
{
	if (i >= nr_ram)
		return -1;
	*start = ram[i].start;
	*end = ram[i].end;
	return 0;
}

/* The largest part of [lo, hi) outside reserved[i..], into *best. */
static void largest_free(uint32_t lo, uint32_t hi, unsigned int i,
			 struct mem_range *best)
{
	if (lo >= hi)
		return;
	for (; i < nr_reserved; i++) {
		if (reserved[i].end <= lo || reserved[i].start >= hi)
			continue;
		largest_free(lo, reserved[i].start, i + 1, best);
		largest_free(reserved[i].end, hi, i + 1, best);
		return;
	}
	if (hi - lo > best->end - best->start) {
		best->start = lo;
		best->end = hi;
	}
}

static struct mem_range place_heap(uint32_t floor)
{
	struct mem_range best = { 0, 0 };

	for (unsigned int i = 0; i < nr_ram; i++) {
		uint32_t lo = MAX(ram[i].start, floor);

		lo = (lo + PAGE - 1) & ~(PAGE - 1);
		largest_free(lo, ram[i].end & ~(PAGE - 1), 0, &best);
	}
	return best;
}

int heap_region(void **start, size_t *len)
{
	struct mem_range best;

	if (memmap_init() != 0)
		return -1;
	memmap_reserve((uintptr_t)_text, _end - _text);
	best = place_heap(HEAP_FLOOR);
	if (best.end - best.start < HEAP_MIN)
		best = place_heap((uintptr_t)_end);
	if (best.end == best.start)
		return -1;
	/* Both must survive whatever we start while we stay. */
	hide_memory((uintptr_t)_text, (uintptr_t)_end);
	hide_memory(best.start, best.end);
	*start = (void *)best.start;
	*len = best.end - best.start;
	return 0;
}

void memmap_resident(void)
{
	struct heap *heap = malloc_heap();
	uintptr_t start, end;

	if (!heap)
		return;
	end = heap->hi;
	unhide_memory(heap_shrink(heap, RESIDENT_ROOM), end);
	/* and the largest hole (a download freed, say) */
	if (heap_take_hole(heap, &start, &end) == 0)
		unhide_memory(start, end);
}

/* Memory is physical here: DMA memory is ordinary heap memory. */
struct heap *dma_heap(void)
{
	return malloc_heap();
}
