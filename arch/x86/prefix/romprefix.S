/* The PCI expansion ROM prefix (bin/VVVVDDDD.rom).
 *
 * The BIOS copies the ROM into the option-ROM area (C0000h-DFFFFh,
 * writable while the ROM initialises) and far-calls its initialisation
 * entry at offset 3 with AX = our PCI bus:dev.fn.  That code must be
 * quick and small in effect:
 *
 *   - append the PCI address to the product name (the boot menu entry);
 *   - move the compressed 32-bit part out of the scarce option-ROM area
 *     into extended memory from the POST Memory Manager, and shrink the
 *     image to its resident part (header, this code, .text16); without
 *     PMM the whole image stays and is unpacked from there;
 *   - offer "Press Ctrl-B to configure ..." for BANNER_TIMEOUT_SEC and
 *     remember the key for the boot entry;
 *   - fix the checksum of what stays, and return AX = "IPL device
 *     attached" so that the BIOS lists our boot entry vector (BEV).
 *
 * When the BIOS boots from us it far-calls the BEV: copy the resident
 * part to base memory taken from the top of conventional memory (the
 * option-ROM area is read-only by now, and the mode switches write to
 * their own area), unpack the 32-bit part, and pm_call rom_bev() in C.
 * When that returns (the boot failed, or the shell's exit) give the
 * memory back and leave through INT 18h so that the BIOS tries its next
 * boot device.
 *
 * Facts: PCI Firmware Specification 3.0 (ROM header, PCI data
 * structure, image length), Plug and Play BIOS Specification 1.0A
 * (expansion header, initialisation return codes), BIOS Boot
 * Specification 1.01 (BEV, INT 18h), POST Memory Manager Specification
 * 1.01 ($PMM, pmmAllocate), INT 15h AH=87h (block move), INT 16h, the
 * BIOS data area (40:13h base memory size in KiB, 40:6Ch timer ticks at
 * 18.2 Hz).  Layout offsets: romhdr.h. */
#include <config/branding.h>
#include <config/general.h>
#include <romhdr.h>
#include <cxz.h>

#define PMM_SIGNATURE 0x4d4d5024	/* "$PMM" */
#define PMM_LENGTH 0x05
#define PMM_ENTRY 0x07
#define PMM_ALLOCATE 0x0000
#define PMM_EXTENDED 0x0002
#define PMM_HANDLE 0x54425843		/* "CXBT" */

#define BDA_SEG 0x0040
#define BDA_FBMS 0x13
#define BDA_TICKS 0x6c
#define BANNER_TICKS (BANNER_TIMEOUT_SEC * 182 / 10)
#define BASEMEM_MIN_KB 64		/* leave the BIOS at least this */

#define KEY_CTRL_B 0x02
#define INIT_IPL_ATTACHED 0x0020

	.section .prefix, "awx", @progbits
	.code16

	.globl	_prefix
_prefix:
	.word	ROM_SIGNATURE
	.byte	0			/* ROM_SIZE: util/romfix */
	jmp	init_entry		/* ROM_INIT */

	.org	ROM_CHECKSUM
	.byte	0

	.org	ROM_PCIR_PTR
	.word	pcir
	.word	pnp

	.org	ROM_PCIR
pcir:
	.long	PCIR_SIGNATURE
	.word	0xffff			/* vendor: util/romfix */
	.word	0xffff			/* device: util/romfix */
	.word	0			/* no device list */
	.word	PCIR_SIZE
	.byte	3			/* PCI Firmware 3.0 layout */
	.byte	0x00, 0x00, 0x02	/* class: Ethernet controller */
	.word	0			/* image length: util/romfix */
	.word	1			/* revision of code and data */
	.byte	0			/* x86 code */
	.byte	PCIR_LAST_IMAGE
	.word	0			/* runtime length: util/romfix */
	.word	0			/* no configuration utility */
	.word	0			/* no DMTF CLP entry */

	.org	ROM_PAYLOAD_ADDR
rom_payload_addr:
	.long	0
rom_busdevfn:
	.word	0
rom_flags:
	.byte	0

	.org	ROM_PNP
pnp:
	.long	PNP_SIGNATURE
	.byte	1			/* revision */
	.byte	PNP_SIZE / 16
	.word	0			/* no next header */
	.byte	0
	.byte	0			/* checksum: util/romfix */
	.long	0			/* device ID: PCI identifies us */
	.word	manufacturer
	.word	product
	.byte	0x02, 0x00, 0x00	/* network, Ethernet, general */
	.byte	PNP_IND_SHADOW | PNP_IND_IPL
	.word	0			/* no boot connection vector */
	.word	0			/* no disconnect vector */
	.word	bev_entry
	.word	0
	.word	0			/* no static resource information */

	.org	ROM_PRODUCT
product:
	.ascii	PRODUCT_NAME, " "
	.asciz	VERSION
	.org	ROM_MLX_INFO
	.space	MLX_INFO_SIZE		/* util/romfix, for ConnectX IDs */
manufacturer:
	.asciz	PRODUCT_NAME

banner_msg:
	.asciz	" -- network boot firmware\r\n"
press_msg:
	.asciz	"Press Ctrl-B to configure "
dots_msg:
	.asciz	"..."
ctrl_b_msg:
	.asciz	"\r\nCtrl-B: the shell opens when the BIOS boots from this device."
crlf_msg:
	.asciz	"\r\n"
basemem_msg:
	.asciz	"Not enough base memory to start.\r\n"
a20_fail_msg:
	.asciz	"A20 line will not turn on; cannot start.\r\n"
fetch_fail_msg:
	.asciz	"Cannot read the rest of this ROM from the adapter.\r\n"
damaged_msg:
	.asciz	"The firmware image is damaged; cannot start.\r\n"

/* ------------------------------------------------------------------ */
/* Initialisation, at POST.  DS = CS is our own (writable) copy. */

init_entry:
	pushw	%ds
	pushw	%es
	pushal
	cld
	pushw	%cs
	popw	%ds
	movw	%ax, rom_busdevfn
	call	add_pci_suffix
	movw	$product, %si
	call	print
	movw	$banner_msg, %si
	call	print
	call	pmm_stash
	jnc	2f
	cmpl	$0, ROM_MROM_LENGTH	/* a .mrom has no other copy */
	je	1f
	movw	$fetch_fail_msg, %si
	call	print
	jmp	1f
2:	orb	$ROM_FLAG_PMM, rom_flags
	movb	$_resident_sects, ROM_SIZE
1:	call	ctrl_b_prompt
	call	fix_checksum
	popal
	popw	%es
	popw	%ds
	movw	$INIT_IPL_ATTACHED, %ax
	lretw

/* Print the NUL-terminated string at DS:SI.  Keeps all registers. */
print:
	pushaw
1:	lodsb
	testb	%al, %al
	jz	2f
	movb	$0x0e, %ah
	movw	$0x0007, %bx
	int	$0x10
	jmp	1b
2:	popaw
	ret

/* Hex digits of %al (two, or the low one) at ES:DI. */
put_hex2:
	pushw	%ax
	shrb	$4, %al
	call	put_hex1
	popw	%ax
put_hex1:
	pushw	%ax
	andb	$0x0f, %al
	addb	$'0', %al
	cmpb	$'9', %al
	jbe	1f
	addb	$'a' - '9' - 1, %al
1:	stosb
	popw	%ax
	ret

/* " (PCI bb:dd.f)" after the product name, if there is room (there is
 * unless the BIOS initialises us twice). */
add_pci_suffix:
	pushaw
	pushw	%es
	pushw	%ds
	popw	%es
	movw	$product, %di
	movw	$ROM_PRODUCT_SIZE, %cx
	xorb	%al, %al
	repne scasb
	decw	%di
	cmpw	$product + ROM_PRODUCT_SIZE - ROM_PCI_SUFFIX_LEN - 1, %di
	ja	1f
	movl	$0x43502820, %eax	/* " (PC" */
	stosl
	movw	$0x2049, %ax		/* "I " */
	stosw
	movw	rom_busdevfn, %bx
	movb	%bh, %al
	call	put_hex2
	movb	$':', %al
	stosb
	movb	%bl, %al
	shrb	$3, %al
	call	put_hex2
	movb	$'.', %al
	stosb
	movb	%bl, %al
	andb	$0x07, %al
	call	put_hex1
	movw	$')', %ax		/* and the NUL */
	stosw
1:	popw	%es
	popaw
	ret

/* Copy the compressed stream to extended memory from PMM: from this
 * image, or for a .mrom from the rest of the ROM (rombar.S).  CF set if
 * there is no PMM, no memory or no stream; then nothing changed. */
pmm_stash:
	pushal
	pushw	%es
	movl	ROM_MROM_LENGTH, %ebp
	testl	%ebp, %ebp
	jnz	0f
	cmpl	$CXZ_MAGIC, _payload_offset + CXZ_HDR_MAGIC
	jne	9f
	movl	_payload_offset + CXZ_HDR_IN_LEN, %ebp
	addl	$CXZ_HDR_SIZE, %ebp
0:
	/* The $PMM structure: on a paragraph of segment F000h, with a
	 * byte sum of zero over its length. */
	movw	$0xf000, %ax
	movw	%ax, %es
	xorw	%di, %di
1:	cmpl	$PMM_SIGNATURE, %es:(%di)
	jne	3f
	movzbw	%es:PMM_LENGTH(%di), %cx
	movw	%di, %si
	xorb	%al, %al
	jcxz	3f
2:	addb	%es:(%si), %al
	incw	%si
	loop	2b
	testb	%al, %al
	jz	4f
3:	addw	$16, %di
	jnz	1b
	jmp	9f

4:	/* pmmAllocate(paragraphs, handle, extended memory) */
	leal	15(%ebp), %ecx
	shrl	$4, %ecx
	pushw	%ds
	pushw	$PMM_EXTENDED
	pushl	$PMM_HANDLE
	pushl	%ecx
	pushw	$PMM_ALLOCATE
	lcallw	*%es:PMM_ENTRY(%di)
	addw	$12, %sp
	popw	%ds
	shll	$16, %edx		/* DX:AX = its flat address */
	movw	%ax, %dx
	testl	%edx, %edx
	jz	9f

	movl	%edx, %edi
	movl	%ebp, %ecx
	cmpl	$0, ROM_MROM_LENGTH
	je	5f
	call	mrom_fetch
	jmp	6f
5:	movw	%cs, %ax
	movzwl	%ax, %esi
	shll	$4, %esi
	addl	$_payload_offset, %esi
	call	copy_extended
6:	jc	9f
	movl	%edx, rom_payload_addr
	popw	%es
	popal
	clc
	ret
9:	popw	%es
	popal
	stc
	ret

/* Copy %ecx bytes from flat address %esi to flat address %edi with the
 * BIOS block move (INT 15h AH=87h), at most 64 KiB per call.  CF set on
 * failure.  Keeps all registers. */
	.globl	copy_extended
copy_extended:
	pushal
	pushw	%es
	pushl	%ecx			/* 56(%bp): bytes left */
	pushl	%edi			/* 52(%bp): to */
	pushl	%esi			/* 48(%bp): from */
	subw	$48, %sp		/* the descriptor table */
	movw	%sp, %bp
	pushw	%ss
	popw	%es
1:	movl	56(%bp), %ebx
	testl	%ebx, %ebx
	jz	8f
	cmpl	$0x10000, %ebx
	jbe	2f
	movl	$0x10000, %ebx
2:	movw	%bp, %di
	movw	$24, %cx
	xorw	%ax, %ax
	rep stosw
	movl	48(%bp), %eax
	leaw	0x10(%bp), %di
	call	set_descriptor
	movl	52(%bp), %eax
	leaw	0x18(%bp), %di
	call	set_descriptor
	movl	%ebx, %ecx
	incl	%ecx
	shrl	$1, %ecx		/* words */
	movw	%bp, %si
	movb	$0x87, %ah
	pushl	%ebx
	pushw	%bp
	int	$0x15
	popw	%bp
	popl	%ebx
	jc	9f
	addl	%ebx, 48(%bp)
	addl	%ebx, 52(%bp)
	subl	%ebx, 56(%bp)
	jmp	1b
8:	clc
9:	leaw	60(%bp), %sp		/* (lea keeps CF) */
	popw	%es
	popal
	ret

/* A 64 KiB data descriptor with base %eax at ES:DI (zeroed). */
set_descriptor:
	movw	$0xffff, %es:(%di)
	movw	%ax, %es:2(%di)
	shrl	$16, %eax
	movb	%al, %es:4(%di)
	movb	$0x93, %es:5(%di)	/* present, writable data */
	movb	%ah, %es:7(%di)
	ret

/* "Press Ctrl-B to configure <product>..." for BANNER_TIMEOUT_SEC; any
 * other key ends the wait early. */
ctrl_b_prompt:
	pushal
	pushw	%es
	movw	$press_msg, %si
	call	print
	movw	$product, %si
	call	print
	movw	$dots_msg, %si
	call	print
	sti				/* the tick count needs the timer */
	movw	$BDA_SEG, %ax
	movw	%ax, %es
	movw	$BANNER_TICKS, %cx
	jcxz	4f
	movw	%es:BDA_TICKS, %dx
1:	movb	$0x01, %ah		/* a key waiting? */
	int	$0x16
	jz	2f
	xorb	%ah, %ah		/* take it */
	int	$0x16
	cmpb	$KEY_CTRL_B, %al
	jne	4f
	orb	$ROM_FLAG_CTRL_B, rom_flags
	movw	$ctrl_b_msg, %si
	call	print
	jmp	4f
2:	hlt				/* until the next interrupt */
	movw	%es:BDA_TICKS, %ax
	cmpw	%ax, %dx
	je	1b
	movw	%ax, %dx
	loop	1b
4:	movw	$crlf_msg, %si
	call	print
	popw	%es
	popal
	ret

/* Make the byte sum of the image, as long as ROM_SIZE now says, zero.
 * (It may be longer than a segment: step the segment per 512 bytes.) */
fix_checksum:
	pushal
	pushw	%es
	movb	$0, ROM_CHECKSUM
	movzbw	ROM_SIZE, %cx
	movw	%cs, %ax
	xorb	%bl, %bl
1:	movw	%ax, %es
	xorw	%si, %si
2:	addb	%es:(%si), %bl
	incw	%si
	cmpw	$512, %si
	jb	2b
	addw	$512 / 16, %ax
	loop	1b
	negb	%bl
	movb	%bl, ROM_CHECKSUM
	popw	%es
	popal
	ret

/* ------------------------------------------------------------------ */
/* Boot entry, far-called by the BIOS when it boots from us. */

bev_entry:
	pushw	%ds
	pushw	%es
	pushal
	cld
	pushw	%cs
	popw	%ds
	movw	$BDA_SEG, %ax
	movw	%ax, %es
	movw	%es:BDA_FBMS, %ax
	cmpw	$_basemem_kb + BASEMEM_MIN_KB, %ax
	jae	1f
	movw	$basemem_msg, %si
	call	print
	jmp	9f
1:	subw	$_basemem_kb, %ax
	movw	%ax, %es:BDA_FBMS
	movw	%ax, %dx
	shlw	$6, %ax			/* KiB to paragraphs */
	movw	%ax, %es
	xorw	%si, %si
	xorw	%di, %di
	movw	$_text16_end, %cx
	rep movsb
	movw	$_bss16_size, %cx
	xorb	%al, %al
	rep stosb
	movw	%cs, %es:bev_rom_seg
	movw	%dx, %es:bev_fbms
	movw	%ss, %es:bev_bios_ss
	movw	%sp, %es:bev_bios_sp
	pushw	%es
	pushw	$bev_copy
	lretw

/* Now in the copy: CS = DS = SS = its segment. */
bev_copy:
	movw	%cs, %ax
	movw	%ax, %ds
	cli
	movw	%ax, %ss
	movw	$rm_stack_top, %sp
	sti
	call	rm_init
	movw	$a20_fail_msg, %si
	jc	2f
	movl	rom_payload_addr, %eax
	testl	%eax, %eax
	jnz	1f
	movzwl	bev_rom_seg, %eax
	shll	$4, %eax
	addl	$_payload_offset, %eax
1:	movl	%eax, payload_src
	pushl	$0			/* unpack */
	pushw	%cs
	call	pm_call
	movw	$damaged_msg, %si
	jc	2f
	pushl	$rom_bev
	pushw	%cs
	call	pm_call
	jmp	3f
2:	call	print
3:	/* Give the base memory back unless someone took more since. */
	movw	$BDA_SEG, %ax
	movw	%ax, %es
	movw	bev_fbms, %ax
	cmpw	%ax, %es:BDA_FBMS
	jne	4f
	addw	$_basemem_kb, %es:BDA_FBMS
4:	cli
	movw	bev_bios_ss, %ss
	movw	bev_bios_sp, %sp
	sti
9:	/* Boot failed: on to the BIOS's next boot device. */
	int	$0x18
	popal
	popw	%es
	popw	%ds
	lretw

bev_rom_seg:
	.word	0
bev_fbms:
	.word	0
bev_bios_ss:
	.word	0
bev_bios_sp:
	.word	0

	.section .note.GNU-stack, "", @progbits
