/* memmap: the memory map as a program started now would get it from
 * the BIOS (INT 15h E820, and the sizes E801h and 88h give), the
 * firmware's own memory left out. */
#include <errno.h>
#include <stdio.h>
#include <usr/parseopt.h>
#include <usr/shell.h>
#include <bios.h>
#include <memmap.h>

static const char *type_name(uint32_t type)
{
	static const char *const names[] = {
		[1] = "usable", [2] = "reserved", [3] = "ACPI data",
		[4] = "ACPI NVS", [5] = "unusable", [7] = "persistent",
	};

	return type < ARRAY_SIZE(names) && names[type] ? names[type] : NULL;
}

/* The older sizes that some loaders still ask for. */
static void show_e801_88(void)
{
	struct bios_regs r = { .eax = 0xe801 };

	bios_int(0x15, &r);
	if (!(r.eflags & EFLAGS_CF))
		printf("E801: %u KiB from 1 MiB, %u x 64 KiB from 16 MiB\n",
		       r.eax & 0xffff, r.ebx & 0xffff);
	r = (struct bios_regs){ .eax = 0x8800 };
	bios_int(0x15, &r);
	if (!(r.eflags & EFLAGS_CF))
		printf("88: %u KiB from 1 MiB\n", r.eax & 0xffff);
}

static int memmap_exec(int argc, char **argv)
{
	int i = parse_options(argc, argv, NULL, 0, "", 0, 0);
	struct e820_entry e;
	uint32_t cont = 0;
	unsigned int n = 0;

	if (i < 0)
		return i;
	while (n < 128 && e820_next(&cont, &e) == 0) {
		const char *name = type_name(e.type);

		printf("[mem 0x%016llx-0x%016llx] ", (unsigned long long)e.base,
		       (unsigned long long)(e.base + e.len - 1));
		if (name)
			printf("%s\n", name);
		else
			printf("type %u\n", e.type);
		n++;
		if (!cont)
			break;
	}
	if (!n) {
		printf("memmap: the BIOS gives no E820 memory map\n");
		return -ENOTSUP;
	}
	show_e801_88();
	return 0;
}
COMMAND(memmap) = { "memmap", memmap_exec };
