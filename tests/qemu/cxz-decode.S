/* The firmware's decompressor (arch/x86/prefix/unpack.S) as a Linux
 * i386 program, for tests: reads a cxz file on stdin, writes what it
 * decompresses to on stdout.  Exit status 1 if the decoder refuses the
 * stream, 2 if the file is not one (or too big for the buffers). */
#include "arch/x86/prefix/unpack.S"

#define SYS_EXIT 1
#define SYS_READ 3
#define SYS_WRITE 4
#define IN_MAX (4 << 20)
#define OUT_MAX (16 << 20)

	.text
	.code32
	.globl	_start
_start:
	cld
	xorl	%edi, %edi		/* bytes read */
1:	movl	$SYS_READ, %eax
	xorl	%ebx, %ebx
	leal	in_buf(%edi), %ecx
	movl	$IN_MAX, %edx
	subl	%edi, %edx
	jz	2f
	int	$0x80
	testl	%eax, %eax
	js	bad_file
	jz	2f
	addl	%eax, %edi
	jmp	1b
2:	cmpl	$CXZ_HDR_SIZE, %edi
	jb	bad_file
	cmpl	$CXZ_MAGIC, in_buf + CXZ_HDR_MAGIC
	jne	bad_file
	movl	in_buf + CXZ_HDR_IN_LEN, %eax
	subl	$CXZ_HDR_SIZE, %edi
	cmpl	%edi, %eax
	ja	bad_file
	cmpl	$OUT_MAX, in_buf + CXZ_HDR_OUT_LEN
	ja	bad_file

	movl	$in_buf, %esi
	movl	$out_buf, %edi
	movl	%edi, %ebx
	movl	%edi, %ebp
	addl	in_buf + CXZ_HDR_OUT_LEN, %ebp
	call	cxz_decode
	jc	refused
	movl	in_buf + CXZ_HDR_IN_LEN, %eax
	addl	$in_buf + CXZ_HDR_SIZE, %eax
	cmpl	%eax, %esi
	jne	refused

	movl	$out_buf, %ecx
	movl	in_buf + CXZ_HDR_OUT_LEN, %edx
3:	testl	%edx, %edx
	jz	4f
	movl	$SYS_WRITE, %eax
	movl	$1, %ebx
	pushl	%ecx
	pushl	%edx
	int	$0x80
	popl	%edx
	popl	%ecx
	testl	%eax, %eax
	jle	bad_file
	addl	%eax, %ecx
	subl	%eax, %edx
	jmp	3b
4:	xorl	%ebx, %ebx
	jmp	5f
refused:
	movl	$1, %ebx
	jmp	5f
bad_file:
	movl	$2, %ebx
5:	movl	$SYS_EXIT, %eax
	int	$0x80

	.bss
in_buf:
	.space	IN_MAX
out_buf:
	.space	OUT_MAX
