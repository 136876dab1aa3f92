/* The PXE prefix: makes the image a network bootstrap program (NBP)
 * that a PXE ROM downloads and starts (bin/undionly.kpxe,
 * bin/cxboot.pxe, .kpxe, .kkpxe).
 *
 * Facts from the PXE 2.1 specification (section 4.4.5): the ROM loads
 * the whole file at 0000:7C00 and far-calls it there in real mode with
 * ES:BX -> the PXENV+ structure and the !PXE structure's SEG:OFF at
 * SS:SP+4 (above the return address).  The prefix records both
 * pointers; C then takes the stack down as far as the image's kind
 * says (pxe_keep, stamped by the build; pxeparent.h).  The ROM's
 * registers and stack are kept for the one kind that goes back to it
 * (.kkpxe): x86_main returns, and so do we, with AX = its status.
 *
 * The file is the base-memory area (this prefix and .text16), then the
 * compressed 32-bit part.  The area's .bss16 (stack, buffer) would lie
 * over that compressed part, so the area is first copied to the top of
 * base memory and taken off the size at 40:13h, where lkrnbase.c would
 * have moved it; from there the path is the .lkrn's (rm_boot). */

#define BDA_BASEMEM 0x413		/* base memory in KiB, at 0000:0413 */
/* Pushed below the ROM's return address: EFLAGS, the general
 * registers (PUSHAL pushes EAX first: ROM_EAX bytes above the last
 * push), DS, ES, FS, GS. */
#define ROM_SAVED 44
#define ROM_EAX 36

	.section .prefix, "awx", @progbits
	.code16

	.globl	_prefix
_prefix:
	/* Offsets of this area are from its first byte. */
	ljmp	$0x07c0, $1f
1:	pushfl
	pushal
	pushw	%ds
	pushw	%es
	pushw	%fs
	pushw	%gs
	movw	%ss, %cs:rom_ss
	movw	%sp, %cs:rom_sp
	movw	%bx, %cs:pxe_parent_pxenv
	movw	%es, %cs:pxe_parent_pxenv + 2
	movw	%sp, %bp
	movl	%ss:ROM_SAVED + 4(%bp), %eax
	movl	%eax, %cs:pxe_parent_ppxe
	cld
	/* The area's new segment: below the top of base memory. */
	xorw	%ax, %ax
	movw	%ax, %ds
	movw	BDA_BASEMEM, %ax
	movw	%ax, %cs:pxe_entry_basemem
	subw	$_setup_area_kib, %ax
	movw	%ax, BDA_BASEMEM
	shlw	$6, %ax
	movw	%ax, %es
	movw	%cs, %ax
	movw	%ax, %ds
	xorw	%si, %si
	xorw	%di, %di
	movw	$_setup_file_size, %cx
	rep movsb
	/* The compressed part follows the area in the file. */
	movl	$0x7c00 + _setup_file_size, %es:payload_src
	pushw	%es
	pushw	$2f
	lretw
2:	cli
	movw	%cs, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movw	$rm_stack_top, %sp
	sti
	call	rm_boot
	/* x86_main came back: so do we, on the ROM's stack with its
	 * registers, but AX = the status. */
	cli
	movw	%cs:rom_ss, %ss
	movw	%cs:rom_sp, %sp
	movw	%sp, %bp
	movw	%ax, ROM_EAX(%bp)
	popw	%gs
	popw	%fs
	popw	%es
	popw	%ds
	popal
	popfl
	lretw

/* The PXE stack that started us, as SEG:OFF (offset in the low word):
 * PXENV+ and !PXE; and 40:13h as it left it.  Read from C through
 * pxeparent.h. */
	.balign	4
	.globl	pxe_parent_pxenv
pxe_parent_pxenv:
	.long	0
	.globl	pxe_parent_ppxe
pxe_parent_ppxe:
	.long	0
	.globl	pxe_entry_basemem
pxe_entry_basemem:
	.word	0
/* The ROM's stack, below its saved registers */
rom_ss:	.word	0
rom_sp:	.word	0
/* What of the PXE stack stays (enum pxe_keep): the build writes the
 * image's kind here, found by this symbol (arch/x86/x86.mk). */
	.globl	pxe_keep
pxe_keep:
	.byte	0

	.section .note.GNU-stack, "", @progbits
