/* The C side of the expansion ROM (arch/x86/prefix/romprefix.S): the
 * boot entry, reached through pm_call when the BIOS boots from us, and
 * what the prefix hands over (prefix.h).
 *
 * The initialisation code at POST left its findings in the ROM header,
 * which the boot entry copied to base memory with the rest of the
 * resident part: prefix_area() is that copy (offsets in romhdr.h). */
#include <stdio.h>
#include <string.h>
#include <config/general.h>
#include <cxboot/image.h>
#include <cxboot/pci.h>
#include <net/netdevice.h>
#include <usr/autoboot.h>
#include <usr/shell.h>
#include <bios.h>
#include <hidemem.h>
#include <prefix.h>
#include <romhdr.h>

static const uint8_t *rom_header(void)
{
	return prefix_area();
}

static uint16_t rom_busdevfn(void)
{
	const uint8_t *rom = rom_header();

	return rom[ROM_BUSDEVFN] | rom[ROM_BUSDEVFN + 1] << 8;
}

/* Our own NIC, which autoboot tries before the others: the PCI
 * function the BIOS initialised us for. */
static struct net_device *rom_netdev(void)
{
	uint16_t bdf = rom_busdevfn();
	struct net_device *netdev;

	for_each_netdev(netdev) {
		if (netdev->bus.type == NETDEV_BUS_PCI && netdev->bus.bdf == bdf)
			return netdev;
	}
	return NULL;
}

/* The banner's list of this adapter's ports, each with its address. */
static void show_own_ports(void)
{
	uint16_t bdf = rom_busdevfn();
	struct net_device *netdev;

	for_each_netdev(netdev) {
		if (netdev->bus.type == NETDEV_BUS_PCI && netdev->bus.bdf == bdf)
			printf("  %s: %s (port %u)\n", netdev->name,
			       netdev->ll_protocol->ntoa(netdev->ll_addr),
			       netdev->bus.port);
	}
}

void prefix_reserve(void)
{
}

const char *prefix_cmdline(void)
{
	return "";
}

struct image *prefix_script(void)
{
	return NULL;
}

/* x86_main is not the ROM's way in: rom_bev() is, and it returns to
 * the BIOS by itself. */
bool prefix_can_return(void)
{
	return false;
}

uint16_t prefix_return(int status __unused)
{
	return 0;
}

/* The boot entry (called from romprefix.S).  Ctrl-B, pressed at POST
 * or now, opens the shell; otherwise autoboot.  Returning hands the
 * machine back to the BIOS, which then tries its next boot device. */
void rom_bev(struct bios_regs *regs __unused)
{
	const char *product = (const char *)rom_header() + ROM_PRODUCT;
	bool shell_wanted = rom_header()[ROM_FLAGS] & ROM_FLAG_CTRL_B;

	autoboot_preferred = rom_netdev;
	run_init_fns();
	printf("%.*s starting\n", ROM_PRODUCT_SIZE, product);
	show_own_ports();
	if (!shell_wanted) {
		autoboot_prepare();   /* the link comes up during the wait */
		shell_wanted = shell_banner(BANNER_TIMEOUT_SEC);
	}
	if (shell_wanted)
		shell();
	else
		autoboot();
	/* Nothing may keep writing into memory that is no longer ours. */
	pci_remove_all();
	hidemem_remove();
	printf("Returning to the BIOS\n");
}
