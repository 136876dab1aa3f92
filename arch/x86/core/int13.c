/* SAN drives as BIOS drives (INT 13h).  Not yet: drives are numbered
 * but cannot be booted. */
#include <errno.h>
#include <cxboot/san.h>

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

int arch_san_boot(unsigned int drive)
{
	return -ENOTSUP;
}
