/* A small PXE network boot program for t-pxe-pxelinux.sh: checks the
 * entry conditions of PXE 2.1 and calls the API a little, prints one
 * line on COM1 and returns to the firmware (RETF, AX = 0):
 *
 *   NBP: A B C D IPADDR E FSIZE
 *
 * A: ES:BX points at "PXENV+"; B: SS:SP+4 holds a pointer to "!PXE";
 * C: INT 1Ah AX=5650h answers 564Eh with the same ES:BX; D: GET_CACHED_INFO
 * (DHCPACK, our own copy) through the !PXE entry succeeds, IPADDR being
 * the packet's yiaddr in hex; E: TFTP_GET_FSIZE of FSIZE_NAME from the
 * packet's siaddr through the PXENV+ entry succeeds, FSIZE its answer in
 * hex.  Each flag is 1 or 0.  Linked at 0x7C00, run with DS = 0.
 *
 * It turns the A20 line off (the "fast A20" bit 1 of port 92h) before
 * it returns, as a program that used the BIOS's own memory-size or
 * A20 services may: the firmware must turn it back on. */
#define COM1 0x3f8
#define GET_CACHED_INFO 0x0071
#define TFTP_GET_FSIZE 0x0025

	.code16
	.text
	.globl	_start
_start:
	movw	%sp, %bp
	pushw	%es			/* -2(%bp) */
	pushw	%bx			/* -4(%bp) */
	xorw	%ax, %ax
	movw	%ax, %ds
	cld
	/* A BIOS that copies the screen to the serial port (SeaBIOS) may
	 * do so only on its timer tick: two ticks, and what the firmware
	 * printed last is out before our line. */
	sti
	movw	0x46c, %dx
1:	hlt
	movw	0x46c, %ax
	subw	%dx, %ax
	cmpw	$2, %ax
	jb	1b
	movw	$hello, %si
	call	puts

	movw	%bx, %di
	movw	$sig_pxenv, %si
	movw	$6, %cx
	repe cmpsb
	call	flag

	lesw	4(%bp), %di
	movw	$sig_pxe, %si
	movw	$4, %cx
	repe cmpsb
	call	flag

	movw	$0x5650, %ax
	int	$0x1a
	cmpw	$0x564e, %ax
	jne	1f
	cmpw	-4(%bp), %bx
	jne	1f
	movw	%es, %ax
	cmpw	-2(%bp), %ax
1:	call	flag

	lesw	4(%bp), %di
	pushw	%ds
	pushw	$cached
	pushw	$GET_CACHED_INFO
	lcallw	*%es:16(%di)		/* !PXE EntryPointSP */
	addw	$6, %sp
	testw	%ax, %ax
	call	flag
	movb	$' ', %al
	call	putc
	lesw	cached + 6, %di		/* the packet */
	movl	%es:16(%di), %eax	/* yiaddr */
	bswapl	%eax
	call	puthex32
	movl	%es:20(%di), %eax	/* siaddr */
	movl	%eax, fsize + 2

	movw	-2(%bp), %es
	movw	-4(%bp), %bx
	movl	%es:10(%bx), %eax	/* PXENV+ RMEntry */
	movl	%eax, rmentry
	xorw	%ax, %ax
	movw	%ax, %es
	movw	$fsize, %di
	movw	$TFTP_GET_FSIZE, %bx
	lcallw	*rmentry
	testw	%ax, %ax
	call	flag
	movb	$' ', %al
	call	putc
	movl	fsize + 138, %eax
	call	puthex32
	movw	$crlf, %si
	call	puts

	inb	$0x92, %al
	andb	$0xfc, %al		/* bit 0 would reset the machine */
	outb	%al, $0x92

	popw	%bx
	popw	%es
	xorw	%ax, %ax
	lretw

/* " 1" if ZF, else " 0" */
flag:
	movb	$'0', %al
	jnz	1f
	incb	%al
1:	pushw	%ax
	movb	$' ', %al
	call	putc
	popw	%ax
	jmp	putc

puts:
	lodsb
	testb	%al, %al
	jz	1f
	call	putc
	jmp	puts
1:	ret

/* %eax as eight hex digits */
puthex32:
	movw	$8, %cx
1:	roll	$4, %eax
	pushl	%eax
	andb	$0x0f, %al
	addb	$'0', %al
	cmpb	$'9', %al
	jbe	2f
	addb	$'a' - '0' - 10, %al
2:	call	putc
	popl	%eax
	loop	1b
	ret

putc:
	pushw	%dx
	pushw	%ax
	movw	$COM1 + 5, %dx
1:	inb	%dx, %al
	testb	$0x20, %al		/* transmitter holding register empty */
	jz	1b
	popw	%ax
	movw	$COM1, %dx
	outb	%al, %dx
	popw	%dx
	ret

/* on a line of its own: the BIOS may still hold the firmware's last
 * characters for the serial port (SeaBIOS copying the screen) */
hello:	.asciz	"\r\nNBP:"
crlf:	.asciz	"\r\n"
sig_pxenv:
	.ascii	"PXENV+"
sig_pxe:
	.ascii	"!PXE"
rmentry:
	.long	0
/* s_PXENV_GET_CACHED_INFO: DHCPACK, size 0 asks for the API's copy */
cached:
	.word	0, 2, 0
	.long	0
	.word	0
/* s_PXENV_TFTP_GET_FSIZE */
fsize:
	.word	0
	.long	0, 0
	.ascii	FSIZE_NAME
	.org	fsize + 138
	.long	0
