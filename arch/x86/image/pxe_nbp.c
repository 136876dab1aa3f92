/* PXE network boot programs (pxelinux.0, lpxelinux.0, a GRUB PXE image
 * ...) as an image type: the catch-all for anything that fits between
 * 0:7C00 and the end of conventional memory and that no other type
 * claims, but text (a configuration file or a web page named where a
 * program was meant): machine code has bytes no text has.  `boot` runs
 * the program with the PXE API offered
 * (arch/x86/include/pxe.h) and, when it returns, goes on.
 *
 * The program is entered as PXE 2.1 (section 4.4.5) has a PXE ROM
 * enter it: at 0000:7C00, ES:BX = the PXENV+ structure, the !PXE
 * structure's SEG:OFF at SS:SP+4 and at least 1.5 KiB of stack.  It
 * is a far call: a program that is done returns with RETF (AX = its
 * status), on the stack it was given.
 *
 * The API's structures and that stack lie in one block taken off the
 * base-memory size at 40:13h, where the program does not load
 * itself; the block goes back when the program returns, unless
 * someone took base memory below it meanwhile.  The firmware stays
 * resident under the program and what it starts, on a small heap
 * (memmap_resident()): the rest of memory is theirs. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cxboot/console.h>
#include <cxboot/image.h>
#include <net/netdevice.h>
#include <bios.h>
#include <bioshook.h>
#include <memmap.h>
#include <pxe.h>

#define NBP_LOAD 0x7c00u
#define NBP_LIMIT 0xa0000u	/* end of conventional memory */
#define NBP_STACK_SIZE 4096u

/* Taken whole KiB at a time: the stack first, so that its segment
 * starts with it, and the structures 16-byte aligned after it. */
struct nbp_block {
	uint8_t stack[NBP_STACK_SIZE];
	struct pxe_basemem pxe;
} __packed;

#define NBP_BLOCK_KB ((sizeof(struct nbp_block) + 1023) / 1024)

/* The end of the mode switches' base-memory area (realmode.S). */
extern char rm_stack_top[];
extern uint32_t rm_base;

static uint16_t *fbms(void)
{
	return real_to_flat(0x40, 0x13);
}

/* Whether the first bytes are all printable ASCII, tabs, line ends or
 * bytes of UTF-8. */
static bool looks_like_text(const struct image *image)
{
	size_t n = image->len < 512 ? image->len : 512;

	for (size_t i = 0; i < n; i++) {
		uint8_t c = image->data[i];

		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			return false;
		if (c == 0x7f)
			return false;
	}
	return true;
}

static int nbp_probe(struct image *image)
{
	if (!image->len || image->len > NBP_LIMIT - NBP_LOAD ||
	    looks_like_text(image))
		return -ENOEXEC;
	return 0;
}

static void nbp_pxenv_entry(struct bios_call *call)
{
	pxe_entry_pxenv(call->regs);
}

/* call->sp is below the far call's return address; the API wants the
 * stack as its entry point's first instruction sees it. */
static void nbp_pxe_entry(struct bios_call *call)
{
	pxe_entry_pxe(call->regs, call->ss, call->sp - 4);
}

static void nbp_int1a(struct bios_call *call)
{
	call->chain = !pxe_int1a(call->regs);
}

static struct segoff16 segoff(uint32_t farptr)
{
	return (struct segoff16){ .offset = farptr, .segment = farptr >> 16 };
}

int pxe_unhook_vectors(void)
{
	return unhook_bios_interrupt(0x1a, nbp_int1a) == -EBUSY ? -EBUSY : 0;
}

/* The two far-call entry points: taken once, they last as we do. */
static int nbp_layout(struct pxe_layout *l, const struct nbp_block *block)
{
	static uint32_t pxenv_entry, pxe_entry;

	if (!pxenv_entry)
		pxenv_entry = bios_entry_point(nbp_pxenv_entry);
	if (!pxe_entry)
		pxe_entry = bios_entry_point(nbp_pxe_entry);
	if (!pxenv_entry || !pxe_entry)
		return -ENOSPC;
	*l = (struct pxe_layout){
		.pxenv_entry = segoff(pxenv_entry),
		.pxe_entry = segoff(pxe_entry),
		.code_seg = rm_base >> 4,
		.code_size = (uintptr_t)rm_stack_top,
		.data_seg = (uintptr_t)&block->pxe >> 4,
		.data_size = sizeof(block->pxe),
		.stack_seg = (uintptr_t)block->stack >> 4,
		.stack_size = sizeof(block->stack),
	};
	return 0;
}

/* Whether [NBP_LOAD, NBP_LOAD + len) stays clear of base memory's
 * reserved top and of our own real-mode area. */
static bool nbp_fits(size_t len, uint32_t top)
{
	uint32_t end = NBP_LOAD + len;
	uint32_t rm_end = rm_base + (uintptr_t)rm_stack_top;

	return end <= top && (end <= rm_base || NBP_LOAD >= rm_end);
}

/* Far-call the program at 0:7C00 as the ROM would; its AX. */
static uint16_t nbp_run(struct nbp_block *block)
{
	struct segoff16 pxenv, pxe;
	struct bios_regs regs = { 0 };
	struct rm_stack stack = {
		.ss = (uintptr_t)block->stack >> 4,
		.sp = sizeof(block->stack),
		.args = &pxe,
		.len = sizeof(pxe),
	};

	virt_to_real(&block->pxe.pxenv, &pxenv);
	virt_to_real(&block->pxe.pxe, &pxe);
	regs.es = pxenv.segment;
	regs.ebx = pxenv.offset;
	console_flush();
	rm_call(0, NBP_LOAD, &regs, &stack);
	return regs.eax;
}

static int nbp_start(struct image *image, struct nbp_block *block,
		     struct net_device *netdev)
{
	struct pxe_layout l;
	uint32_t old_int1a;
	uint16_t status;
	int rc;

	if ((rc = nbp_layout(&l, block)) != 0 ||
	    (rc = pxe_activate(&block->pxe, &l, netdev, image->cmdline)) != 0)
		return rc;
	if ((rc = hook_bios_interrupt(0x1a, nbp_int1a, &old_int1a)) != 0) {
		pxe_deactivate();
		return rc;
	}
	memcpy(real_to_flat(0, NBP_LOAD), image->data, image->len);
	status = nbp_run(block);
	unhook_bios_interrupt(0x1a, nbp_int1a);
	pxe_deactivate();
	if (status) {
		printf("%s: exited with status %04x\n", image->name, status);
		return -EIO;
	}
	return 0;
}

/* The device the program came over serves its API; if that is not
 * known or closed since, the last one opened. */
static struct net_device *nbp_netdev(const struct image *image)
{
	if (image->netdev && netdev_is_open(image->netdev))
		return image->netdev;
	return last_opened_netdev();
}

static int nbp_exec(struct image *image)
{
	struct net_device *netdev = nbp_netdev(image);
	uint16_t fbms_before = *fbms(), fbms_ours;
	struct nbp_block *block;
	int rc;

	if (!netdev) {
		printf("%s: no open network device for its PXE API\n",
		       image->name);
		return -ENODEV;
	}
	fbms_ours = fbms_before - NBP_BLOCK_KB;
	block = real_to_flat(fbms_ours << 6, 0);
	if (fbms_before <= NBP_BLOCK_KB ||
	    !nbp_fits(image->len, (uint32_t)fbms_ours * 1024)) {
		printf("%s: %zu bytes do not fit in base memory at 0:7C00\n",
		       image->name, image->len);
		return -E2BIG;
	}
	/* It and what it starts (an OS, with the PXE API still there)
	 * get the memory the heap does not need. */
	memmap_resident();
	*fbms() = fbms_ours;
	rc = nbp_start(image, block, netdev);
	if (*fbms() == fbms_ours)
		*fbms() = fbms_before;
	return rc;
}

IMAGE_TYPE(pxe_nbp_image_type) = {
	.name = "PXE",
	.order = IMAGE_ORDER_CATCHALL,
	.probe = nbp_probe,
	.exec = nbp_exec,
};
