/* The bzImage loader's arithmetic (arch/x86/image/bzlayout.c): reading
 * setup headers built here field by field, and "vga=" options. */
#include <errno.h>
#include <stdint.h>
#include "test.h"
#include "../../arch/x86/image/bzlayout.c"

#define MIB 0x100000u

static uint8_t kernel[16384];

static void put(unsigned int off, uint32_t v, unsigned int bytes)
{
	for (unsigned int i = 0; i < bytes; i++)
		kernel[off + i] = v >> (8 * i);
}

/* A protocol 2.15 header: 3 setup sectors, 8 KiB of protected-mode
 * code, relocatable, preferring 16 MiB. */
static void make_kernel(void)
{
	memset(kernel, 0, sizeof(kernel));
	put(BZ_SETUP_SECTS, 3, 1);
	put(BZ_SYSSIZE, 8192 / 16, 4);
	put(BZ_BOOT_FLAG, 0xaa55, 2);
	memcpy(kernel + BZ_HEADER, "HdrS", 4);
	put(BZ_VERSION, 0x020f, 2);
	put(BZ_LOADFLAGS, BZ_LOADED_HIGH, 1);
	put(BZ_INITRD_ADDR_MAX, 0x7fffffff, 4);
	put(BZ_KERNEL_ALIGNMENT, 0x200000, 4);
	put(BZ_RELOCATABLE, 1, 1);
	put(BZ_CMDLINE_SIZE, 0x7ff, 4);
	put(BZ_PREF_ADDRESS, 0x1000000, 4);
	put(BZ_INIT_SIZE, 0x3000000, 4);
}

UNIT_TEST(bzimage_parse_good)
{
	struct bz_header h;
	char why[80] = "";

	make_kernel();
	ok(bz_parse(kernel, 2048 + 8192, &h, why, sizeof(why)) == 0);
	ok(h.version == 0x020f);
	ok(h.setup_len == 2048);
	ok(h.pm_len == 8192);
	ok(h.init_size == 0x3000000);
	ok(h.pref_address == 0x1000000);
	ok(h.kernel_alignment == 0x200000);
	ok(h.relocatable);
	ok(h.initrd_end_max == 0x80000000ULL);
	ok(h.cmdline_max == 0x7ff);

	/* Bytes after the declared size belong to the kernel too (Debian's
	 * carry a signature there). */
	ok(bz_parse(kernel, sizeof(kernel), &h, why, sizeof(why)) == 0);
	ok(h.pm_len == sizeof(kernel) - 2048);

	/* setup_sects 0 means 4. */
	put(BZ_SETUP_SECTS, 0, 1);
	ok(bz_parse(kernel, 2560 + 8192, &h, why, sizeof(why)) == 0);
	ok(h.setup_len == 2560);
}

UNIT_TEST(bzimage_parse_fields)
{
	struct bz_header h;
	char why[80];

	/* Not relocatable: 1 MiB, whatever pref_address says. */
	make_kernel();
	put(BZ_RELOCATABLE, 0, 1);
	ok(bz_parse(kernel, sizeof(kernel), &h, why, sizeof(why)) == 0);
	ok(!h.relocatable && h.pref_address == MIB);

	/* A preferred address above 4 GiB is out of reach. */
	make_kernel();
	put(BZ_PREF_ADDRESS + 4, 1, 4);
	ok(bz_parse(kernel, sizeof(kernel), &h, why, sizeof(why)) == 0);
	ok(h.pref_address == MIB);

	/* An alignment that is no power of two. */
	make_kernel();
	put(BZ_KERNEL_ALIGNMENT, 0x300000, 4);
	ok(bz_parse(kernel, sizeof(kernel), &h, why, sizeof(why)) == 0);
	ok(h.kernel_alignment == MIB);

	/* init_size smaller than the code: the code counts. */
	make_kernel();
	put(BZ_INIT_SIZE, 100, 4);
	ok(bz_parse(kernel, sizeof(kernel), &h, why, sizeof(why)) == 0);
	ok(h.init_size == sizeof(kernel) - 2048);

	/* A huge cmdline_size is capped to the room we give it. */
	make_kernel();
	put(BZ_CMDLINE_SIZE, 0xffffffff, 4);
	ok(bz_parse(kernel, sizeof(kernel), &h, why, sizeof(why)) == 0);
	ok(h.cmdline_max == BZ_CMDLINE_MAX - 1);
}

UNIT_TEST(bzimage_parse_bad)
{
	struct bz_header h;
	char why[80];

	make_kernel();
	ok(bz_parse(kernel, BZ_HEADER_END - 1, &h, why, sizeof(why)) ==
	   -ENOEXEC);
	ok_str(why, "not a Linux kernel");

	kernel[BZ_BOOT_FLAG] = 0;
	ok(bz_parse(kernel, sizeof(kernel), &h, why, sizeof(why)) ==
	   -ENOEXEC);

	make_kernel();
	kernel[BZ_HEADER + 3] = 's';
	ok(bz_parse(kernel, sizeof(kernel), &h, why, sizeof(why)) ==
	   -ENOEXEC);

	make_kernel();
	put(BZ_VERSION, 0x0202, 2);
	ok(bz_parse(kernel, sizeof(kernel), &h, why, sizeof(why)) ==
	   -ENOTSUP);
	ok_str(why, "Linux boot protocol 2.02 is too old (2.10 or later "
	       "needed)");
	put(BZ_VERSION, 0x0209, 2);
	ok(bz_parse(kernel, sizeof(kernel), &h, why, sizeof(why)) ==
	   -ENOTSUP);

	make_kernel();
	put(BZ_LOADFLAGS, 0, 1);
	ok(bz_parse(kernel, sizeof(kernel), &h, why, sizeof(why)) ==
	   -ENOTSUP);
	ok_str(why, "a zImage (only bzImage is loaded)");

	make_kernel();
	ok(bz_parse(kernel, 2048 + 8191, &h, why, sizeof(why)) == -EINVAL);
	ok_str(why, "truncated kernel (10239 bytes, header says 10240)");
	put(BZ_SYSSIZE, 0xffffffff, 4);
	ok(bz_parse(kernel, sizeof(kernel), &h, why, sizeof(why)) == -EINVAL);

	/* Setup code that would not leave room for its heap. */
	make_kernel();
	put(BZ_SETUP_SECTS, 200, 1);
	ok(bz_parse(kernel, sizeof(kernel), &h, why, sizeof(why)) != 0);
}

UNIT_TEST(bzimage_vid_mode)
{
	ok(bz_vid_mode("", 0x1234) == 0x1234);
	ok(bz_vid_mode("console=ttyS0", 0x1234) == 0x1234);
	ok(bz_vid_mode("vga=normal", 0) == 0xffff);
	ok(bz_vid_mode("quiet vga=ext", 0) == 0xfffe);
	ok(bz_vid_mode("vga=ask quiet", 0) == 0xfffd);
	ok(bz_vid_mode("vga=0x317", 0) == 0x317);
	ok(bz_vid_mode("vga=791", 0) == 791);
	ok(bz_vid_mode("vga=791 vga=normal", 0) == 0xffff);
	ok(bz_vid_mode("novga=1", 7) == 7);
	ok(bz_vid_mode("vga=bogus", 7) == 7);
	ok(bz_vid_mode("vga=0x10000", 7) == 7);
	ok(bz_vid_mode("vga=", 7) == 7);
}
