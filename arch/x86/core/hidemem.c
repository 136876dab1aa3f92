/* Hiding the firmware's memory (the image and its heap) from the
 * programs it starts while it stays in memory, so that they do not
 * load themselves over it: INT 15h, which they ask how much memory
 * there is, is hooked (bioshook.h) and answers from the BIOS's E820
 * map with the hidden ranges taken out of its RAM; its other functions
 * go on to the BIOS.
 *
 * E820h (ACPI spec, "INT 15H, E820H"): one entry per call, EBX the
 * continuation (0 first and after the last).  E801h: AX = CX = KiB of
 * RAM from 1 MiB up to 16 MiB, BX = DX = 64 KiB blocks from 16 MiB on,
 * both counting only what follows without a gap.  AH = 88h: AX = KiB
 * from 1 MiB on, at most 0xFFFF.  Hidden memory simply does not appear
 * in the answers, as if it were not there. */
#include <stdbool.h>
#include <string.h>
#include <cxboot/compiler.h>
#include <cxboot/tables.h>
#include <bios.h>
#include <bioshook.h>
#include <hidemem.h>
#include <memmap.h>
#include <memplace.h>

#define MAX_HIDDEN 4
#define MAX_SHOWN 80
#define MIB 0x100000ULL
#define PAGE 4096u
#define TOP_4G 0xfffff000ULL		/* highest usable end, page aligned */
#define INT15_VECTOR 0x15

static struct mem_range hidden[MAX_HIDDEN];	/* sorted by start */
static unsigned int nr_hidden;
static struct e820_entry shown[MAX_SHOWN];
static unsigned int nr_shown;

/* The BIOS's map without the hidden ranges. */
static void build_shown(void)
{
	unsigned int n;
	const struct e820_entry *bios = memmap_e820(&n);

	nr_shown = 0;
	for (unsigned int i = 0; i < n; i++) {
		uint64_t parts[MAX_HIDDEN + 1][2];
		unsigned int k = 1;

		parts[0][0] = bios[i].base;
		parts[0][1] = bios[i].base + bios[i].len;
		if (bios[i].type == E820_RAM)
			k = range_subtract(parts[0][0], parts[0][1], hidden,
					   nr_hidden, parts);
		for (unsigned int j = 0; j < k && nr_shown < MAX_SHOWN; j++) {
			shown[nr_shown] = bios[i];
			shown[nr_shown].base = parts[j][0];
			shown[nr_shown].len = parts[j][1] - parts[j][0];
			nr_shown++;
		}
	}
}

void hide_memory(uint32_t start, uint32_t end)
{
	unsigned int i = nr_hidden;

	/* Whole pages: what is left around them stays usable as such. */
	start &= ~(PAGE - 1);
	end = end > UINT32_MAX - PAGE ? UINT32_MAX & ~(PAGE - 1) :
		(end + PAGE - 1) & ~(PAGE - 1);
	if (start >= end || nr_hidden == MAX_HIDDEN)
		return;
	for (; i && hidden[i - 1].start > start; i--)
		hidden[i] = hidden[i - 1];
	hidden[i].start = start;
	hidden[i].end = end;
	nr_hidden++;
	build_shown();
}

void unhide_memory(uint32_t start, uint32_t end)
{
	struct mem_range shown_again = {
		(start + PAGE - 1) & ~(PAGE - 1), end & ~(PAGE - 1),
	};
	struct mem_range left[MAX_HIDDEN];
	unsigned int n = 0;

	if (shown_again.start >= shown_again.end)
		return;
	for (unsigned int i = 0; i < nr_hidden; i++) {
		uint64_t parts[2][2];
		unsigned int k = range_subtract(hidden[i].start, hidden[i].end,
						&shown_again, 1, parts);

		/* No room to split a range: it stays hidden whole. */
		if (n + k > MAX_HIDDEN)
			return;
		for (unsigned int j = 0; j < k; j++)
			left[n++] = (struct mem_range){ parts[j][0], parts[j][1] };
	}
	memcpy(hidden, left, n * sizeof(left[0]));
	nr_hidden = n;
	build_shown();
}

int hidemem_ram(unsigned int i, uint32_t *start, uint32_t *end)
{
	for (unsigned int j = 0; j < nr_shown; j++) {
		const struct e820_entry *e = &shown[j];

		if (e->type != E820_RAM || e->base >= TOP_4G || i--)
			continue;
		*start = e->base;
		*end = MIN(e->base + e->len, TOP_4G);
		return 0;
	}
	return -1;
}

static void int15_call(struct bios_call *call);

static bool active;

static void hidemem_install(void)
{
	uint32_t old;
	unsigned int n;

	/* Without an E820 map there is nothing to answer from. */
	memmap_e820(&n);
	if (!n || active)
		return;
	build_shown();
	active = hook_bios_interrupt(INT15_VECTOR, int15_call, &old) == 0;
}

INIT_FN(hidemem_init, INIT_NORMAL, hidemem_install);

void hidemem_remove(void)
{
	if (active)
		unhook_bios_interrupt(INT15_VECTOR, int15_call);
	active = false;
}

/* Bytes of RAM that follow from start without a gap, up to limit. */
static uint64_t ram_run(uint64_t start, uint64_t limit)
{
	uint64_t at = start;
	bool grew = true;

	while (grew && at < limit) {
		grew = false;
		for (unsigned int i = 0; i < nr_shown; i++) {
			const struct e820_entry *e = &shown[i];

			if (e->type == E820_RAM && e->base <= at &&
			    e->base + e->len > at) {
				at = e->base + e->len;
				grew = true;
			}
		}
	}
	return MIN(at, limit) - start;
}

static void e820(struct bios_regs *regs)
{
	uint32_t i = regs->ebx;
	size_t size;

	if (regs->edx != SMAP || regs->ecx < 20 || i >= nr_shown) {
		regs->eax = (regs->eax & ~0xff00) | 0x8600;  /* unsupported */
		regs->eflags |= EFLAGS_CF;
		return;
	}
	size = regs->ecx >= sizeof(shown[i]) ? sizeof(shown[i]) : 20;
	memcpy(real_to_flat(regs->es, regs->edi), &shown[i], size);
	regs->eax = SMAP;
	regs->ecx = size;
	regs->ebx = i + 1 < nr_shown ? i + 1 : 0;
	regs->eflags &= ~EFLAGS_CF;
}

/* The memory-size queries: E820h, E801h, AH = 88h. */
static void int15_call(struct bios_call *call)
{
	struct bios_regs *regs = call->regs;
	uint32_t low, high = 0;

	if ((regs->eax & 0xffff) != 0xe820 && (regs->eax & 0xffff) != 0xe801 &&
	    (regs->eax & 0xff00) != 0x8800) {
		call->chain = true;
		return;
	}
	if ((regs->eax & 0xffff) == 0xe820) {
		e820(regs);
		return;
	}
	low = ram_run(MIB, 16 * MIB) >> 10;
	if ((regs->eax & 0xffff) == 0xe801) {
		if (low == 15 * 1024)
			high = ram_run(16 * MIB, 1ULL << 32) >> 16;
		regs->eax = regs->ecx = low;
		regs->ebx = regs->edx = MIN(high, 0xffffu);
	} else {			/* AH = 88h */
		regs->eax = MIN(ram_run(MIB, MIB + 0xffff * 1024ULL) >> 10,
				0xffffu);
	}
	regs->eflags &= ~EFLAGS_CF;
}
