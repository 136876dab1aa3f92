/* lspci and pciscan.  lspci: each PCI function present, with its configuration header (the
 * first 64 bytes, four dwords a line under the function's address and
 * the offset), so that a firmware's effect on a device can be seen, and
 * compared, from the shell. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cxboot/settings.h>
#include <cxboot/pci.h>
#include <usr/parseopt.h>
#include <usr/shell.h>

#define PCI_HEADER_DWORDS 16

static void lspci_function(uint32_t bdf)
{
	unsigned int i;

	for (i = 0; i < PCI_HEADER_DWORDS; i++) {
		if (i % 4 == 0)
			printf("%02x:%02x.%x %02x:", PCI_BUS(bdf),
			       PCI_SLOT(bdf), PCI_FUNC(bdf), 4 * i);
		printf(" %08x", pci_arch_read(bdf, 4 * i, 4));
		if (i % 4 == 3)
			printf("\n");
	}
}

static bool present(uint32_t bdf)
{
	return (pci_arch_read(bdf, PCI_VENDOR_ID, 2) & 0xffff) != 0xffff;
}

/* The first function present after bdf (-1: from the start), or -1.
 * Functions 1-7 count only behind a multi-function bit. */
static long next_function(long after)
{
	uint32_t first = after < 0 ? 0 : after + 1;
	uint32_t end = PCI_BDF(pci_arch_buses(), 0, 0);

	for (uint32_t bdf = first; bdf < end; bdf++) {
		uint32_t fn0 = bdf & ~7u;

		if (!present(fn0)) {
			bdf = fn0 + 7;		/* no device in this slot */
			continue;
		}
		if (PCI_FUNC(bdf) &&
		    !(pci_arch_read(fn0, PCI_HEADER_TYPE, 1) & 0x80)) {
			bdf = fn0 + 7;
			continue;
		}
		if (present(bdf))
			return bdf;
	}
	return -1;
}

static int lspci_exec(int argc, char **argv __unused)
{
	if (argc != 1) {
		printf("usage: lspci\n");
		return -EINVAL;
	}
	for (long bdf = next_function(-1); bdf >= 0; bdf = next_function(bdf))
		lspci_function(bdf);
	return 0;
}

COMMAND(lspci) = { "lspci", lspci_exec };

/* pciscan SETTING: the next function after the one the setting holds
 * (from the first when it is unset) goes into it as a 16-bit bus:dev.fn;
 * fails quietly when there are no more. */
static int pciscan_exec(int argc, char **argv)
{
	struct settings *settings;
	struct setting setting;
	unsigned long current;
	char name[128], num[8];
	long next;
	int rc, i = parse_options(argc, argv, NULL, 0, "SETTING", 1, 1);

	if (i < 0)
		return i;
	snprintf(name, sizeof(name), "%s", argv[i]);
	rc = parse_setting_name(name, &settings, &setting,
				&setting_type_uint16);
	if (rc) {
		printf("\"%s\": %s\n", argv[i], strerror(rc));
		return rc;
	}
	if (!setting.type || setting.type == &setting_type_string)
		setting.type = &setting_type_uint16;
	rc = fetch_uint_setting(settings, &setting, &current);
	next = next_function(rc < 0 ? -1 : (long)current);
	if (next < 0)
		return -ENODEV;
	snprintf(num, sizeof(num), "%lu", (unsigned long)next);
	return storef_setting(settings, &setting, num);
}
COMMAND(pciscan) = { "pciscan", pciscan_exec };
