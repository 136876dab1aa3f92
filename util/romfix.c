/* romfix: the last build step of the PC BIOS images, once the
 * compressed 32-bit part is appended to the prefix.
 *
 *   romfix rom [--id VVVVDDDD] [--name NAME] [--mlx-info X.Y.Z] FILE
 *       An expansion ROM (layout: arch/x86/include/romhdr.h): stamp the
 *       PCI vendor and device IDs, the product name (boot menu entry)
 *       and, with --mlx-info, the Mellanox ROM-info block for version
 *       X.Y.Z; pad to 512-byte units, set the image lengths, and make
 *       the $PnP header's and the whole image's byte sums zero.
 *
 *   romfix mrom [same options] FILE PAYLOAD
 *       The same for the prefix alone in FILE, which becomes the stub of
 *       a .mrom: then PAYLOAD (the compressed stream) is appended under
 *       a dummy image header that the BIOS skips, and the stub is told
 *       where it is.
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

struct rom_opts {
	const char *id, *name, *mlx_version;
};

/* Options, then the file names left: their number, or -1. */
static int parse_opts(int argc, char **argv, struct rom_opts *o)
{
	int i;

	for (i = 0; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (!strcmp(argv[i], "--id"))
			o->id = argv[i + 1];
		else if (!strcmp(argv[i], "--name"))
			o->name = argv[i + 1];
		else if (!strcmp(argv[i], "--mlx-info"))
			o->mlx_version = argv[i + 1];
		else
			return -1;
	}
	return i;
}

/* The ROM-info block (romhdr.h): PXE, the version, our own device ID,
 * all ports (0), and Ethernet, since the firmware boots from Ethernet
 * ports only (VPI would promise InfiniBand boot too). */
static void stamp_mlx_info(uint8_t *rom, uint16_t device, const char *version)
{
	unsigned int major, minor, sub;
	uint8_t *info = rom + ROM_MLX_INFO;
	char end;

	if (sscanf(version, "%u.%u.%u%c", &major, &minor, &sub, &end) != 3 ||
	    major > 0xff || minor > 0xff || sub > 0xffff)
		die("--mlx-info wants X.Y.Z (X, Y < 256, Z < 65536)");
	memcpy(info, MLX_INFO_TAG, MLX_INFO_TAG_LEN);
	info += MLX_INFO_TAG_LEN;
	put32(info, MLX_PRODUCT_PXE << 16 | major);
	put32(info + 4, minor << 16 | sub);
	put32(info + 8, (uint32_t)device << 16 | MLX_PROTO_ETH);
}

/* Stamp and size the first image, rom[0..len) (len a multiple of 512),
 * then checksum it. */
static void stamp_image(uint8_t *rom, size_t len, const struct rom_opts *o,
			int last)
{
	uint16_t vendor = 0, device = 0, pcir, pnp;
	size_t units = len / 512;

	if (o->id && parse_id(o->id, &vendor, &device) != 0)
		die("--id wants 8 hex digits, vendor then device");
	if (len < ROM_MLX_INFO + MLX_INFO_SIZE || get16(rom) != ROM_SIGNATURE)
		die("not an expansion ROM image");
	pcir = get16(rom + ROM_PCIR_PTR);
	pnp = get16(rom + ROM_PNP_PTR);
	if ((size_t)pcir + PCIR_SIZE > len ||
	    get32(rom + pcir) != PCIR_SIGNATURE ||
	    (size_t)pnp + PNP_SIZE > len || get32(rom + pnp) != PNP_SIGNATURE ||
	    get16(rom + pnp + PNP_PRODUCT) != ROM_PRODUCT)
		die("ROM headers not where romhdr.h says");

	if (o->id) {
		put16(rom + pcir + PCIR_VENDOR, vendor);
		put16(rom + pcir + PCIR_DEVICE, device);
	}
	if (o->name) {
		/* Room for the PCI address that POST appends. */
		if (strlen(o->name) > ROM_PRODUCT_SIZE - ROM_PCI_SUFFIX_LEN - 1)
			die("--name too long");
		memset(rom + ROM_PRODUCT, 0, ROM_PRODUCT_SIZE);
		memcpy(rom + ROM_PRODUCT, o->name, strlen(o->name));
	}
	if (o->mlx_version)
		stamp_mlx_info(rom, get16(rom + pcir + PCIR_DEVICE),
			       o->mlx_version);

	if (len > ROM_MAX_SIZE)
		die("image too big for an expansion ROM");
	rom[ROM_SIZE] = units;
	put16(rom + pcir + PCIR_IMAGE_LEN, units);
	/* Without PMM the whole image stays in the option-ROM area. */
	put16(rom + pcir + PCIR_RUNTIME_LEN, units);
	if (!last)
		rom[pcir + PCIR_INDICATOR] &= ~PCIR_LAST_IMAGE;

	rom[pnp + PNP_CHECKSUM] = 0;
	rom[pnp + PNP_CHECKSUM] = -sum(rom + pnp, rom[pnp + PNP_LENGTH] * 16);
	rom[ROM_CHECKSUM] = 0;
	rom[ROM_CHECKSUM] = -sum(rom, len);
	printf("romfix: %s: %04x:%04x \"%.*s\", %zu bytes\n", file_name,
	       get16(rom + pcir + PCIR_VENDOR),
	       get16(rom + pcir + PCIR_DEVICE), ROM_PRODUCT_SIZE,
	       (char *)rom + ROM_PRODUCT, len);
}

static int fix_rom(int argc, char **argv)
{
	struct rom_opts o = { 0 };
	int i = parse_opts(argc, argv, &o);
	uint8_t *rom;
	size_t len;

	if (i < 0 || i + 1 != argc)
		return 2;
	file_name = argv[i];
	rom = read_file(&len, 512);
	len = (len + 511) / 512 * 512;		/* the padding is zeros */
	stamp_image(rom, len, &o, 1);
	write_file(rom, len);
	free(rom);
	return 0;
}

/* The dummy image at rom[0..) that holds the payload: a ROM header and
 * a PCIR whose code type no BIOS runs, spanning the rest of the file. */
static void put_dummy_image(uint8_t *rom, size_t units, const uint8_t *stub)
{
	uint8_t *pcir = rom + ROM_PCIR;
	uint16_t stub_pcir = get16(stub + ROM_PCIR_PTR);

	put16(rom, ROM_SIGNATURE);
	rom[ROM_SIZE] = 1;		/* some BIOSes dislike 0 here */
	put16(rom + ROM_PCIR_PTR, ROM_PCIR);
	put32(pcir, PCIR_SIGNATURE);
	put16(pcir + PCIR_VENDOR, get16(stub + stub_pcir + PCIR_VENDOR));
	put16(pcir + PCIR_DEVICE, get16(stub + stub_pcir + PCIR_DEVICE));
	put16(pcir + PCIR_LENGTH, PCIR_SIZE);
	pcir[PCIR_REVISION] = 3;
	memcpy(pcir + PCIR_CLASS, stub + stub_pcir + PCIR_CLASS, 3);
	put16(pcir + PCIR_IMAGE_LEN, units);
	pcir[PCIR_CODE_TYPE] = PCIR_CODE_NONE;
	pcir[PCIR_INDICATOR] = PCIR_LAST_IMAGE;
}

static int fix_mrom(int argc, char **argv)
{
	struct rom_opts o = { 0 };
	int i = parse_opts(argc, argv, &o);
	uint8_t *rom, *payload;
	size_t stub_len, payload_len, dummy_units, len;

	if (i < 0 || i + 2 != argc)
		return 2;
	file_name = argv[i + 1];
	payload = read_file(&payload_len, 0);
	if (payload_len < CXZ_HDR_SIZE || get32(payload) != CXZ_MAGIC)
		die("not a compressed stream");
	file_name = argv[i];
	dummy_units = (MROM_DUMMY_SIZE + payload_len + 511) / 512;
	if (dummy_units > MROM_MAX_UNITS)
		die("payload too big");
	rom = read_file(&stub_len, 511 + dummy_units * 512);
	stub_len = (stub_len + 511) / 512 * 512;
	len = stub_len + dummy_units * 512;

	put32(rom + ROM_MROM_OFFSET, stub_len + MROM_DUMMY_SIZE);
	put32(rom + ROM_MROM_LENGTH, payload_len);
	stamp_image(rom, stub_len, &o, 0);
	put_dummy_image(rom + stub_len, dummy_units, rom);
	memcpy(rom + stub_len + MROM_DUMMY_SIZE, payload, payload_len);
	write_file(rom, len);
	printf("romfix: %s: stub %zu bytes, whole %zu bytes\n", file_name,
	       stub_len, len);
	free(payload);
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
	else if (argc >= 2 && !strcmp(argv[1], "mrom"))
		rc = fix_mrom(argc - 2, argv + 2);
	else if (argc >= 2 && !strcmp(argv[1], "lkrn"))
		rc = fix_lkrn(argc - 2, argv + 2);
	if (rc == 2)
		fprintf(stderr, "usage: romfix rom [--id VVVVDDDD] "
			"[--name NAME] [--mlx-info X.Y.Z] FILE\n"
			"       romfix mrom [same options] FILE PAYLOAD\n"
			"       romfix lkrn FILE\n");
	return rc;
}
