/* Real-mode entry points into C that live while an operating system or
 * a network boot program runs: hooked interrupt vectors (INT 13h) and
 * far-call entry points (the PXE API).  Each enters
 *
 *   void fn(struct bios_call *call)
 *
 * with the caller's registers (call->regs, which the caller gets back
 * as fn leaves them, flags included: set or clear EFLAGS_CF there; an
 * interrupted caller keeps its own IF, DF and TF) and
 * the caller's stack (call->ss:call->sp, where its stack arguments
 * are).  An interrupt handler may instead pass the call on to the
 * vector's previous handler (call->chain), with the registers as it
 * left them.  The real-mode side is one set of stubs
 * (arch/x86/core/hookstubs.S); C code runs as in any pm_call
 * (interrupts off, on the firmware's stack). */
#ifndef X86_BIOSHOOK_H
#define X86_BIOSHOOK_H

/* Entry points available at once (interrupts and far-call entries) */
#define BIOS_HOOK_SLOTS 8
#define BIOS_HOOK_STUB_SIZE 32

/* What the stub does after fn returns (shared with the assembly) */
#define BIOS_HOOK_IRET 0	/* return from the interrupt */
#define BIOS_HOOK_CHAIN 1	/* go on to the previous handler */
#define BIOS_HOOK_LRET 2	/* far return with fn's flags */

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>
#include <bios.h>

struct bios_call {
	struct bios_regs *regs;
	/* The caller's stack as it was before its INT or far CALL: its
	 * last pushed argument is at ss:sp. */
	uint16_t ss, sp;
	bool chain;		/* interrupts: pass on to the old handler */
};

typedef void (*bios_hook_fn)(struct bios_call *call);

/* Point interrupt vector at fn; *old gets the previous handler
 * (seg << 16 | off).  -ENOSPC if every slot is taken. */
int hook_bios_interrupt(unsigned int vector, bios_hook_fn fn,
			uint32_t *old);
/* Give the vector back to the previous handler.  If someone hooked it
 * after us, the vector cannot change: our slot then passes every call
 * on in real mode, without C (which may be gone by then), and -EBUSY
 * says so (again on every later call, until the vector is ours once
 * more and goes back); -ENOENT if fn does not hold the vector. */
int unhook_bios_interrupt(unsigned int vector, bios_hook_fn fn);

/* A far-call entry point (seg << 16 | off) into fn; 0 if every slot is
 * taken.  It stays until the firmware leaves memory. */
uint32_t bios_entry_point(bios_hook_fn fn);

#endif
#endif
