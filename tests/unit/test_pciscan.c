/* pciscan and the "pci" settings scope against a simulated function,
 * and the busdevfn type and three-part setting tags they rely on. */
#include <errno.h>
#include <stdlib.h>
#include <cxboot/pci.h>
#include <cxboot/settings.h>
#include <usr/shell.h>
#include <sim_pci.h>
#include "test.h"

/* Vendor 1234h, device 5678h, class bytes 02 00 00 at 08h..0Bh. */
static uint32_t cfg_read(struct sim_pci *fn, unsigned int reg,
			 unsigned int size)
{
	static const uint32_t cfg[4] = { 0x56781234, 0, 0x02000001, 0 };
	uint32_t v = reg < 16 ? cfg[reg / 4] >> (reg % 4 * 8) : 0;

	return size == 4 ? v : v & ((1u << (size * 8)) - 1);
}

static void cfg_write(struct sim_pci *fn, unsigned int reg,
		      unsigned int size, uint32_t v)
{
}

static const struct sim_pci_ops ops = {
	.cfg_read = cfg_read, .cfg_write = cfg_write,
};
static struct sim_pci fn = { .bdf = PCI_BDF(0, 3, 0), .op = &ops };

/* Whichever test runs first attaches the function. */
static void attach(void)
{
	static bool attached;

	if (!attached)
		ok(sim_pci_register(&fn) == 0);
	attached = true;
}

static const char *expand(const char *text)
{
	static char out[128];
	char *s = expand_settings(text);

	snprintf(out, sizeof(out), "%s", s ? s : "(null)");
	free(s);
	return out;
}

UNIT_TEST(pci_settings_scope)
{
	attach();
	ok_str(expand("${pci/24.0.2}"), "1234");
	ok_str(expand("${pci/0x18.2.2}"), "5678");
	ok_str(expand("${pci/24.8.4:hex}"), "02:00:00:01");
	/* Only when named: the scope's numbers mean nothing elsewhere. */
	ok_str(expand("${24.0.2}"), "");
	system("set t_addr:uint16 24");
	ok_str(expand("${t_addr:busdevfn}"), "00:03.0");
	ok_str(expand("${pci/${t_addr}.0.2}"), "1234");
	system("clear t_addr");
}

UNIT_TEST(pciscan_walks_functions)
{
	char *found;

	attach();
	system("clear t_a");
	/* Walk every function; ours must be among them, in order. */
	system("set t_n 0");
	for (int i = 0; i < 64 && system("pciscan t_a") == 0; i++) {
		found = expand_settings("${t_a:busdevfn}=${pci/${t_a}.0.2}");
		if (found && strcmp(found, "00:03.0=1234") == 0)
			system("inc t_n");
		free(found);
	}
	ok_str(expand("${t_n}"), "1");
	ok(system("pciscan t_a") != 0);	/* no more: fails */
	system("clear t_a");
	system("clear t_n");
}

UNIT_TEST(busdevfn_type)
{
	const struct setting_type *t = find_setting_type("busdevfn");
	uint8_t raw[4];
	char buf[32];

	ok(t != NULL);
	if (!t)
		return;
	ok(t->parse(t, "00:1d.2", raw, sizeof(raw)) == 2);
	ok(raw[0] == 0x00 && raw[1] == 0xea);
	ok(t->format(t, raw, 2, buf, sizeof(buf)) == 7);
	ok_str(buf, "00:1d.2");
	ok(t->parse(t, "0001:02:03.4", raw, sizeof(raw)) == 4);
	ok(t->format(t, raw, 4, buf, sizeof(buf)) > 0);
	ok_str(buf, "0001:02:03.4");
	ok(t->parse(t, "00:20.0", raw, sizeof(raw)) == -EINVAL);
	ok(t->parse(t, "00:1f.8", raw, sizeof(raw)) == -EINVAL);
}
