/* The PXE prefix: makes the image a network bootstrap program (NBP)
 * that a PXE ROM downloads and starts (bin/undionly.kpxe).
 *
 * Facts from the PXE 2.1 specification (section 4.4.5): the ROM loads
 * the whole file at 0000:7C00 and far-calls it there in real mode with
 * ES:BX -> the PXENV+ structure and the !PXE structure's SEG:OFF at
 * SS:SP+4 (above the return address).  The PXE stack stays loaded: the
 * firmware records both pointers and drives the NIC through them
 * (drivers/net/undi.c), so this image never returns to the ROM.
 *
 * The file is the base-memory area (this prefix and .text16), then the
 * compressed 32-bit part.  The area's .bss16 (stack, buffer) would lie
 * over that compressed part, so the area is first copied to the top of
 * base memory and taken off the size at 40:13h, where lkrnbase.c would
 * have moved it; from there the path is the .lkrn's (rm_boot). */

#define BDA_BASEMEM 0x413		/* base memory in KiB, at 0000:0413 */

	.section .prefix, "awx", @progbits
	.code16

	.globl	_prefix
_prefix:
	/* Offsets of this area are from its first byte. */
	ljmp	$0x07c0, $1f
1:	movw	%bx, %cs:pxe_parent_pxenv
	movw	%es, %cs:pxe_parent_pxenv + 2
	movw	%sp, %bp
	movl	%ss:4(%bp), %eax
	movl	%eax, %cs:pxe_parent_ppxe
	cld
	/* The area's new segment: below the top of base memory. */
	xorw	%ax, %ax
	movw	%ax, %ds
	movw	BDA_BASEMEM, %ax
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
	jmp	rm_boot

/* The PXE stack that started us, as SEG:OFF (offset in the low word):
 * PXENV+ and !PXE.  Read from C through pxeparent.h. */
	.balign	4
	.globl	pxe_parent_pxenv
pxe_parent_pxenv:
	.long	0
	.globl	pxe_parent_ppxe
pxe_parent_ppxe:
	.long	0

	.section .note.GNU-stack, "", @progbits
