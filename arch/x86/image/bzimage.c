/* Linux bzImage kernels (Linux/x86 boot protocol 2.10 and later) as an
 * image type: `boot` copies the real-mode setup code into base memory,
 * the protected-mode kernel to its preferred address, the initrds
 * (images marked IMAGE_INITRD) high in memory, fills in the setup
 * header and enters the setup code in real mode.
 *
 * Everything is planned before anything is touched, so that a kernel
 * that cannot be loaded leaves the firmware as it was.  The plan keeps
 * each destination clear of what is still needed while copying: the
 * firmware itself, the base-memory area of the mode switches and the
 * images' own data in the heap (the heap's free space is fair game: it
 * is not used again).
 *
 * With a SAN drive hooked the firmware stays in memory to answer INT 13h
 * (the setup code reads each disk's first sector, and an installer
 * writes to the disk): the NICs stay open, the firmware keeps a small
 * heap (memmap_resident) and the plan only uses memory that the kernel
 * is shown. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cxboot/image.h>
#include <cxboot/san.h>
#include <net/netdevice.h>
#include <bios.h>
#include <hidemem.h>
#include <memmap.h>
#include "bzimage.h"

#define MIB 0x100000u
#define PAGE 4096u
#define MAX_INITRDS 32
#define MAX_RAM 64

/* Busy ranges: low memory, the firmware, the kernel at its address and
 * at its preferred one, the kernel's source and each initrd's. */
#define MAX_BUSY (5 + MAX_INITRDS)

extern char _text[], _end[];
extern uint32_t rm_base;

struct bz_plan {
	uint32_t setup;			/* linear, a multiple of 16 */
	uint32_t kernel;
	uint32_t initrd, initrd_len;
	struct image *initrds[MAX_INITRDS];
	unsigned int nr_initrds;
};

static uint32_t align_up(uint32_t v, uint32_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static struct mem_range range(const void *start, uint32_t len)
{
	struct mem_range r = { (uintptr_t)start, (uintptr_t)start + len };

	return r;
}

static int bz_probe(struct image *image)
{
	if (image->len < BZ_HEADER_END ||
	    image->data[BZ_BOOT_FLAG] != 0x55 ||
	    image->data[BZ_BOOT_FLAG + 1] != 0xaa ||
	    memcmp(image->data + BZ_HEADER, "HdrS", 4) != 0)
		return -ENOEXEC;
	return 0;
}

/* The real-mode part goes as high in base memory as it fits, below the
 * BIOS's own (EBDA), above the first 64 KiB and clear of the area our
 * own mode switches run from. */
static int plan_setup(struct image *image, const struct bz_header *hdr,
		      struct bz_plan *plan)
{
	uint16_t *basemem_kib = real_to_flat(0x40, 0x13);
	struct mem_range low = { 0x10000, MIN(*basemem_kib * 1024u, 0xa0000u) };
	struct mem_range ours = { rm_base, rm_base + 0x10000 };
	uint32_t size = BZ_HEAP_END + align_up(hdr->cmdline_max + 1, 16);

	plan->setup = place_high(&low, 1, &ours, 1, size, 16, low.end);
	if (!plan->setup) {
		printf("%s: no room in base memory for the setup code\n",
		       image->name);
		return -ENOMEM;
	}
	return 0;
}

static unsigned int ram_map(struct mem_range *ram, bool resident)
{
	unsigned int n = 0;

	while (n < MAX_RAM &&
	       (resident ? hidemem_ram(n, &ram[n].start, &ram[n].end) :
		memmap_ram(n, &ram[n].start, &ram[n].end)) == 0)
		n++;
	return n;
}

/* The kernel at its preferred address or the next free aligned one
 * above; a kernel that is not relocatable only at 1 MiB. */
static int plan_kernel(struct image *image, const struct bz_header *hdr,
		       const struct mem_range *ram, unsigned int nram,
		       struct bz_plan *plan)
{
	struct mem_range busy[] = {
		{ 0, MIB },
		range(_text, _end - _text),
	};
	/* Only the exact address will do for a fixed kernel. */
	uint32_t align = hdr->relocatable ? hdr->kernel_alignment : 16;

	plan->kernel = place_low(ram, nram, busy, ARRAY_SIZE(busy),
				 hdr->init_size, align, hdr->pref_address);
	if (!plan->kernel && hdr->relocatable)
		plan->kernel = place_low(ram, nram, busy, ARRAY_SIZE(busy),
					 hdr->init_size, align, MIB);
	if (!hdr->relocatable && plan->kernel != hdr->pref_address) {
		printf("%s: kernel is not relocatable and its address "
		       "(%#x) is taken\n", image->name, hdr->pref_address);
		return -ENOSPC;
	}
	if (!plan->kernel) {
		printf("%s: no room for the kernel (%u bytes)\n", image->name,
		       hdr->init_size);
		return -ENOSPC;
	}
	return 0;
}

/* All initrds one after the other, each on a page boundary, as high as
 * the kernel allows and clear of everything still needed. */
static int plan_initrds(struct image *kernel, const struct bz_header *hdr,
			const struct mem_range *ram, unsigned int nram,
			struct bz_plan *plan)
{
	struct mem_range busy[MAX_BUSY] = {
		{ 0, MIB },
		range(_text, _end - _text),
		{ plan->kernel, plan->kernel + hdr->init_size },
		{ hdr->pref_address, hdr->pref_address + hdr->init_size },
		range(kernel->data, kernel->len),
	};
	unsigned int nbusy = 5;
	struct image *image;
	uint32_t total = 0;

	plan->nr_initrds = 0;
	for_each_image(image) {
		if (image == kernel || !(image->flags & IMAGE_INITRD))
			continue;
		if (plan->nr_initrds == MAX_INITRDS) {
			printf("%s: too many initrds (at most %u)\n",
			       kernel->name, MAX_INITRDS);
			return -E2BIG;
		}
		plan->initrds[plan->nr_initrds++] = image;
		busy[nbusy++] = range(image->data, image->len);
		if (image->len > UINT32_MAX - PAGE - total) {
			printf("%s: initrds too big\n", kernel->name);
			return -EFBIG;
		}
		total = align_up(total, PAGE) + image->len;
	}
	plan->initrd_len = total;
	plan->initrd = 0;
	if (!total)
		return 0;
	plan->initrd = place_high(ram, nram, busy, nbusy, total, PAGE,
				     hdr->initrd_end_max);
	if (!plan->initrd) {
		printf("%s: no room for the initrds (%u bytes)\n",
		       kernel->name, total);
		return -ENOSPC;
	}
	return 0;
}

static void put16(uint8_t *p, unsigned int off, uint16_t v)
{
	memcpy(p + off, &v, sizeof(v));
}

static void put32(uint8_t *p, unsigned int off, uint32_t v)
{
	memcpy(p + off, &v, sizeof(v));
}

/* The point of no return: nothing may allocate or free from here on,
 * since the copies may land in the heap's free space. */
static void __noreturn bz_start(struct image *image,
				const struct bz_header *hdr,
				const struct bz_plan *plan,
				const char *cmdline)
{
	uint8_t *setup = (uint8_t *)plan->setup;
	uint8_t *dst = (uint8_t *)plan->initrd;
	uint16_t seg = plan->setup >> 4;

	memcpy(setup, image->data, hdr->setup_len);
	setup[BZ_TYPE_OF_LOADER] = 0xff;	/* no assigned loader ID */
	setup[BZ_LOADFLAGS] = (setup[BZ_LOADFLAGS] | BZ_CAN_USE_HEAP) &
		~BZ_KEEP_SEGMENTS;
	put16(setup, BZ_HEAP_END_PTR, BZ_HEAP_END - 0x200);
	put16(setup, BZ_VID_MODE, bz_vid_mode(cmdline,
			setup[BZ_VID_MODE] | setup[BZ_VID_MODE + 1] << 8));
	put32(setup, BZ_CODE32_START, plan->kernel);
	put32(setup, BZ_RAMDISK_IMAGE, plan->initrd);
	put32(setup, BZ_RAMDISK_SIZE, plan->initrd_len);
	strcpy((char *)setup + BZ_HEAP_END, cmdline);
	put32(setup, BZ_CMD_LINE_PTR, plan->setup + BZ_HEAP_END);

	for (unsigned int i = 0; i < plan->nr_initrds; i++) {
		const struct image *initrd = plan->initrds[i];

		if (i) {
			uint32_t pad = align_up((uintptr_t)dst, PAGE) -
				(uintptr_t)dst;

			memset(dst, 0, pad);
			dst += pad;
		}
		memcpy(dst, initrd->data, initrd->len);
		dst += initrd->len;
	}
	/* Last, since it may overlap the other sources (and its own). */
	memmove((void *)plan->kernel, image->data + hdr->setup_len,
		hdr->pm_len);
	rm_jump((uint32_t)(seg + 0x20) << 16, seg, BZ_HEAP_END, 0, 0);
}

static int bz_exec(struct image *image)
{
	const char *cmdline = image->cmdline ? image->cmdline : "";
	struct mem_range ram[MAX_RAM];
	struct bz_header hdr;
	struct bz_plan plan;
	struct net_device *netdev;
	unsigned int nram;
	bool resident;
	char why[80];
	int rc;

	rc = bz_parse(image->data, image->len, &hdr, why, sizeof(why));
	if (rc) {
		printf("%s: %s\n", image->name, why);
		return rc;
	}
	if (strlen(cmdline) > hdr.cmdline_max) {
		printf("%s: command line too long (%zu bytes, at most %u)\n",
		       image->name, strlen(cmdline), hdr.cmdline_max);
		return -E2BIG;
	}
	/* (Once kept small, the heap stays so if the plan fails.) */
	resident = !list_empty(&san_devices);
	if (resident)
		memmap_resident();
	nram = ram_map(ram, resident);
	if ((rc = plan_setup(image, &hdr, &plan)) != 0 ||
	    (rc = plan_kernel(image, &hdr, ram, nram, &plan)) != 0 ||
	    (rc = plan_initrds(image, &hdr, ram, nram, &plan)) != 0)
		return rc;

	/* Quiet the NICs: no DMA may land in what we are about to copy.
	 * The kernel needs nothing of ours: all memory is its. */
	if (!resident) {
		for_each_netdev(netdev)
			netdev_close(netdev);
		hidemem_remove();
	}
	bz_start(image, &hdr, &plan, cmdline);
}

IMAGE_TYPE(bzimage_image_type) = {
	.name = "bzImage",
	.order = IMAGE_ORDER_SIGNATURE,
	.probe = bz_probe,
	.exec = bz_exec,
};
