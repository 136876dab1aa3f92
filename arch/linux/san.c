/* SAN drives in the hosted build: numbered as a BIOS would number them,
 * but nothing to boot them with; sanread and sanwrite move blocks
 * between a drive and images, for tests.  Their iBFT: ibft.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/image.h>
#include <cxboot/san.h>
#include <usr/parseopt.h>
#include <usr/san.h>
#include <usr/shell.h>

int arch_san_hook(struct san_device *s)
{
	if (!s->drive) {
		s->drive = SAN_DEFAULT_DRIVE;
		while (san_find(s->drive))
			s->drive++;
	}
	return 0;
}

void arch_san_unhook(struct san_device *s)
{
}

/* What a BIOS checks before it jumps to a boot sector; there are no
 * local disks. */
int arch_san_boot(unsigned int drive)
{
	struct san_device *s = san_find(drive);
	uint8_t *sector;
	int rc;

	if (!s)
		return -ENODEV;
	sector = malloc(s->blksize);
	if (!sector)
		return -ENOMEM;
	rc = san_read(s, 0, 1, sector);
	if (rc == 0)
		rc = sector[510] == 0x55 && sector[511] == 0xaa ? -ENOTSUP
								 : -ENOEXEC;
	free(sector);
	return rc;
}

static int parse_drive_option(int argc, char **argv, const char *usage,
			      int nargs, struct san_device **s)
{
	const char *drive_text = NULL;
	const struct option_desc opts[] = {
		{ "drive", 'd', OPT_ARG, &drive_text },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts), usage,
			      nargs, nargs);
	unsigned int drive;
	int rc;

	if (i < 0)
		return i;
	rc = parse_san_drive(drive_text, &drive);
	if (rc)
		return rc;
	*s = san_find(drive);
	if (!*s) {
		printf("No SAN drive %#x\n", drive);
		return -ENODEV;
	}
	return i;
}

static int report(int rc)
{
	if (rc)
		printf("SAN I/O failed: %s\n", strerror(rc));
	return rc;
}

/* sanread [--drive N] LBA COUNT NAME: the blocks as image NAME. */
static int sanread_exec(int argc, char **argv)
{
	struct san_device *s;
	unsigned long lba, count;
	struct image *image;
	int i = parse_drive_option(argc, argv, "[--drive N] LBA COUNT NAME",
				   3, &s);
	int rc;

	if (i < 0)
		return i;
	if (parse_uint(argv[i], &lba) || parse_uint(argv[i + 1], &count))
		return -EINVAL;
	if (count > (64UL << 20) / s->blksize)
		return report(-E2BIG);
	image = alloc_image(NULL);
	if (!image)
		return -ENOMEM;
	image->len = count * s->blksize;
	image->data = malloc(image->len + 1);
	rc = image->data ? image_set_name(image, argv[i + 2]) : -ENOMEM;
	if (rc == 0)
		rc = report(san_read(s, lba, count, image->data));
	if (rc == 0)
		rc = register_image(image);
	image_put(image);
	return rc;
}

/* sanwrite [--drive N] LBA NAME: image NAME (whole blocks) at LBA. */
static int sanwrite_exec(int argc, char **argv)
{
	struct san_device *s;
	unsigned long lba;
	struct image *image;
	int i = parse_drive_option(argc, argv, "[--drive N] LBA NAME", 2, &s);

	if (i < 0)
		return i;
	if (parse_uint(argv[i], &lba))
		return -EINVAL;
	image = find_image(argv[i + 1]);
	if (!image) {
		printf("%s: no such image\n", argv[i + 1]);
		return -ENOENT;
	}
	if (image->len % s->blksize)
		return report(-EINVAL);
	return report(san_write(s, lba, image->len / s->blksize,
				image->data));
}

COMMAND(sanread) = { "sanread", sanread_exec };
COMMAND(sanwrite) = { "sanwrite", sanwrite_exec };
