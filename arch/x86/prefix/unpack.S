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
 * The decoder's state and the probabilities live in a frame on the
 * stack, reached through %ebp.  The range decoder takes in bytes
 * before each bit, not after it as the encoder sends them out, and
 * once more at the end: the same bytes at the same bits.  The frame
 * takes F_SIZE (4.5 KiB) of stack. */
#define F_RANGE 0
#define F_CODE 4
#define F_END 8
#define F_START 12
#define F_OFFSET 16
#define F_STATE 20			/* 1 after a literal or a raw run */
#define F_PROB 24			/* the probabilities, 2 bytes each */
#define F_SIZE (F_PROB + 2 * CXZ_CTX_COUNT)
#define PROB(ctx) (F_PROB + 2 * (ctx))

cxz_decode:
	addl	$CXZ_HDR_SIZE, %esi
	subl	$F_SIZE, %esp
	movl	%esp, %edi
	movl	$F_SIZE / 2, %ecx
	movw	$1 << (CXZ_PROB_BITS - 1), %ax
	rep stosw
	movl	%ebx, %edi
	movl	%ebp, %eax
	movl	%esp, %ebp		/* %ebp: the frame */
	movl	%eax, F_END(%ebp)
	movl	%ebx, F_START(%ebp)
	lodsl
	bswap	%eax
	movl	%eax, F_CODE(%ebp)
	orl	$-1, F_RANGE(%ebp)
	andl	$0, F_OFFSET(%ebp)
	movb	$0, F_STATE(%ebp)
1:	cmpl	F_END(%ebp), %edi
	jae	7f
	movzbl	F_STATE(%ebp), %ebx
	leal	PROB(CXZ_CTX_TOKEN)(%ebp, %ebx, 2), %edx
	call	rc_bit
	jc	2f
	xorl	%eax, %eax		/* a literal: a tree by the byte before */
	cmpl	F_START(%ebp), %edi
	je	3f
	movb	-1(%edi), %al
	andb	$0x100 - (0x100 >> CXZ_LIT_CTX_BITS), %al
	shll	$1 + CXZ_LIT_CTX_BITS, %eax	/* 256 probabilities each */
3:	leal	PROB(CXZ_CTX_LIT)(%ebp, %eax), %ebx
	movl	$1, %ecx
4:	leal	(%ebx, %ecx, 2), %edx
	call	rc_bit
	adcl	%ecx, %ecx
	cmpl	$0x100, %ecx
	jb	4b
	movb	%cl, %al
	stosb
	movb	$1, F_STATE(%ebp)
	jmp	1b
2:	leal	PROB(CXZ_CTX_KIND)(%ebp, %ebx, 2), %edx
	call	rc_bit
	jc	3f
	leal	PROB(CXZ_CTX_OFFSET)(%ebp), %edx	/* a new offset */
	call	get_number
	movl	%ebx, F_OFFSET(%ebp)
	movb	$1, F_STATE(%ebp)	/* and a copy follows */
	leal	PROB(CXZ_CTX_LEN)(%ebp), %edx
	jmp	4f
3:	leal	PROB(CXZ_CTX_REP_LEN)(%ebp), %edx
	cmpb	$0, F_STATE(%ebp)
	jne	4f
	leal	PROB(CXZ_CTX_RAW_LEN)(%ebp), %edx
4:	call	get_number		/* the length less 1 */
	movl	F_END(%ebp), %ecx
	subl	%edi, %ecx
	cmpl	%ecx, %ebx		/* past the end? */
	jae	6f
	leal	1(%ebx), %ecx
	xorb	$1, F_STATE(%ebp)
	jnz	5f
	movl	F_OFFSET(%ebp), %eax	/* a copy */
	movl	%edi, %edx
	subl	F_START(%ebp), %edx
	cmpl	%edx, %eax		/* before the start? */
	ja	6f
	testl	%eax, %eax
	jz	6f
	pushl	%esi
	movl	%edi, %esi
	subl	%eax, %esi
	rep movsb			/* byte by byte: runs overlap */
	popl	%esi
	jmp	1b
5:	movb	$1, %bl			/* a raw run: bits at even odds */
4:	movw	$1 << (CXZ_PROB_BITS - 1), PROB(CXZ_CTX_RAW_BIT)(%ebp)
	leal	PROB(CXZ_CTX_RAW_BIT)(%ebp), %edx
	call	rc_bit
	adcb	%bl, %bl
	jnc	4b
	movb	%bl, %al
	stosb
	loop	5b
	jmp	1b
6:	stc
	jmp	8f
7:	call	rc_fill
	movl	F_START(%ebp), %ebx
	clc
8:	movl	F_END(%ebp), %eax
	leal	F_SIZE(%ebp), %esp
	movl	%eax, %ebp
	jnc	1f
	ret

/* Undo the x86 call filter over [%ebx, %ebp), n bytes: an E8's or
 * E9's operand in [-n, n) turns back by the offset of the byte after
 * it, around within that window (cxz.h). */
1:	pushl	%esi
	movl	%ebp, %ecx
	subl	%ebx, %ecx		/* n */
	leal	(%ecx, %ecx), %esi	/* 2n */
	movl	%ebx, %edi
5:	leal	5(%edi), %eax
	cmpl	%ebp, %eax
	ja	9f
	movb	(%edi), %dl
	andb	$0xfe, %dl
	cmpb	$CXZ_X86_CALL, %dl
	jne	8f
	movl	1(%edi), %edx
	addl	%ecx, %edx		/* in the window: [0, 2n) */
	cmpl	%esi, %edx
	jae	4f
	subl	%ebx, %eax
	subl	%eax, %edx
	jae	3f
	addl	%esi, %edx
3:	subl	%ecx, %edx
	movl	%edx, 1(%edi)
4:	addl	$4, %edi
8:	incl	%edi
	jmp	5b
9:	popl	%esi			/* CF is clear */
	ret

/* Next bit, with the probability at %edx, into CF; clobbers %eax. */
rc_bit:
	call	rc_fill
	pushl	%ecx
	movl	F_RANGE(%ebp), %eax
	shrl	$CXZ_PROB_BITS, %eax
	movzwl	(%edx), %ecx
	imull	%ecx, %eax		/* the bound: below it, a 0 */
	cmpl	%eax, F_CODE(%ebp)
	jae	1f
	movl	%eax, F_RANGE(%ebp)
	movl	$1 << CXZ_PROB_BITS, %eax
	subl	%ecx, %eax
	shrl	$CXZ_PROB_SHIFT, %eax
	addw	%ax, (%edx)		/* clears CF */
	popl	%ecx
	ret
1:	subl	%eax, F_CODE(%ebp)
	subl	%eax, F_RANGE(%ebp)
	shrl	$CXZ_PROB_SHIFT, %ecx
	subw	%cx, (%edx)
	stc
	popl	%ecx
	ret

/* Bytes in while the range is below 2^24. */
rc_fill:
	cmpb	$0, F_RANGE + 3(%ebp)
	jne	1f
	shll	$8, F_RANGE(%ebp)
	shll	$8, F_CODE(%ebp)
	lodsb
	movb	%al, F_CODE(%ebp)
	jmp	rc_fill
1:	ret

/* A number (cxz.h) from the group at %edx into %ebx; clobbers %eax,
 * %ecx, %edx. */
get_number:
	xorl	%ecx, %ecx
	pushl	%edx
1:	call	rc_bit			/* the count of bits after the 1 */
	jnc	2f
	incl	%ecx
	andb	$31, %cl		/* (a damaged stream stays in the group) */
	addl	$2, %edx
	jmp	1b
2:	popl	%edx
	movl	$1, %ebx
	jecxz	4f
3:	pushl	%edx
	leal	2 * CXZ_NUM_BITS - 2(%edx, %ecx, 2), %edx
	call	rc_bit
	popl	%edx
	adcl	%ebx, %ebx
	loop	3b
4:	ret

	.section .note.GNU-stack, "", @progbits
