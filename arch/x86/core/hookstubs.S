/* The real-mode side of bioshook.h: one stub per slot, which pushes
 * its slot number, and one common part, which calls
 * bios_hook_dispatch() through pm_call and then does what the C side
 * chose: return from the interrupt, pass it on to the previous
 * handler, or return from a far call.  A slot whose hook was removed
 * while its vector could not be given back passes every call on at
 * once, in real mode: the C side may be gone (its memory the
 * operating system's). */
#include <bios.h>
#include <bioshook.h>

/* CF, PF, AF, ZF, SF, OF: results a handler returns in the flags; the
 * rest (IF, DF, TF) stay the interrupted code's. */
#define FLAGS_RESULT 0x08d5

	.section .text16, "awx", @progbits
	.code16

	.balign	8
	.globl	bios_hook_stubs
bios_hook_stubs:
	.set	slot, 0
	.rept	BIOS_HOOK_SLOTS
	.balign	BIOS_HOOK_STUB_SIZE	/* stub k at bios_hook_stubs + k * size */
	cmpb	$0, %cs:bios_hook_pass + slot
	jne	1f
	pushw	$slot * 4
	jmp	bios_hook_common
1:	ljmpw	*%cs:bios_hook_old + slot * 4
	.set	slot, slot + 1
	.endr

/* Stack on entry: slot * 4, then the caller's return address (and
 * FLAGS for an interrupt).  bios_hook_dispatch() finds the slot, the
 * caller's SS and its verdict word above the registers pm_call saves
 * (struct bios_hook_frame in bioshook.c). */
bios_hook_common:
	pushw	%ss
	pushw	$BIOS_HOOK_IRET		/* the verdict, set by C */
	pushl	$bios_hook_dispatch
	pushw	%cs
	call	pm_call
	pushfw
	pushw	%bp
	movw	%sp, %bp
	/* 0 BP, 2 the handler's FLAGS, 4 verdict, 6 SS, 8 slot * 4,
	 * 10 IP, 12 CS, 14 FLAGS (interrupts) */
	cmpw	$BIOS_HOOK_CHAIN, 4(%bp)
	je	2f
	cmpw	$BIOS_HOOK_LRET, 4(%bp)
	je	3f
	pushw	%ax
	movw	2(%bp), %ax
	andw	$FLAGS_RESULT, %ax
	andw	$~FLAGS_RESULT, 14(%bp)
	orw	%ax, 14(%bp)
	popw	%ax
	popw	%bp
	addw	$8, %sp
	iretw

	/* The previous handler gets the interrupt's own frame: its
	 * address goes right below IP, where SS and the slot were. */
2:	pushw	%bx
	movw	8(%bp), %bx
	pushl	%cs:bios_hook_old(%bx)
	popl	6(%bp)
	popw	%bx
	popw	%bp
	popfw
	leaw	2(%esp), %sp		/* the verdict; flags untouched */
	lretw

3:	popw	%bp
	popfw
	leaw	6(%esp), %sp		/* verdict, SS, slot */
	lretw

/* The previous handler of each hooked vector (offset, then segment),
 * and whether to go there at once. */
	.balign	4
	.globl	bios_hook_old, bios_hook_pass
bios_hook_old:
	.space	4 * BIOS_HOOK_SLOTS
bios_hook_pass:
	.space	BIOS_HOOK_SLOTS

	.section .note.GNU-stack, "", @progbits
