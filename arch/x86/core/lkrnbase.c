/* The .lkrn's base-memory part (the real-mode half of the firmware:
 * mode switches, hooked interrupts) moved to the top of base memory and
 * taken off the size at 40:13h, as the ROM's is.  A Linux loader puts
 * it low (QEMU at 64 KiB), where a boot sector or SYSLINUX that we
 * start would load itself over it while still calling INT 13h; the top
 * of base memory is what such programs know to leave alone. */
#include <string.h>
#include <cxboot/tables.h>
#include <bios.h>
#include <prefix.h>

/* The area's size (arch/x86/scripts/lkrn.lds) */
extern char _setup_area_end[];
extern char rm_init_far[], gdtr[];
extern uint32_t rm_base;

static void lkrn_base_move(void)
{
	uint16_t *base_kib = real_to_flat(0x40, 0x13);
	uint32_t size = (uintptr_t)_setup_area_end;
	uint16_t kib = (size + 1023) / 1024;
	uint32_t to = (uint32_t)(*base_kib - kib) * 1024;
	struct bios_regs regs = { 0 };

	if (*base_kib <= kib || to <= rm_base)
		return;
	/* The loader's command line may lie where the area goes. */
	prefix_cmdline();
	memmove((void *)to, (void *)rm_base, size);
	*base_kib -= kib;
	/* The copy fills in its own addresses (descriptors, far-jump
	 * vectors, its stack), reached through the old one; then C
	 * switches over to its descriptor table. */
	bios_farcall(to >> 4, (uintptr_t)rm_init_far, &regs);
	rm_base = to;
	__asm__ volatile("lgdtl %0" : : "m"(*(char *)rm_flat(gdtr)));
}

/* Before anything hooks a vector into the area (INT 15h at
 * INIT_NORMAL). */
INIT_FN(lkrn_base_init, INIT_EARLY, lkrn_base_move);
