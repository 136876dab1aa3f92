/* Every switch between real mode and 32-bit protected mode, and the GDT.
 *
 * The firmware's C code runs in flat 32-bit protected mode (all
 * segments base 0, limit 4 GiB) with interrupts disabled.  The BIOS
 * runs in real mode.  rm_call() goes from one to the other and back
 * through a trampoline in the base-memory part of the image (section
 * .text16, linked at offset 0 of the area the loader put below 1 MiB;
 * see the linker script), which also holds the GDT, a real-mode stack
 * and a scratch buffer.  Offsets in .text16 are therefore offsets from
 * the segment rm_seg; in protected mode the same bytes are at
 * rm_base + offset.
 *
 * The reverse path, pm_call, lets real-mode code call a C function
 * (the ROM's boot entry, later INT 13h and the PXE API): the caller's
 * registers become a struct bios_regs that the function may change.
 * Calls nest both ways (C calls the BIOS, which calls a hooked vector,
 * which calls C ...): each side keeps the stack position of its
 * innermost suspended call (rm_ss:rm_sp, pm_esp) and the next switch
 * continues below it.
 *
 * Real mode to protected mode: load the GDT, set CR0.PE, far-jump to a
 * 32-bit code selector.  Protected mode back to real mode: far-jump to a
 * 16-bit code segment whose base is the trampoline's linear address,
 * load 16-bit data selectors (64 KiB limits, which real mode keeps
 * using), load the real-mode IDT, clear CR0.PE, then far-jump (through
 * a vector filled in by rm_init) to rm_seg:label so that CS holds a
 * real-mode segment again.  (Intel SDM vol. 3, "Switching to Protected
 * Mode" and "Switching Back to Real-Address Mode".)
 *
 * The 32-bit part of the image arrives compressed: the first pm_call
 * (with function 0) unpacks it at its link address (1 MiB;
 * arch/x86/prefix/unpack.S), which must happen before anything touches
 * its code, data or .bss, and then moves it to the top of memory
 * (relocate.c).  From then on real mode reaches it only through
 * addresses that C stored here (rm_call's return point) or that pm_call
 * corrects by the distance moved (function addresses, the stack). */
#include <bios.h>

#define CODE32_SEL 0x08
#define DATA32_SEL 0x10
#define CODE16_SEL 0x18
#define DATA16_SEL 0x20

#define RM_STACK_SIZE 4096
#define FLAGS_CF 0x0001

/* Every data segment register from %ax. */
.macro	segments_from_ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %fs
	movw	%ax, %gs
	movw	%ax, %ss
.endm

/* CR0.PE on or off (clobbers %eax); a far jump or return must follow. */
.macro	protection_on
	movl	%cr0, %eax
	orb	$1, %al
	movl	%eax, %cr0
.endm
.macro	protection_off
	movl	%cr0, %eax
	andb	$0xfe, %al
	movl	%eax, %cr0
.endm

/* A free word of the BIOS data area (the inter-application
 * communication area, 0x4f0-0x4ff) for the A20 test. */
#define A20_TEST_ADDR 0x4f0

	.section .text16, "awx", @progbits
	.code16

/* Make the area at CS (the image's first byte, which must stay where it
 * is from now on) ready for mode switches: descriptors, far-jump
 * vectors, stacks, the A20 line.  Near call in real mode; all registers
 * kept; CF set if A20 will not turn on. */
	.globl rm_init
rm_init:
	pushl	%eax
	pushl	%ebx
	movw	%cs, %ax
	movw	%ax, %cs:rm_seg
	movw	%ax, %cs:rm_real_vec + 2
	movw	%ax, %cs:pm_call_real_vec + 2
	/* Until a pm_call says otherwise, the BIOS runs on our stack. */
	movw	%ax, %cs:rm_ss
	movw	$rm_stack_top, %cs:rm_sp
	movl	$pm_stack_top, %cs:pm_esp
	movzwl	%ax, %ebx
	shll	$4, %ebx		/* linear address of this area */

	/* The 16-bit descriptors cover this area: base bits 0-15 are
	 * bytes 2-3 of a descriptor, bits 16-23 byte 4 (bits 24-31 stay
	 * zero below 1 MiB). */
	movl	%ebx, %eax
	movw	%ax, %cs:gdt_code16 + 2
	movw	%ax, %cs:gdt_data16 + 2
	shrl	$16, %eax
	movb	%al, %cs:gdt_code16 + 4
	movb	%al, %cs:gdt_data16 + 4
	leal	gdt(%ebx), %eax
	movl	%eax, %cs:gdtr + 2
	leal	pm_call32(%ebx), %eax
	movl	%eax, %cs:pm_call_vec

	call	a20_enable
	popl	%ebx
	popl	%eax
	ret

/* rm_init for a copy of this area made from C (arch/x86/core/lkrnbase.c):
 * far call in real mode to the copy. */
	.globl	rm_init_far
rm_init_far:
	call	rm_init
	lretw

/* Reached from a prefix (.lkrn, PXE) in real mode with CS = DS = ES =
 * SS = the segment the image's first byte was loaded at, SP =
 * rm_stack_top and payload_src set.  A near call that returns only if
 * x86_main does (to a loader that takes the machine back, prefix.h),
 * with AX = x86_main's status; a prefix that never goes back may jump
 * here. */
	.globl rm_boot
rm_boot:
	call	rm_init
	movw	$a20_msg, %si
	jc	1f
	pushl	$0			/* unpack the 32-bit part */
	pushw	%cs
	call	pm_call
	movw	$payload_msg, %si
	jc	1f
	pushl	$x86_main
	pushw	%cs
	call	pm_call
	ret
1:	call	rm_print
0:	hlt
	jmp	0b

/* Print the NUL-terminated string at DS:SI with INT 10h; only for
 * failures before protected mode. */
rm_print:
	lodsb
	testb	%al, %al
	jz	1f
	movb	$0x0e, %ah
	movw	$0x0007, %bx
	int	$0x10
	jmp	rm_print
1:	ret

/* Is the A20 line on?  ZF set if so.  Writes the complement of the
 * word at A20_TEST_ADDR to the same address + 1 MiB (FFFF:0500), which
 * changes the low word only when addresses wrap at 1 MiB.  Both words
 * are restored; moves and pops leave ZF from the compare. */
a20_test:
	pushw	%ds
	pushw	%es
	pushw	%ax
	pushw	%cx
	pushw	%dx
	xorw	%ax, %ax
	movw	%ax, %ds
	decw	%ax
	movw	%ax, %es
	movw	A20_TEST_ADDR, %cx
	movw	%es:A20_TEST_ADDR + 0x10, %dx
	movw	%cx, %ax
	notw	%ax
	movw	%ax, %es:A20_TEST_ADDR + 0x10
	cmpw	A20_TEST_ADDR, %cx
	movw	%dx, %es:A20_TEST_ADDR + 0x10
	movw	%cx, A20_TEST_ADDR
	popw	%dx
	popw	%cx
	popw	%ax
	popw	%es
	popw	%ds
	ret

/* Turn the A20 line on: the BIOS service (INT 15h AX=2401h) first, then
 * the "fast A20" bit of system control port A (port 92h bit 1).
 * CF set on failure.  (The keyboard-controller method is not tried.)
 * While INT 15h is ours (hidemem.h), that call enters C through
 * pm_call, which comes back here: the nested call goes straight to the
 * port rather than round again. */
a20_enable:
	call	a20_test
	jz	9f
	testb	$1, %cs:a20_in_int15
	jnz	2f
	movb	$1, %cs:a20_in_int15
	movw	$0x2401, %ax
	int	$0x15
	movb	$0, %cs:a20_in_int15
	call	a20_test
	jz	9f
2:	inb	$0x92, %al
	andb	$0xfe, %al		/* bit 0 would reset the machine */
	orb	$0x02, %al
	outb	%al, $0x92
	movw	$0xffff, %cx
1:	call	a20_test
	jz	9f
	loop	1b
	stc
	ret
9:	clc
	ret

/* Second half of rm_call: entered in 16-bit protected mode. */
rm_enter:
	movw	$DATA16_SEL, %ax
	segments_from_ax
	lidtl	rm_idtr
	protection_off
	/* The far jump right after clearing PE reloads CS, which still
	 * holds the selector, with the real-mode segment.  No stack is
	 * touched until the real-mode one is in place. */
	ljmpw	*rm_real_vec
rm_real:
	movw	%cs, %ax
	movw	%ax, %ds
	movw	rm_call_ss, %ss
	movzwl	rm_call_sp, %esp

	/* The target may be a vector; fetch its handler from the
	 * interrupt vector table at 0000:0000. */
	testb	$RM_CALL_VECTOR, rm_is_int
	jz	1f
	movzbw	rm_target, %bx
	shlw	$2, %bx
	xorw	%ax, %ax
	movw	%ax, %es
	movl	%es:(%bx), %eax
	movl	%eax, rm_target
1:
	movw	rm_regs + BIOS_REGS_ES, %es
	movw	rm_regs + BIOS_REGS_FS, %fs
	movw	rm_regs + BIOS_REGS_GS, %gs
	movl	rm_regs + BIOS_REGS_EAX, %eax
	movl	rm_regs + BIOS_REGS_EBX, %ebx
	movl	rm_regs + BIOS_REGS_ECX, %ecx
	movl	rm_regs + BIOS_REGS_EDX, %edx
	movl	rm_regs + BIOS_REGS_ESI, %esi
	movl	rm_regs + BIOS_REGS_EDI, %edi
	movl	rm_regs + BIOS_REGS_EBP, %ebp
	movw	rm_regs + BIOS_REGS_DS, %ds
	/* From here on only CS reaches our variables. */
	sti
	testb	$RM_CALL_INT, %cs:rm_is_int
	jz	2f
	/* INT pushes FLAGS and clears IF before the far call. */
	pushfw
	cli
2:	lcallw	*%cs:rm_target
	pushfl
	popl	%cs:rm_regs + BIOS_REGS_EFLAGS
	cli
	movl	%eax, %cs:rm_regs + BIOS_REGS_EAX
	movl	%ebx, %cs:rm_regs + BIOS_REGS_EBX
	movl	%ecx, %cs:rm_regs + BIOS_REGS_ECX
	movl	%edx, %cs:rm_regs + BIOS_REGS_EDX
	movl	%esi, %cs:rm_regs + BIOS_REGS_ESI
	movl	%edi, %cs:rm_regs + BIOS_REGS_EDI
	movl	%ebp, %cs:rm_regs + BIOS_REGS_EBP
	movw	%ds, %cs:rm_regs + BIOS_REGS_DS
	movw	%es, %cs:rm_regs + BIOS_REGS_ES
	movw	%fs, %cs:rm_regs + BIOS_REGS_FS
	movw	%gs, %cs:rm_regs + BIOS_REGS_GS
	/* What we called (a boot program, a BIOS service) may have
	 * turned A20 off: protected mode with it off would see every odd
	 * MiB as the one below.  A test when it is on; if it will not
	 * come back on there is no better place to go than on. */
	call	a20_enable
	cli

	movw	%cs, %ax
	movw	%ax, %ds
	lgdtl	gdtr
	protection_on
	ljmpl	*pm_return_vec

/* Nothing: rm_call's way down and back is itself the window in which
 * pending interrupts (the BIOS timer tick) are taken. */
	.globl	rm_idle
rm_idle:
	lretw

a20_msg:
	.asciz	"A20 line will not turn on; cannot start.\r\n"
payload_msg:
	.asciz	"The firmware image is damaged; cannot start.\r\n"

/* pm_call: call the C function void fn(struct bios_regs *regs) from
 * real mode.  Far call, with the function's flat address pushed (a
 * dword) before the call; the registers and flags at the call are
 * *regs, and the call returns with *regs as the function left it, the
 * function's address popped.  Interrupts are off while C runs.
 * Hooked interrupts and other entry points that programs we start call
 * come through bioshook.h (hookstubs.S), not straight here.
 *
 * The call returns with CF set, and nothing called, if the A20 line
 * will not turn on.
 *
 * Function 0 unpacks the 32-bit part of the image and moves it to the
 * top of memory (once, before any other call; relocate.c) and returns
 * with CF set if it is damaged. */
	.globl	pm_call
pm_call:
	pushfl
	pushw	%gs
	pushw	%fs
	pushw	%es
	pushw	%ds
	pushl	%ebp
	pushl	%edi
	pushl	%esi
	pushl	%edx
	pushl	%ecx
	pushl	%ebx
	pushl	%eax			/* SS:SP is now a struct bios_regs */
	/* Whoever called may have turned A20 off since the last time
	 * (an operating system loader, say). */
	call	a20_enable
	jnc	1f
	movw	%sp, %bp
	orw	$FLAGS_CF, BIOS_REGS_EFLAGS(%bp)
	jmp	pm_call_pop
1:	cli
	/* The innermost real-mode stack position is now ours: below it
	 * the BIOS runs when the function calls it. */
	pushw	%cs:rm_sp
	pushw	%cs:rm_ss
	movw	%ss, %cs:rm_ss
	movw	%sp, %cs:rm_sp
	movw	%sp, %bp
	movl	4 + BIOS_REGS_SIZE + 4(%bp), %edi	/* fn */
	movw	%ss, %si
	movzwl	%si, %esi
	shll	$4, %esi
	movzwl	%sp, %eax
	leal	4(%esi, %eax), %esi	/* flat address of the regs */
	movzwl	%cs:rm_seg, %ebx
	shll	$4, %ebx
	lgdtl	%cs:gdtr
	protection_on
	ljmpl	*%cs:pm_call_vec

/* pm_call continued in 32-bit protected mode, still in this area (so
 * position-independent: %ebx is its flat address), because the rest of
 * the image may not be unpacked yet.  %esi = regs, %edi = fn. */
	.code32
pm_call32:
	movw	$DATA32_SEL, %ax
	segments_from_ax
	movl	pm_esp(%ebx), %esp
	pushl	pm_esp(%ebx)
	lidtl	pm_idtr(%ebx)
	cld
	testl	%edi, %edi
	jz	3f
	addl	reloc_delta(%ebx), %edi
	movl	%esi, %eax		/* fn(regs): C takes it in %eax */
	pushl	%esi			/* (and a stack-argument one here) */
	call	*%edi			/* C keeps %ebx */
	addl	$4, %esp
2:	popl	pm_esp(%ebx)
	ljmp	$CODE16_SEL, $pm_call16

	/* Function 0: unpack at the link address, then relocate (with
	 * C at its link address) and use the stack of the moved copy
	 * from now on. */
3:	pushl	%esi
	call	payload_prepare
	jc	4f
	movl	%ebx, rm_base
	movl	$relocate, %eax
	call	*%eax			/* the distance moved */
	movl	%eax, reloc_delta(%ebx)
	addl	$pm_stack_top, %eax
	movl	%eax, 4(%esp)		/* pm_esp after this call */
	clc
4:	popl	%esi
	sbbl	%eax, %eax
	andl	$FLAGS_CF, %eax
	andl	$~FLAGS_CF, BIOS_REGS_EFLAGS(%esi)
	orl	%eax, BIOS_REGS_EFLAGS(%esi)
	jmp	2b

/* ... and back in 16-bit protected mode. */
	.code16
pm_call16:
	movw	$DATA16_SEL, %ax
	segments_from_ax
	lidtl	rm_idtr
	protection_off
	ljmpw	*pm_call_real_vec
pm_call_real:
	movw	%cs:rm_ss, %ss
	movzwl	%cs:rm_sp, %esp
	popw	%cs:rm_ss
	popw	%cs:rm_sp
pm_call_pop:
	popl	%eax
	popl	%ebx
	popl	%ecx
	popl	%edx
	popl	%esi
	popl	%edi
	popl	%ebp
	popw	%ds
	popw	%es
	popw	%fs
	popw	%gs
	popfl
	lretw	$4

/* Descriptors: limit 15:0, base 23:0, access byte, flags (G, D/B) with
 * limit 19:16, base 31:24.  The 16-bit pair gets its base at boot. */
	.balign 8
gdt:
	.quad	0
	.quad	0x00cf9a000000ffff	/* 08: code, 32-bit, base 0, 4 GiB */
	.quad	0x00cf92000000ffff	/* 10: data, base 0, 4 GiB */
gdt_code16:
	.quad	0x00009a000000ffff	/* 18: code, 16-bit, 64 KiB */
gdt_data16:
	.quad	0x000092000000ffff	/* 20: data, 64 KiB */
gdt_end:

	.globl	gdtr
gdtr:	.word	gdt_end - gdt - 1
	.long	0			/* linear address of gdt */
rm_idtr:
	.word	0x3ff			/* the real-mode vector table */
	.long	0
/* No interrupt handlers in protected mode: an exception ends in a
 * triple fault (a reset) rather than in real-mode vectors. */
pm_idtr:
	.word	0
	.long	0

/* Far-jump vectors (offset, then segment or selector) */
rm_real_vec:
	.word	rm_real, 0
pm_call_real_vec:
	.word	pm_call_real, 0
	.balign	4
pm_call_vec:
	.long	0			/* flat address of pm_call32 */
	.word	CODE32_SEL
pm_return_vec:
	.long	0			/* set by rm_call: pm_return */
	.word	CODE32_SEL

/* How far the 32-bit part moved from its link address: added to every
 * pm_call's function address (link addresses, as real mode knows
 * them). */
reloc_delta:
	.long	0

/* Where each side continues: the real-mode stack of the innermost
 * suspended pm_call (or ours), the protected-mode stack of the
 * innermost suspended rm_call (or the top). */
rm_ss:	.word	0
rm_sp:	.word	0
	.balign	4
pm_esp:	.long	0

	.globl	rm_seg
rm_seg:	.word	0
rm_is_int:
	.byte	0
a20_in_int15:
	.byte	0
/* The stack rm_call's target runs on (its arguments pushed) */
rm_call_ss:
	.word	0
rm_call_sp:
	.word	0
	.balign	4
rm_target:
	.long	0			/* vector, or offset then segment */
rm_regs:
	.space	BIOS_REGS_SIZE

/* Memory of the area that the image file need not carry. */
	.section .bss16, "aw", @nobits
	.balign	16
	.globl	rm_buffer
rm_buffer:
	.space	BIOS_BUFFER_SIZE

	.balign	16
	.globl	rm_stack
rm_stack:
	.space	RM_STACK_SIZE
	.globl	rm_stack_top
rm_stack_top:

/* ------------------------------------------------------------------ */

	.text
	.code32

/* void rm_call(int how, uint32_t target, struct bios_regs *regs,
 *		const struct rm_stack *stack) */
	.globl	rm_call
rm_call:
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	rm_base, %ebx
	movl	$pm_return, pm_return_vec(%ebx)
	movl	20(%esp), %eax
	movb	%al, rm_is_int(%ebx)
	movl	24(%esp), %eax
	movl	%eax, rm_target(%ebx)
	movl	28(%esp), %esi
	leal	rm_regs(%ebx), %edi
	movl	$BIOS_REGS_SIZE / 4, %ecx
	rep movsl

	/* The target's stack: the caller's, or below the innermost
	 * real-mode position; the arguments are copied there now, while
	 * all memory is flat. */
	movzwl	rm_ss(%ebx), %eax
	movzwl	rm_sp(%ebx), %edx
	movl	32(%esp), %ebp
	testl	%ebp, %ebp
	jz	2f
	cmpl	$0, RM_STACK_SS(%ebp)	/* SS and SP both 0: ours */
	je	1f
	movzwl	RM_STACK_SS(%ebp), %eax
	movzwl	RM_STACK_SP(%ebp), %edx
1:	movzwl	RM_STACK_LEN(%ebp), %ecx
	subw	%cx, %dx
	movl	RM_STACK_ARGS(%ebp), %esi
	movl	%eax, %edi
	shll	$4, %edi
	addl	%edx, %edi
	rep movsb
2:	movw	%ax, rm_call_ss(%ebx)
	movw	%dx, rm_call_sp(%ebx)
	movl	%esp, pm_esp(%ebx)
	ljmp	$CODE16_SEL, $rm_enter

pm_return:
	movw	$DATA32_SEL, %ax
	segments_from_ax
	movl	rm_base, %esi
	movl	pm_esp(%esi), %esp
	lidtl	pm_idtr(%esi)
	cld
	addl	$rm_regs, %esi
	movl	28(%esp), %edi
	movl	$BIOS_REGS_SIZE / 4, %ecx
	rep movsl
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret

	.data
	.globl	rm_base
	.balign	4
rm_base:
	.long	0

/* Not part of .bss: it is in use while .bss is cleared. */
	.section .stack, "aw", @nobits
	.balign	16
pm_stack:
	.space	65536
pm_stack_top:

/* ------------------------------------------------------------------ */

/* void rm_jump(uint32_t target, uint16_t seg, uint16_t sp, uint32_t edx,
 * int irq): leave for good.  Same way down to real mode as rm_call,
 * then DS = ES = FS = GS = SS = seg, SP = sp, EDX = edx, interrupts on
 * if irq, and a far jump to target (segment in the high word).  Used to
 * start a loaded operating system (a Linux kernel's real-mode setup
 * code, a boot sector).  What stays resident is entered afresh: the
 * next pm_call starts at the top of the stack. */
	.text
	.code32
	.globl	rm_jump
rm_jump:
	cli
	movl	rm_base, %ebx
	movl	4(%esp), %eax
	movl	%eax, rm_jump_target(%ebx)
	movl	8(%esp), %eax
	movw	%ax, rm_jump_seg(%ebx)
	movl	12(%esp), %eax
	movw	%ax, rm_jump_sp(%ebx)
	movl	16(%esp), %eax
	movl	%eax, rm_jump_edx(%ebx)
	movl	20(%esp), %eax
	movb	%al, rm_jump_irq(%ebx)
	movl	$pm_stack_top, pm_esp(%ebx)
	ljmp	$CODE16_SEL, $rm_jump16

	.section .text16, "awx", @progbits
	.code16
rm_jump16:
	movw	$DATA16_SEL, %ax
	segments_from_ax
	movl	$rm_stack_top, %esp
	lidtl	rm_idtr
	pushw	rm_seg
	pushw	$rm_jump_real
	protection_off
	lretw
rm_jump_real:
	movw	%cs:rm_jump_seg, %ax
	segments_from_ax
	movzwl	%cs:rm_jump_sp, %esp
	movl	%cs:rm_jump_edx, %edx
	cmpb	$0, %cs:rm_jump_irq
	je	1f
	sti
1:	ljmpw	*%cs:rm_jump_target

	.balign	4
rm_jump_target:
	.long	0
rm_jump_edx:
	.long	0
rm_jump_irq:
	.byte	0
rm_jump_seg:
	.word	0
rm_jump_sp:
	.word	0

	.section .note.GNU-stack, "", @progbits
