/* Process entry for the libc-free hosted build: pass argc/argv on. */
	.text
	.globl _start
_start:
	xorl	%ebp, %ebp
	movq	(%rsp), %rdi          /* argc */
	leaq	8(%rsp), %rsi         /* argv */
	andq	$-16, %rsp
	call	linux_entry
	movl	%eax, %edi
	movl	$231, %eax            /* exit_group */
	syscall
	hlt

	.section .note.GNU-stack,"",@progbits
