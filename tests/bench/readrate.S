/* A boot sector that times sequential reads through INT 13h (for
 * tests/bench/int13-read.sh), linked at 0:7C00: it prints
 * "READRATE-START" on COM1, reads blocks 1 to READ_BLOCKS - 1 of the
 * drive in DL with AH=42h, CHUNK blocks a call (the way boot loaders
 * read a kernel) into 2000:0, then prints "READRATE-END" and the last
 * block's first dword as 8 hex digits (the disk holds each block's
 * number there, so a short or misplaced read shows), or "READRATE-FAIL"
 * on an error; then it halts.  The bench takes the time between the
 * lines from the host's clock. */
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
	movb	%dl, drive
	movw	$start_msg, %si
	call	print
	movl	$1, dap_lba
1:	movl	$READ_BLOCKS, %eax
	subl	dap_lba, %eax
	jz	2f
	cmpl	$CHUNK, %eax
	jbe	3f
	movl	$CHUNK, %eax
3:	movw	%ax, dap_count
	movw	%ax, count
	movb	$0x42, %ah
	movb	drive, %dl
	movw	$dap, %si
	int	$0x13
	jc	fail
	movw	count, %ax
	cmpw	%ax, dap_count
	jne	fail
	movzwl	%ax, %eax
	addl	%eax, dap_lba
	jmp	1b
2:	movw	$end_msg, %si
	call	print
	/* The last chunk's last block. */
	movw	count, %bx
	decw	%bx
	shlw	$5, %bx			/* 512 bytes = 32 paragraphs */
	addw	$0x2000, %bx
	movw	%bx, %es
	movl	%es:0, %eax
	movw	$8, %cx
4:	roll	$4, %eax
	pushl	%eax
	andb	$0x0f, %al
	addb	$'0', %al
	cmpb	$'9', %al
	jbe	5f
	addb	$'a' - '0' - 10, %al
5:	call	putc
	popl	%eax
	loop	4b
	movb	$'\n', %al
	call	putc
	jmp	halt
fail:
	movw	$fail_msg, %si
	call	print
halt:
	sti
	hlt
	jmp	halt

print:
	lodsb
	testb	%al, %al
	jz	1f
	call	putc
	jmp	print
1:	ret

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

start_msg:	.asciz	"\nREADRATE-START\n"
end_msg:	.asciz	"READRATE-END "
fail_msg:	.asciz	"READRATE-FAIL\n"
drive:	.byte	0
count:	.word	0
	.balign	4
dap:	.byte	16, 0
dap_count:	.word	0
	.word	0, 0x2000		/* offset, segment */
dap_lba:	.long	0, 0
	.org	510
	.byte	0x55, 0xaa
