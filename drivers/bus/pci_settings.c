/* The "pci" settings scope: ${pci/BUSDEVFN.OFFSET.LENGTH} reads LENGTH
 * bytes of a PCI function's configuration space, as a big-endian value
 * shown as hex by default (${pci/${addr}.0.2} is the vendor ID). */
#include <errno.h>
#include <cxboot/pci.h>
#include <cxboot/settings.h>

static int pci_settings_fetch(struct settings *s, struct setting *setting,
			      void *data, size_t len)
{
	uint32_t bdf = setting->tag >> 16;
	unsigned int offset = setting->tag >> 8 & 0xff;
	unsigned int count = setting->tag & 0xff;
	uint8_t *out = data;

	if (setting->tag <= 0xffff || offset + count > 256)
		return -ENOENT;
	/* Configuration space is little-endian; settings are not. */
	for (unsigned int i = 0; out && i < count && i < len; i++)
		out[i] = pci_arch_read(bdf, offset + count - 1 - i, 1);
	if (!setting->type)
		setting->type = &setting_type_hexraw;
	return count;
}

static const struct settings_ops pci_settings_ops = {
	.fetch = pci_settings_fetch,
};
static struct settings pci_settings;

static void pci_settings_init(void)
{
	settings_init(&pci_settings, &pci_settings_ops, NULL, 100);
	pci_settings.scoped_only = true;
	register_settings(&pci_settings, settings_root(), "pci");
}
INIT_FN(pci_settings_init_fn, INIT_EARLY, pci_settings_init);
