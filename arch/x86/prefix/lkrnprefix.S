/* The .lkrn prefix: makes the image a Linux "bzImage" so that boot
 * loaders that start Linux (QEMU -kernel, SYSLINUX "kernel", GRUB
 * "linux16") start it.
 *
 * Facts from the Linux/x86 boot protocol (Documentation/arch/x86/
 * boot.rst): the file is a 512-byte boot sector holding the setup
 * header at offset 0x1f1, then setup_sects more 512-byte sectors of
 * real-mode code, then the protected-mode part.  The loader copies the
 * boot sector and setup sectors to some segment S below 1 MiB, the
 * protected-mode part to code32_start (1 MiB, as LOADED_HIGH asks),
 * fills in the fields it owns (cmd_line_ptr, ramdisk_image/size ...)
 * and jumps to (S + 0x20):0000, i.e. to offset 0x200, in real mode.
 *
 * Here the "setup" part is the real-mode half of the firmware (section
 * .text16, the mode-switch trampoline), which stays where the loader put
 * it.  The protected-mode part is the 32-bit firmware compressed
 * (arch/x86/prefix/unpack.S unpacks it); the build sets syssize and
 * init_size for it.  The C side reads the header fields back through
 * prefix_area(). */

	.section .prefix, "awx", @progbits
	.code16

	.globl	_prefix
_prefix:
	/* Started as a disk's boot sector (it ends in 55AAh, the boot_flag
	 * field) at 07C0:0000 or 0000:7C00: say so, wait for a key, and
	 * let the BIOS try the next boot device. */
	ljmp	$0x07c0, $1f
1:	movw	%cs, %ax
	movw	%ax, %ds
	movw	$not_a_disk, %si
2:	lodsb
	testb	%al, %al
	jz	3f
	movb	$0x0e, %ah
	movw	$0x0007, %bx
	int	$0x10
	jmp	2b
3:	xorw	%ax, %ax
	int	$0x16
	int	$0x19
not_a_disk:
	.asciz	"This is a Linux-format image: start it from a boot loader.\r\nPress a key.\r\n"

	.org	0x1f1
setup_sects:
	.byte	_setup_sects		/* 0x1f1: setup sectors after this one */
root_flags:
	.word	0			/* 0x1f2 */
syssize:
	.long	_syssize		/* 0x1f4: protected-mode part, 16-byte units */
ram_size:
	.word	0			/* 0x1f8: obsolete */
vid_mode:
	.word	0xffff			/* 0x1fa: "normal" video mode */
root_dev:
	.word	0			/* 0x1fc */
boot_flag:
	.word	0xaa55			/* 0x1fe */
jump:
	/* 0x200: two-byte short jump over the rest of the header */
	.byte	0xeb, setup_start - 1f
1:
header:
	.ascii	"HdrS"			/* 0x202: magic */
version:
	.word	0x020a			/* 0x206: protocol 2.10 */
realmode_swtch:
	.long	0			/* 0x208 */
start_sys_seg:
	.word	0			/* 0x20c: obsolete */
kernel_version:
	.word	version_string - 0x200	/* 0x20e: offset from 0x200 */
type_of_loader:
	.byte	0			/* 0x210: written by the loader */
loadflags:
	.byte	0x01			/* 0x211: LOADED_HIGH (at 1 MiB) */
setup_move_size:
	.word	0			/* 0x212 */
code32_start:
	.long	0x100000		/* 0x214: where the 32-bit part goes */
ramdisk_image:
	.long	0			/* 0x218: initrd address, by the loader */
ramdisk_size:
	.long	0			/* 0x21c: initrd size, by the loader */
bootsect_kludge:
	.long	0			/* 0x220: obsolete */
heap_end_ptr:
	.word	0			/* 0x224 */
ext_loader_ver:
	.byte	0			/* 0x226 */
ext_loader_type:
	.byte	0			/* 0x227 */
cmd_line_ptr:
	.long	0			/* 0x228: command line, by the loader */
initrd_addr_max:
	.long	0x7fffffff		/* 0x22c: highest initrd byte allowed */
kernel_alignment:
	.long	0x1000			/* 0x230 */
relocatable_kernel:
	.byte	0			/* 0x234: must be loaded at code32_start */
min_alignment:
	.byte	0			/* 0x235 */
xloadflags:
	.word	0			/* 0x236 */
cmdline_size:
	.long	4095			/* 0x238: longest command line */
hardware_subarch:
	.long	0			/* 0x23c: a normal PC */
hardware_subarch_data:
	.quad	0			/* 0x240 */
payload_offset:
	.long	0			/* 0x248: no compressed payload */
payload_length:
	.long	0			/* 0x24c */
setup_data:
	.quad	0			/* 0x250 */
pref_address:
	.quad	0x100000		/* 0x258 */
init_size:
	.long	_init_size		/* 0x260: memory from 1 MiB, .bss included */
	/* 0x264: end of the protocol 2.10 header */

setup_start:
	/* Find the segment S that the loader copied us to.  At label 1,
	 * IP = 1b - 16 * (CS - S) whatever CS:IP split the loader chose;
	 * the protocol's (S + 0x20):0000 makes IP - 1b negative. */
	call	1f
1:	popw	%bx
	subw	$1b, %bx
	sarw	$4, %bx			/* S - CS, in paragraphs */
	movw	%cs, %ax
	addw	%bx, %ax
	pushw	%ax			/* continue at S:2f */
	pushw	$2f
	lretw
2:	cli
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movw	$rm_stack_top, %sp
	sti
	cld
	/* The 32-bit part, compressed, is where the loader put it. */
	movl	code32_start, %eax
	movl	%eax, payload_src
	jmp	rm_boot

version_string:
	.ascii	"cxboot "
	.asciz	VERSION

	.section .note.GNU-stack, "", @progbits
