/* The bzImage loader's arithmetic: the setup header and the command
 * line's video mode (see bzimage.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/compiler.h>
#include "bzimage.h"

static uint32_t get16(const uint8_t *p, unsigned int off)
{
	return p[off] | p[off + 1] << 8;
}

static uint32_t get32(const uint8_t *p, unsigned int off)
{
	return get16(p, off) | get16(p, off + 2) << 16;
}

int bz_parse(const void *data, size_t len, struct bz_header *hdr,
	     char *why, size_t why_len)
{
	const uint8_t *p = data;
	unsigned int sects;
	uint32_t pm_need;

	memset(hdr, 0, sizeof(*hdr));
	if (len < BZ_HEADER_END || get16(p, BZ_BOOT_FLAG) != 0xaa55 ||
	    memcmp(p + BZ_HEADER, "HdrS", 4) != 0) {
		snprintf(why, why_len, "not a Linux kernel");
		return -ENOEXEC;
	}
	hdr->version = get16(p, BZ_VERSION);
	if (hdr->version < BZ_MIN_VERSION) {
		snprintf(why, why_len, "Linux boot protocol %u.%02u is too "
			 "old (2.10 or later needed)", hdr->version >> 8,
			 hdr->version & 0xff);
		return -ENOTSUP;
	}
	if (!(p[BZ_LOADFLAGS] & BZ_LOADED_HIGH)) {
		snprintf(why, why_len, "a zImage (only bzImage is loaded)");
		return -ENOTSUP;
	}
	/* A count of 0 means 4, from the days before the field. */
	sects = p[BZ_SETUP_SECTS] ? p[BZ_SETUP_SECTS] : 4;
	hdr->setup_len = (sects + 1) * 512;
	pm_need = get32(p, BZ_SYSSIZE);
	if (pm_need > UINT32_MAX / 16 - hdr->setup_len ||
	    len < hdr->setup_len + pm_need * 16) {
		snprintf(why, why_len, "truncated kernel (%zu bytes, header "
			 "says %llu)", len, (unsigned long long)
			 hdr->setup_len + (unsigned long long)pm_need * 16);
		return -EINVAL;
	}
	if (hdr->setup_len > BZ_HEAP_END - 0x200) {
		snprintf(why, why_len, "setup code too big (%u bytes)",
			 hdr->setup_len);
		return -ENOTSUP;
	}
	hdr->pm_len = len - hdr->setup_len;
	hdr->init_size = MAX(get32(p, BZ_INIT_SIZE), hdr->pm_len);
	hdr->relocatable = p[BZ_RELOCATABLE] != 0;
	hdr->kernel_alignment = get32(p, BZ_KERNEL_ALIGNMENT);
	/* Not a power of two (or absurd): take 1 MiB, the x86 default. */
	if (!hdr->kernel_alignment ||
	    (hdr->kernel_alignment & (hdr->kernel_alignment - 1)) ||
	    hdr->kernel_alignment > 0x40000000)
		hdr->kernel_alignment = 0x100000;
	/* A preferred address above 4 GiB is out of our reach. */
	hdr->pref_address = get32(p, BZ_PREF_ADDRESS + 4) ? 0x100000 :
		get32(p, BZ_PREF_ADDRESS);
	if (!hdr->relocatable)
		hdr->pref_address = 0x100000;
	hdr->initrd_end_max = (uint64_t)get32(p, BZ_INITRD_ADDR_MAX) + 1;
	hdr->cmdline_max = MIN(get32(p, BZ_CMDLINE_SIZE),
			       (uint32_t)BZ_CMDLINE_MAX - 1);
	return 0;
}

static size_t word_len(const char *s)
{
	size_t n = 0;

	while (s[n] && s[n] != ' ' && s[n] != '\t')
		n++;
	return n;
}

uint16_t bz_vid_mode(const char *cmdline, uint16_t dflt)
{
	const char *p = cmdline;
	uint16_t mode = dflt;

	/* The last "vga=" wins, as for the kernel's own options. */
	while (p && (p = strstr(p, "vga=")) != NULL) {
		const char *v = p + 4;
		size_t n = word_len(v);
		char *end;
		unsigned long num;

		if (p != cmdline && p[-1] != ' ' && p[-1] != '\t') {
			p = v;
			continue;
		}
		if (n == 6 && strncmp(v, "normal", 6) == 0) {
			mode = 0xffff;
		} else if (n == 3 && strncmp(v, "ext", 3) == 0) {
			mode = 0xfffe;
		} else if (n == 3 && strncmp(v, "ask", 3) == 0) {
			mode = 0xfffd;
		} else {
			num = strtoul(v, &end, 0);
			if (end == v + n && n && num <= 0xffff)
				mode = num;
		}
		p = v + n;
	}
	return mode;
}
