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
 * Real mode to protected mode: load the GDT, set CR0.PE, far-jump to a
 * 32-bit code selector.  Protected mode back to real mode: far-jump to a
 * 16-bit code segment whose base is the trampoline's linear address,
 * load 16-bit data selectors (64 KiB limits, which real mode keeps
 * using), load the real-mode IDT, clear CR0.PE, then far-return to
 * rm_seg:label so that CS holds a real-mode segment again.  (Intel SDM
 * vol. 3, "Switching to Protected Mode" and "Switching Back to
 * Real-Address Mode".) */
#include <bios.h>

#define CODE32_SEL 0x08
#define DATA32_SEL 0x10
#define CODE16_SEL 0x18
#define DATA16_SEL 0x20

#define RM_STACK_SIZE 4096

/* A free word of the BIOS data area (the inter-application
 * communication area, 0x4f0-0x4ff) for the A20 test. */
#define A20_TEST_ADDR 0x4f0

	.section .text16, "awx", @progbits
	.code16

/* Reached from the prefix in real mode with CS = DS = ES = SS = the
 * segment the image's first byte was loaded at, and SP inside
 * rm_stack.  Never returns. */
	.globl rm_boot
rm_boot:
	movw	%cs, rm_seg
	movzwl	rm_seg, %ebx
	shll	$4, %ebx		/* linear address of this area */

	/* The 16-bit descriptors cover this area: base bits 0-15 are
	 * bytes 2-3 of a descriptor, bits 16-23 byte 4 (bits 24-31 stay
	 * zero below 1 MiB). */
	movl	%ebx, %eax
	movw	%ax, gdt_code16 + 2
	movw	%ax, gdt_data16 + 2
	shrl	$16, %eax
	movb	%al, gdt_code16 + 4
	movb	%al, gdt_data16 + 4
	leal	gdt(%ebx), %eax
	movl	%eax, gdtr + 2

	call	a20_enable
	jnc	1f
	movw	$a20_msg, %si
	call	rm_print
0:	hlt
	jmp	0b
1:
	cli
	lgdtl	gdtr
	movl	%cr0, %eax
	orb	$1, %al
	movl	%eax, %cr0
	/* %ebx (the area's linear address) travels on to pm_boot. */
	ljmpl	$CODE32_SEL, $pm_boot

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
 * are restored (the high one is part of this image); moves and pops
 * leave ZF from the compare. */
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
 * CF set on failure.  (The keyboard-controller method is not tried.) */
a20_enable:
	call	a20_test
	jz	9f
	movw	$0x2401, %ax
	int	$0x15
	call	a20_test
	jz	9f
	inb	$0x92, %al
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
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %fs
	movw	%ax, %gs
	movw	%ax, %ss
	movl	$rm_stack_top, %esp
	lidtl	rm_idtr
	/* The far return right after clearing PE reloads CS, which still
	 * holds the selector, with the real-mode segment. */
	pushw	rm_seg
	pushw	$rm_real
	movl	%cr0, %eax
	andb	$0xfe, %al
	movl	%eax, %cr0
	lretw
rm_real:
	movw	%cs, %ax
	movw	%ax, %ds
	movw	%ax, %ss

	/* For an interrupt the target is the vector; fetch its handler
	 * from the interrupt vector table at 0000:0000. */
	cmpb	$0, rm_is_int
	je	1f
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
	testb	$1, %cs:rm_is_int
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

	movw	%cs, %ax
	movw	%ax, %ds
	lgdtl	gdtr
	movl	%cr0, %eax
	orb	$1, %al
	movl	%eax, %cr0
	ljmpl	$CODE32_SEL, $pm_return

a20_msg:
	.asciz	"A20 line will not turn on; cannot start.\r\n"

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

gdtr:	.word	gdt_end - gdt - 1
	.long	0			/* linear address of gdt */
rm_idtr:
	.word	0x3ff			/* the real-mode vector table */
	.long	0

	.globl	rm_seg
rm_seg:	.word	0
rm_is_int:
	.byte	0
	.balign	4
rm_target:
	.long	0			/* vector, or offset then segment */
rm_regs:
	.space	BIOS_REGS_SIZE

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

/* First arrival in protected mode, %ebx = linear address of .text16. */
pm_boot:
	movw	$DATA32_SEL, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %fs
	movw	%ax, %gs
	movw	%ax, %ss
	movl	$pm_stack_top, %esp
	cld
	/* The loader copies the file only: clear .bss ourselves. */
	movl	$__bss_start, %edi
	movl	$_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb
	movl	%ebx, rm_base
	/* No interrupt handlers in protected mode: an exception ends in
	 * a triple fault (a reset) rather than in real-mode vectors. */
	lidtl	pm_idtr
	call	x86_main
0:	hlt
	jmp	0b

/* void rm_call(int is_int, uint32_t target, struct bios_regs *regs) */
	.globl	rm_call
rm_call:
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	rm_base, %ebx
	movl	20(%esp), %eax
	movb	%al, rm_is_int(%ebx)
	movl	24(%esp), %eax
	movl	%eax, rm_target(%ebx)
	movl	28(%esp), %esi
	leal	rm_regs(%ebx), %edi
	movl	$BIOS_REGS_SIZE / 4, %ecx
	rep movsl
	movl	%esp, pm_esp
	ljmp	$CODE16_SEL, $rm_enter

pm_return:
	movw	$DATA32_SEL, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %fs
	movw	%ax, %gs
	movw	%ax, %ss
	movl	pm_esp, %esp
	lidtl	pm_idtr
	cld
	movl	rm_base, %esi
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
pm_idtr:
	.word	0
	.long	0
	.globl	rm_base
	.balign	4
rm_base:
	.long	0

	.bss
	.balign	4
pm_esp:
	.long	0
	.balign	16
pm_stack:
	.space	65536
pm_stack_top:

	.section .note.GNU-stack, "", @progbits
