/* Reading our own expansion ROM through its BAR, for the .mrom stub
 * (romprefix.S, at POST): the BIOS copied only the stub, and the
 * compressed payload lies further on in the ROM (romhdr.h).
 *
 * The ROM BAR often has no address of its own once POST has copied
 * the ROM, so it is placed for a moment over one of the function's
 * 32-bit memory BARs that is at least as large as the ROM BAR: that
 * range is the function's own, aligned enough, and nobody else
 * decodes it.  Failing such a BAR, the ROM BAR is used where the BIOS
 * placed it, if it did (QEMU's virtio-net has no memory BAR as large as
 * its ROM BAR, but SeaBIOS gives that one an address).  Memory decoding is off while the BARs are sized.  The
 * command register and the ROM BAR are given back their values, and
 * each sized BAR its own at once.
 *
 * Facts: PCI Local Bus Specification 3.0 (configuration mechanism #1 at
 * ports CF8h/CFCh, command register bit 1, BAR and expansion ROM BAR
 * layouts and sizing, status bits write-1-to-clear). */
#include <romhdr.h>

#define PCI_CFG_ADDR 0xcf8
#define PCI_CFG_DATA 0xcfc
#define PCI_CFG_ENABLE 0x80000000
#define PCI_COMMAND 0x04
#define PCI_CMD_MEMORY 0x0002
#define PCI_BAR0 0x10
#define PCI_BAR5 0x24
#define PCI_BAR_IO 0x01
#define PCI_BAR_TYPE 0x06
#define PCI_BAR_64BIT 0x04
#define PCI_BAR_ADDR_MASK 0xfffffff0
#define PCI_ROM_BAR 0x30
#define PCI_ROM_ENABLE 0x01
#define PCI_ROM_ADDR_MASK 0xfffff800

	.section .prefix, "awx", @progbits
	.code16

/* Copy %ecx bytes from offset ROM_MROM_OFFSET of our own ROM (PCI
 * function at ROM_BUSDEVFN; DS = our segment) to flat address %edi.
 * CF set if no BAR could hold the ROM or the copy failed.  Keeps all
 * registers. */
	.globl	mrom_fetch
mrom_fetch:
	pushal
	movl	%ecx, fetch_len
	movl	%edi, fetch_dest
	movw	ROM_BUSDEVFN, %bx
	movb	$PCI_COMMAND, %cl
	call	cfg_read
	movw	%ax, saved_cmd
	andw	$~PCI_CMD_MEMORY, %ax
	call	cfg_write16
	movb	$PCI_ROM_BAR, %cl
	call	cfg_read
	movl	%eax, saved_rom_bar
	movl	$PCI_ROM_ADDR_MASK, %eax
	call	size_bar
	andl	$PCI_ROM_ADDR_MASK, %eax
	negl	%eax
	jz	8f			/* no ROM BAR */
	movl	%eax, %ebp		/* the ROM BAR's size */

	movb	$PCI_BAR0, %cl
1:	call	cfg_read
	movl	%eax, %edx
	testb	$PCI_BAR_IO, %dl
	jnz	3f
	movl	$0xffffffff, %eax
	call	size_bar
	andl	$PCI_BAR_ADDR_MASK, %eax
	negl	%eax			/* this BAR's size */
	movb	%dl, %ch
	andb	$PCI_BAR_TYPE, %ch
	cmpb	$PCI_BAR_64BIT, %ch
	jne	2f
	addb	$4, %cl			/* usable if below 4 GiB */
	pushl	%eax
	call	cfg_read
	testl	%eax, %eax
	popl	%eax
	jnz	3f
2:	andl	$PCI_BAR_ADDR_MASK, %edx
	jz	3f			/* not placed */
	cmpl	%ebp, %eax
	jae	4f
3:	addb	$4, %cl
	cmpb	$PCI_BAR5, %cl
	jbe	1b
	movl	saved_rom_bar, %edx	/* else where the BIOS put it, if */
	andl	$PCI_ROM_ADDR_MASK, %edx	/* it did */
	jz	8f

4:	/* The ROM over that BAR; then decode memory and copy. */
	movb	$PCI_ROM_BAR, %cl
	movl	%edx, %eax
	orb	$PCI_ROM_ENABLE, %al
	call	cfg_write
	movb	$PCI_COMMAND, %cl
	movw	saved_cmd, %ax
	orw	$PCI_CMD_MEMORY, %ax
	call	cfg_write16
	movl	%edx, %esi
	addl	ROM_MROM_OFFSET, %esi
	movl	fetch_dest, %edi
	movl	fetch_len, %ecx
	call	copy_extended
	jmp	9f
8:	stc
9:	pushfw
	movb	$PCI_ROM_BAR, %cl
	movl	saved_rom_bar, %eax
	call	cfg_write
	movb	$PCI_COMMAND, %cl
	movw	saved_cmd, %ax
	call	cfg_write16
	popfw
	popal
	ret

/* Write %eax to BAR %cl (decoding is off), read what sticks into %eax,
 * and put the BAR's old value back. */
size_bar:
	pushl	%edx
	pushl	%eax
	call	cfg_read
	movl	%eax, %edx
	popl	%eax
	call	cfg_write
	call	cfg_read
	xchgl	%eax, %edx
	call	cfg_write
	movl	%edx, %eax
	popl	%edx
	ret

/* Point the configuration window at register %cl of function %bx. */
cfg_select:
	pushl	%eax
	pushw	%dx
	movzwl	%bx, %eax
	shll	$8, %eax
	movb	%cl, %al
	andb	$0xfc, %al
	orl	$PCI_CFG_ENABLE, %eax
	movw	$PCI_CFG_ADDR, %dx
	outl	%eax, %dx
	popw	%dx
	popl	%eax
	ret

/* %eax = dword register %cl. */
cfg_read:
	call	cfg_select
	pushw	%dx
	movw	$PCI_CFG_DATA, %dx
	inl	%dx, %eax
	popw	%dx
	ret

/* Dword register %cl = %eax. */
cfg_write:
	call	cfg_select
	pushw	%dx
	movw	$PCI_CFG_DATA, %dx
	outl	%eax, %dx
	popw	%dx
	ret

/* Word register %cl (dword-aligned) = %ax: the command register alone,
 * since writing the status register beside it would clear its bits. */
cfg_write16:
	call	cfg_select
	pushw	%dx
	movw	$PCI_CFG_DATA, %dx
	outw	%ax, %dx
	popw	%dx
	ret

fetch_len:
	.long	0
fetch_dest:
	.long	0
saved_rom_bar:
	.long	0
saved_cmd:
	.word	0

	.section .note.GNU-stack, "", @progbits
