/* Calls from 32-bit C into the real-mode BIOS, and the little base memory
 * (below 1 MiB) that such calls need.
 *
 *   struct bios_regs r = { .eax = 0x0e00 | 'A', .ebx = 0x0007 };
 *   bios_int(0x10, &r);
 *
 * The registers are loaded before the call and hold the BIOS's results
 * afterwards (eflags included: test r.eflags & EFLAGS_CF).  Interrupts
 * are enabled while the BIOS runs and disabled again on return.  The
 * mode switches themselves are private to arch/x86/core/realmode.S,
 * which also has the way back: real-mode entry points (the ROM's boot
 * entry, hooked interrupts, the PXE API) call a C function
 * void fn(struct bios_regs *regs) through pm_call. */
#ifndef X86_BIOS_H
#define X86_BIOS_H

/* Layout of struct bios_regs, shared with the assembly. */
#define BIOS_REGS_EAX 0
#define BIOS_REGS_EBX 4
#define BIOS_REGS_ECX 8
#define BIOS_REGS_EDX 12
#define BIOS_REGS_ESI 16
#define BIOS_REGS_EDI 20
#define BIOS_REGS_EBP 24
#define BIOS_REGS_DS 28
#define BIOS_REGS_ES 30
#define BIOS_REGS_FS 32
#define BIOS_REGS_GS 34
#define BIOS_REGS_EFLAGS 36
#define BIOS_REGS_SIZE 40

/* rm_call's how: push FLAGS before the far call (the target returns
 * with IRET); the target is a vector of the interrupt vector table. */
#define RM_CALL_INT 1
#define RM_CALL_VECTOR 2

/* Layout of struct rm_stack, shared with the assembly. */
#define RM_STACK_SS 0
#define RM_STACK_SP 2
#define RM_STACK_ARGS 4
#define RM_STACK_LEN 8

/* Size of the base-memory scratch buffer (bios_buffer()). */
#define BIOS_BUFFER_SIZE 1024

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct bios_regs {
	uint32_t eax, ebx, ecx, edx, esi, edi, ebp;
	uint16_t ds, es, fs, gs;
	uint32_t eflags;
};

#define EFLAGS_CF 0x0001
#define EFLAGS_ZF 0x0040

/* The real-mode stack of a call: the target runs on ss:sp (0:0 means
 * the firmware's own real-mode stack), with len bytes of args pushed
 * there before the return address, so that args[0] lies at SS:SP+4 (a
 * far call) or SS:SP+6 (as INT).  The caller's bytes stay on the stack
 * when the target returns, as the C calling convention does in real
 * mode (the target pops only its return address). */
struct rm_stack {
	uint16_t ss, sp;
	const void *args;
	uint16_t len;
};
#ifdef __i386__
_Static_assert(offsetof(struct rm_stack, args) == RM_STACK_ARGS &&
	       offsetof(struct rm_stack, len) == RM_STACK_LEN,
	       "struct rm_stack as realmode.S sees it");
#endif

/* The C code is built with -mregparm=3 (arguments in %eax, %edx,
 * %ecx); these entry points, written in assembly, take theirs on the
 * stack. */
#ifdef __i386__
#define ASM_ARGS __attribute__((regparm(0)))
#else
#define ASM_ARGS
#endif

/* Mode-switching call: how (RM_CALL_...) selects "INT target" (target
 * is the vector), an interrupt handler called as INT would (target is
 * seg << 16 | offset) or "far CALL target".  stack may be NULL: the
 * firmware's real-mode stack, nothing pushed. */
ASM_ARGS void rm_call(int how, uint32_t target, struct bios_regs *regs,
		      const struct rm_stack *stack);

/* INT vector, as if executed by real-mode code. */
static inline void bios_int(unsigned int vector, struct bios_regs *regs)
{
	rm_call(RM_CALL_INT | RM_CALL_VECTOR, vector & 0xff, regs, NULL);
}

/* The interrupt handler at seg << 16 | off, as INT would enter it (a
 * hooked vector's previous handler). */
static inline void bios_int_at(uint32_t handler, struct bios_regs *regs)
{
	rm_call(RM_CALL_INT, handler, regs, NULL);
}

/* Far CALL seg:off (entry points such as the PnP or PXE APIs). */
static inline void bios_farcall(uint16_t seg, uint16_t off,
				struct bios_regs *regs)
{
	rm_call(0, (uint32_t)seg << 16 | off, regs, NULL);
}

/* Leave for good to real-mode code at target (seg << 16 | offset) with
 * DS = ES = FS = GS = SS = seg, SP = sp, EDX = edx and interrupts on
 * if irq (a Linux kernel's setup code wants them off; a boot sector
 * gets its drive in DL and interrupts on, as from the BIOS). */
ASM_ARGS void rm_jump(uint32_t target, uint16_t seg, uint16_t sp,
		      uint32_t edx, int irq) __attribute__((noreturn));

/* A far-callable real-mode routine that does nothing: calling it lets
 * pending interrupts in. */
extern char rm_idle[];

/* A BIOS_BUFFER_SIZE scratch buffer in base memory for calls that take
 * a real-mode far pointer (E820 entries, disk address packets ...).
 * Returns its flat address; *seg:*off is the same memory for the BIOS.
 * Its contents last until the next call of bios_buffer(). */
void *bios_buffer(uint16_t *seg, uint16_t *off);

/* Flat address of real-mode memory seg:off.  The empty asm hides the
 * value from the compiler, which would otherwise treat small constant
 * addresses (the vector table at 0) as null-pointer dereferences. */
static inline void *real_to_flat(uint16_t seg, uint16_t off)
{
	uintptr_t addr = ((uintptr_t)seg << 4) + off;

	__asm__("" : "+r"(addr));
	return (void *)addr;
}

/* A symbol of the base-memory area of realmode.S (linked as an offset
 * from its start): its flat address, and its real-mode seg << 16 | off. */
void *rm_flat(const void *sym);
uint32_t rm_farptr(const void *sym);

/* Flat address of the image's first byte as the loader left it in base
 * memory (the prefix: for .lkrn the boot sector and setup header). */
void *prefix_area(void);

/* The C entry point, reached in flat protected mode with a clean .bss
 * through pm_call.  It returns only to a loader that takes the machine
 * back (prefix.h), with AX = the status for it. */
void x86_main(struct bios_regs *regs);

#endif
#endif
