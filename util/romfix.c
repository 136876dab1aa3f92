/* romfix: the last build step of the PC BIOS images, once the
 * compressed 32-bit part is appended to the prefix.
 *
 *   romfix rom [--id VVVVDDDD] [--name NAME] FILE
 *       An expansion ROM (layout: arch/x86/include/romhdr.h): stamp the
 *       PCI vendor and device IDs and the product name (boot menu
 *       entry), pad to 512-byte units, set the image lengths, and make
 *       the $PnP header's and the whole image's byte sums zero.
 *
 *   romfix lkrn FILE
 *       A .lkrn (Linux boot protocol): set syssize to the compressed
 *       protected-mode part, and add to init_size the room that unpacking
 *       needs above the firmware.  Run once per freshly assembled file.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cxz.h"
#include "romhdr.h"

#define LKRN_SETUP_SECTS 0x1f1
#define LKRN_SYSSIZE 0x1f4
#define LKRN_BOOT_FLAG 0x1fe
#define LKRN_HEADER 0x202
#define LKRN_INIT_SIZE 0x260
#define LKRN_MAGIC 0x53726448		/* "HdrS" */

#define MAX(a, b) ((a) > (b) ? (a) : (b))

static const char *file_name;

static void die(const char *why)
{
	fprintf(stderr, "romfix: %s: %s\n", file_name, why);
	exit(1);
}

static uint16_t get16(const uint8_t *p)
{
	return p[0] | p[1] << 8;
}

static uint32_t get32(const uint8_t *p)
{
	return get16(p) | (uint32_t)get16(p + 2) << 16;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v);
	put16(p + 2, v >> 16);
}

static uint8_t sum(const uint8_t *p, size_t n)
{
	uint8_t s = 0;

	while (n--)
		s += *p++;
	return s;
}

static uint8_t *read_file(size_t *len, size_t room)
{
	FILE *f = fopen(file_name, "rb");
	uint8_t *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		die(strerror(errno));
	buf = calloc(1, n + room);
	if (!buf)
		die("out of memory");
	if (fread(buf, 1, n, f) != (size_t)n)
		die("read error");
	fclose(f);
	*len = n;
	return buf;
}

static void write_file(const uint8_t *buf, size_t len)
{
	FILE *f = fopen(file_name, "wb");

	if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0)
		die("write error");
}

static int parse_id(const char *text, uint16_t *vendor, uint16_t *device)
{
	char *end;
	unsigned long id;

	if (strlen(text) != 8)
		return -1;
	id = strtoul(text, &end, 16);
	if (*end)
		return -1;
	*vendor = id >> 16;
	*device = id & 0xffff;
	return 0;
}

static int fix_rom(int argc, char **argv)
{
	const char *name = NULL, *id = NULL;
	uint16_t vendor = 0, device = 0, pcir, pnp;
	uint8_t *rom;
	size_t len, units;
	int i;

	for (i = 0; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (!strcmp(argv[i], "--id"))
			id = argv[i + 1];
		else if (!strcmp(argv[i], "--name"))
			name = argv[i + 1];
		else
			break;
	}
	if (i + 1 != argc)
		return 2;
	file_name = argv[i];
	if (id && parse_id(id, &vendor, &device) != 0)
		die("--id wants 8 hex digits, vendor then device");

	rom = read_file(&len, 512);
	if (len < ROM_PRODUCT + ROM_PRODUCT_SIZE ||
	    get16(rom) != ROM_SIGNATURE)
		die("not an expansion ROM image");
	pcir = get16(rom + ROM_PCIR_PTR);
	pnp = get16(rom + ROM_PNP_PTR);
	if ((size_t)pcir + PCIR_SIZE > len ||
	    get32(rom + pcir) != PCIR_SIGNATURE ||
	    (size_t)pnp + PNP_SIZE > len || get32(rom + pnp) != PNP_SIGNATURE ||
	    get16(rom + pnp + PNP_PRODUCT) != ROM_PRODUCT)
		die("ROM headers not where romhdr.h says");

	if (id) {
		put16(rom + pcir + PCIR_VENDOR, vendor);
		put16(rom + pcir + PCIR_DEVICE, device);
	}
	if (name) {
		/* Room for the PCI address that POST appends. */
		if (strlen(name) > ROM_PRODUCT_SIZE - ROM_PCI_SUFFIX_LEN - 1)
			die("--name too long");
		memset(rom + ROM_PRODUCT, 0, ROM_PRODUCT_SIZE);
		memcpy(rom + ROM_PRODUCT, name, strlen(name));
	}

	units = (len + 511) / 512;
	if (units * 512 > ROM_MAX_SIZE)
		die("image too big for an expansion ROM");
	len = units * 512;			/* the padding is zeros */
	rom[ROM_SIZE] = units;
	put16(rom + pcir + PCIR_IMAGE_LEN, units);
	/* Without PMM the whole image stays in the option-ROM area. */
	put16(rom + pcir + PCIR_RUNTIME_LEN, units);

	rom[pnp + PNP_CHECKSUM] = 0;
	rom[pnp + PNP_CHECKSUM] = -sum(rom + pnp, rom[pnp + PNP_LENGTH] * 16);
	rom[ROM_CHECKSUM] = 0;
	rom[ROM_CHECKSUM] = -sum(rom, len);

	write_file(rom, len);
	printf("romfix: %s: %04x:%04x \"%.*s\", %zu bytes\n", file_name,
	       get16(rom + pcir + PCIR_VENDOR),
	       get16(rom + pcir + PCIR_DEVICE), ROM_PRODUCT_SIZE,
	       (char *)rom + ROM_PRODUCT, len);
	free(rom);
	return 0;
}

static int fix_lkrn(int argc, char **argv)
{
	uint8_t *img;
	size_t len, setup_len, pm_len;
	uint32_t room;

	if (argc != 1)
		return 2;
	file_name = argv[0];
	img = read_file(&len, 0);
	if (len < LKRN_INIT_SIZE + 4 || get16(img + LKRN_BOOT_FLAG) != 0xaa55 ||
	    get32(img + LKRN_HEADER) != LKRN_MAGIC)
		die("not a Linux boot protocol image");
	setup_len = (img[LKRN_SETUP_SECTS] + 1) * 512;
	if (len < setup_len + CXZ_HDR_SIZE ||
	    get32(img + setup_len) != CXZ_MAGIC)
		die("no compressed part after the setup sectors");
	pm_len = len - setup_len;
	/* Unpacking may first move the stream past the firmware's end;
	 * the relocation table, unpacked after the part as linked
	 * (syssize before this fix), goes there afterwards. */
	room = MAX(pm_len, get32(img + setup_len + CXZ_HDR_OUT_LEN) -
		   16 * get32(img + LKRN_SYSSIZE) + 16);
	room = (room + 15) & ~15u;
	put32(img + LKRN_SYSSIZE, (pm_len + 15) / 16);
	put32(img + LKRN_INIT_SIZE, get32(img + LKRN_INIT_SIZE) + room);
	write_file(img, len);
	printf("romfix: %s: %zu bytes, init_size %u\n", file_name, len,
	       get32(img + LKRN_INIT_SIZE));
	free(img);
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 2;

	if (argc >= 2 && !strcmp(argv[1], "rom"))
		rc = fix_rom(argc - 2, argv + 2);
	else if (argc >= 2 && !strcmp(argv[1], "lkrn"))
		rc = fix_lkrn(argc - 2, argv + 2);
	if (rc == 2)
		fprintf(stderr, "usage: romfix rom [--id VVVVDDDD] "
			"[--name NAME] FILE\n       romfix lkrn FILE\n");
	return rc;
}
