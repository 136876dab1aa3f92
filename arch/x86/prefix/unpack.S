/* Unpacking the 32-bit part of the image before any C runs.
 *
 * The prefix leaves the compressed stream (format: cxz.h) somewhere in
 * memory and its flat address in payload_src; the first pm_call runs
 * payload_prepare, which checks the stream, decompresses it to where
 * the 32-bit part is linked (_text) and clears .bss.  A stream that
 * lies across that destination (the .lkrn's, which the loader put at
 * its link address) is first moved up past _end.  The stream ends with
 * the part's relocation table, which goes to _end for
 * arch/x86/core/relocate.c.
 *
 * This code sits in the base-memory area next to the mode switches
 * (.text16) and runs in flat 32-bit protected mode wherever that area
 * was put: it is position-independent, with only relative jumps and
 * calls, and reaches its own variable through %ebx. */
#include <cxz.h>

	.section .text16, "awx", @progbits

/* Flat address of the compressed stream. */
	.balign	4
	.globl	payload_src
payload_src:
	.long	0

	.code32

/* In: %ebx = flat address of this area.  Out: CF clear if the 32-bit
 * part is ready at its link address, with its relocation table
 * (reloc.h) at _end.  Keeps %ebx; clobbers the other general
 * registers. */
	.globl	payload_prepare
payload_prepare:
	pushl	%ebx
	movl	payload_src(%ebx), %esi
	cmpl	$CXZ_MAGIC, CXZ_HDR_MAGIC(%esi)
	jne	9f
	/* The stream holds the part up to .bss, then the table, which
	 * must fit where .bss and the stack will be. */
	movl	CXZ_HDR_OUT_LEN(%esi), %edx
	subl	$_payload_size, %edx
	jb	9f
	cmpl	$4, %edx
	jb	9f
	cmpl	$_reloc_room, %edx
	ja	9f

	/* The stream must be intact before anything is built from it. */
	movl	CXZ_HDR_IN_LEN(%esi), %ecx
	leal	CXZ_HDR_SIZE(%esi), %edi
	movl	$CXZ_FNV_BASIS, %eax
	jecxz	2f
1:	xorb	(%edi), %al
	imull	$CXZ_FNV_PRIME, %eax, %eax
	incl	%edi
	loop	1b
2:	cmpl	CXZ_HDR_CHECK(%esi), %eax
	jne	9f

	/* %esi..%edi is the whole stream.  Across [_text, _end)?  Copy
	 * it up to _end (a higher address: copy from the top down). */
	cmpl	$_end, %esi
	jae	3f
	cmpl	$_text, %edi
	jbe	3f
	movl	%edi, %ecx
	subl	%esi, %ecx
	leal	-1(%edi), %esi
	movl	$_end - 1, %edi
	addl	%ecx, %edi
	std
	rep movsb
	cld
	movl	$_end, %esi
3:
	pushl	%edx			/* the table's length */
	movl	CXZ_HDR_IN_LEN(%esi), %eax
	leal	CXZ_HDR_SIZE(%esi, %eax), %eax
	pushl	%eax			/* where the stream must end */
	movl	$_text, %edi
	movl	%edi, %ebx
	movl	%edi, %ebp
	addl	CXZ_HDR_OUT_LEN(%esi), %ebp
	call	cxz_decode
	popl	%eax
	popl	%ecx
	jc	9f
	cmpl	%eax, %esi
	jne	9f

	/* The table to _end (the stream is used up), top down since the
	 * two places may overlap; then clear .bss. */
	movl	$_payload_end - 1, %esi
	addl	%ecx, %esi
	movl	$_end - 1, %edi
	addl	%ecx, %edi
	std
	rep movsb
	cld
	movl	$__bss_start, %edi
	movl	$__bss_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb
	popl	%ebx
	clc
	ret
9:	popl	%ebx
	stc
	ret

/* Decompress the cxz file at %esi (header checked) into [%ebx, %ebp),
 * starting at %edi = %ebx.  CF set on a copy from before %ebx or past
 * %ebp.  Leaves %esi after the last byte read.
 *
 * %dl holds the control word shifted left with a 1 bit behind it: when
 * shifting leaves zero, only that marker was left and the next byte of
 * the stream is the next control word.  %dh is nonzero after a literal
 * or a raw run (a "1 1" is then a copy, else a raw run).  %eax is the
 * last offset. */
cxz_decode:
	addl	$CXZ_HDR_SIZE, %esi
	movw	$0x0080, %dx
	xorl	%eax, %eax
1:	cmpl	%ebp, %edi
	jae	7f
	call	get_bit
	jc	2f
	movsb				/* 0: literal */
	movb	$1, %dh
	jmp	1b
2:	call	get_bit
	jc	3f
	call	get_gamma		/* 1 0: new offset */
	subl	$2, %ecx
	shll	$8, %ecx
	movb	(%esi), %cl
	incl	%esi
	leal	1(%ecx), %eax
	movb	$1, %dh			/* a copy follows */
3:	call	get_gamma		/* the length */
	pushl	%esi
	movl	%ebp, %esi
	subl	%edi, %esi
	cmpl	%esi, %ecx		/* past the end? */
	ja	6f
	xorb	$1, %dh
	jnz	4f
	movl	%edi, %esi
	subl	%ebx, %esi
	cmpl	%esi, %eax		/* before the start? */
	ja	6f
	testl	%eax, %eax
	jz	6f
	movl	%edi, %esi
	subl	%eax, %esi
	rep movsb			/* byte by byte: runs overlap */
	popl	%esi
	jmp	1b
4:	popl	%esi			/* a raw run */
	rep movsb
	jmp	1b
6:	popl	%esi
	stc
	ret

/* Undo the x86 call filter over [%ebx, %ebp): an E8's operand that
 * ends in 00 or FF gets back the low 24 bits of its relative value
 * (cxz.h); the top byte, kept in %dl, is put back over the borrow. */
7:	movl	%ebx, %edi
5:	leal	5(%edi), %eax
	cmpl	%ebp, %eax
	ja	9f
	cmpb	$CXZ_X86_CALL, (%edi)
	jne	8f
	movb	4(%edi), %dl
	incb	%dl
	cmpb	$1, %dl
	ja	4f
	subl	%ebx, %eax
	subl	%eax, 1(%edi)
	decb	%dl
	movb	%dl, 4(%edi)
4:	addl	$4, %edi
8:	incl	%edi
	jmp	5b
9:	clc
	ret

/* Next control bit into CF. */
get_bit:
	addb	%dl, %dl
	jnz	1f
	movb	(%esi), %dl		/* mov and inc keep CF (the marker) */
	incl	%esi
	adcb	%dl, %dl
1:	ret

/* Gamma-coded value (>= 2) into %ecx. */
get_gamma:
	movl	$1, %ecx
1:	call	get_bit
	adcl	%ecx, %ecx
	call	get_bit
	jc	1b
	ret

	.section .note.GNU-stack, "", @progbits
