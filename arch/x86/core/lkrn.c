/* What a Linux boot loader hands to the .lkrn image: the command line
 * and the initrd.  The loader writes them into the setup header, which
 * is still in base memory where it put the prefix.  An initrd that is a
 * script runs instead of the shell. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/image.h>
#include <bios.h>
#include <memmap.h>
#include <prefix.h>

/* Setup header fields (Linux/x86 boot protocol) */
#define HDR_RAMDISK_IMAGE 0x218
#define HDR_RAMDISK_SIZE 0x21c
#define HDR_CMD_LINE_PTR 0x228
#define HDR_CMDLINE_SIZE 0x238

static uint32_t header32(unsigned int offset)
{
	uint32_t v;

	memcpy(&v, (char *)prefix_area() + offset, sizeof(v));
	return v;
}

void prefix_reserve(void)
{
	memmap_reserve(header32(HDR_RAMDISK_IMAGE),
		       header32(HDR_RAMDISK_SIZE));
}

const char *prefix_cmdline(void)
{
	static char *copy;
	const char *text = (const char *)header32(HDR_CMD_LINE_PTR);

	/* Copied once: base memory may be reused by what we boot next. */
	if (!copy && text)
		copy = strndup(text, header32(HDR_CMDLINE_SIZE));
	return copy ? copy : "";
}

struct image *prefix_script(void)
{
	uint32_t addr = header32(HDR_RAMDISK_IMAGE);
	uint32_t len = header32(HDR_RAMDISK_SIZE);
	struct image *image;

	if (!addr || !len)
		return NULL;
	image = alloc_image(NULL);
	if (!image)
		goto nomem;
	/* A copy on the heap: the image owns (and frees) its data. */
	image->data = malloc(len);
	if (!image->data)
		goto nomem;
	memcpy(image->data, (void *)addr, len);
	image->len = len;
	if (image_set_name(image, "initrd") != 0 ||
	    register_image(image) != 0)
		goto nomem;
	if (image_probe(image) != 0 || strcmp(image->type->name, "script")) {
		/* Some other file: it stays registered for the user. */
		image_put(image);
		return NULL;
	}
	return image;
nomem:
	printf("initrd: out of memory\n");
	if (image)
		image_put(image);
	return NULL;
}

/* A Linux loader does not take the machine back: it is reset. */
bool prefix_can_return(void)
{
	return false;
}

uint16_t prefix_return(int status __unused)
{
	return 0;
}
