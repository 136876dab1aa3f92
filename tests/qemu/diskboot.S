/* A boot sector for the SAN boot tests (tests/qemu/t-sanboot*.sh),
 * linked at 0:7C00.  It checks the drive in DL through INT 13h the way
 * boot loaders use it, on a disk whose block N starts with the dword N
 * and ends with its complement (block 0 is this program):
 *   41h  extensions present (BX = AA55h, bit 0 of CX)
 *   48h  DISK_BLOCKS blocks of 512 bytes
 *   42h  blocks 1-127 at once (the most EDD 1.1 allows) to 3000:0
 *   08h  the geometry, and 02h one block by cylinder/head/sector
 *        (block CHS_BLOCK, converted with that geometry)
 *   01h  the last status is 0
 *   42h  again and again with interrupts off (CLI) until the BIOS
 *        timer tick at 40:6Ch moves: the drive's handler must let the
 *        timer interrupt in while it waits for the network
 * Built with EDD_SCSI_LUN and EDD_PCI_SLOT, it checks 48h's device path
 * (a SCSI disk behind a PCI NIC) instead of the 02h read; with
 * WRITE_BLOCK, it writes blocks 1-8 there (43h) instead of the tick
 * test.
 * Then "DISKBOOT-OK drive XX disks YY" (YY: the hard disk count 08h
 * gave) on COM1; on a failure "DISKBOOT-FAIL
 * step"; then it halts with interrupts on. */
	.code16
	.text
	.globl	_start
_start:
	cli
	xorw	%ax, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movw	$0x7c00, %sp
	sti
	cld
	movzbw	%dl, %bp		/* the drive, from here on */

	/* 41h */
	movb	$'1', step
	movb	$0x41, %ah
	movw	$0x55aa, %bx
	movw	%bp, %dx
	int	$0x13
	jc	fail
	cmpw	$0xaa55, %bx
	jne	fail
	testb	$1, %cl
	jz	fail

	/* 48h */
	movb	$'2', step
	movw	$0x4a, params
	movb	$0x48, %ah
	movw	%bp, %dx
	movw	$params, %si
	int	$0x13
	jc	fail
	cmpl	$DISK_BLOCKS, params + 0x10
	jne	fail
	cmpl	$0, params + 0x14
	jne	fail
	cmpw	$512, params + 0x18
	jne	fail
#ifdef EDD_SCSI_LUN
	/* the device path: PCI slot EDD_PCI_SLOT, SCSI, the LUN, and its
	 * bytes from the key on sum to 0 */
	movb	$'7', step
	cmpw	$0xbedd, params + 0x1e
	jne	fail
	cmpl	$0x20494350, params + 0x24	/* "PCI " */
	jne	fail
	cmpl	$0x49534353, params + 0x28	/* "SCSI" */
	jne	fail
	cmpb	$EDD_PCI_SLOT, params + 0x31
	jne	fail
	cmpb	$EDD_SCSI_LUN, params + 0x3a
	jne	fail
	movw	$params + 0x1e, %si
	movw	$0x2c, %cx
	xorb	%ah, %ah
1:	lodsb
	addb	%al, %ah
	loop	1b
	jnz	fail
#endif

	/* 42h: 127 blocks from block 1 */
	movb	$'3', step
	movb	$0x42, %ah
	movw	%bp, %dx
	movw	$dap, %si
	int	$0x13
	jc	fail
	cmpw	$127, dap + 2
	jne	fail
	movl	$1, %eax
	movw	$0x3000, %bx
1:	movw	%bx, %es
	cmpl	%eax, %es:0
	jne	fail
	notl	%eax
	cmpl	%eax, %es:508
	jne	fail
	notl	%eax
	addw	$512 / 16, %bx
	incl	%eax
	cmpl	$128, %eax
	jne	1b

	/* 08h, then 02h for CHS_BLOCK: sector = block % spt + 1,
	 * head = block / spt % heads, cylinder = block / spt / heads */
	movb	$'4', step
	movb	$0x08, %ah
	movw	%bp, %dx
	int	$0x13
	jc	fail
	movb	%dl, disks
#ifndef EDD_SCSI_LUN		/* (no room for this and that) */
	movzbl	%dh, %ebx
	incl	%ebx			/* heads */
	movzbl	%cl, %ecx
	andb	$0x3f, %cl		/* sectors per track */
	movl	$CHS_BLOCK, %eax
	xorl	%edx, %edx
	divl	%ecx
	incw	%dx
	movw	%dx, %si		/* sector */
	xorl	%edx, %edx
	divl	%ebx			/* eax cylinder, edx head */
	movb	%dl, %dh
	movb	%al, %ch
	movb	%ah, %cl
	shlb	$6, %cl
	orw	%si, %cx
	movw	%bp, %ax
	movb	%al, %dl
	movw	$0x3000, %bx
	movw	%bx, %es
	xorw	%bx, %bx
	movw	$0x0201, %ax
	int	$0x13
	jc	fail
	cmpb	$1, %al
	jne	fail
	cmpl	$CHS_BLOCK, %es:0
	jne	fail
#endif

	/* 01h */
	movb	$'5', step
	movb	$0x01, %ah
	movw	%bp, %dx
	int	$0x13
	jc	fail
	testb	%ah, %ah
	jnz	fail

#ifdef WRITE_BLOCK
	/* 43h: blocks 1-8, as read, written at WRITE_BLOCK */
	movb	$'8', step
	movw	$8, dap + 2
	movl	$WRITE_BLOCK, dap + 8
	movw	$0x4300, %ax
	movw	%bp, %dx
	movw	$dap, %si
	int	$0x13
	jc	fail
#else
	/* the tick, with interrupts off here (at most 1000 reads) */
	movb	$'6', step
	cli
	movw	$0x40, %ax
	movw	%ax, %fs
	movl	%fs:0x6c, %edi
	movw	$1000, count
1:	movb	$0x42, %ah
	movw	%bp, %dx
	movw	$dap, %si
	int	$0x13
	jc	fail
	cmpl	%fs:0x6c, %edi
	jne	2f
	decw	count
	jnz	1b
	jmp	fail
2:	sti
#endif

	/* Interrupts off while printing: the BIOS's own copy of the
	 * console to the serial port (SeaBIOS's) runs in its timer
	 * interrupt and would cut into our line. */
	cli
	movw	$ok_msg, %si
	call	print
	movw	%bp, %ax
	call	hexbyte
	movw	$disks_msg, %si
	call	print
	movb	disks, %al
	call	hexbyte
	movb	$'\n', %al
	call	putc
	jmp	halt

fail:
	cli
	movw	$fail_msg, %si
	call	print
	movb	step, %al
	call	putc
	movb	$'\n', %al
	call	putc
halt:
	sti
	hlt
	jmp	halt

hexbyte:
	pushw	%ax
	shrb	$4, %al
	call	hexdigit
	popw	%ax
hexdigit:
	andb	$0x0f, %al
	addb	$'0', %al
	cmpb	$'9', %al
	jbe	putc
	addb	$'a' - '0' - 10, %al
	/* fall through */
/* AL to COM1 once its transmitter is empty */
putc:
	pushw	%dx
	pushw	%ax
	movw	$0x3fd, %dx
1:	inb	%dx, %al
	testb	$0x20, %al
	jz	1b
	popw	%ax
	movw	$0x3f8, %dx
	outb	%al, %dx
	popw	%dx
	ret

print:
	lodsb
	testb	%al, %al
	jz	1f
	call	putc
	jmp	print
1:	ret

ok_msg:	.asciz	"DISKBOOT-OK drive "
disks_msg: .asciz " disks "
fail_msg: .asciz "DISKBOOT-FAIL "
	.balign	4
dap:	.byte	0x10, 0
	.word	127
	.word	0, 0x3000
	.quad	1

	.org	510
	.byte	0x55, 0xaa
/* variables past the sector */
	.set	disks, _start + 512
	.set	step, _start + 513
	.set	count, _start + 514
	.set	params, _start + 516	/* the 48h buffer */
