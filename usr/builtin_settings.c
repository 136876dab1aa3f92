/* Settings that describe the firmware and the machine, as iPXE scripts
 * read them: builtin/buildarch, platform, version, product-name, and
 * smbios/manufacturer, product, serial, asset, uuid.  Both blocks hang
 * under the root, so ${platform} and ${smbios/uuid} both work. */
#include <errno.h>
#include <string.h>
#include <config/branding.h>
#include <cxboot/identity.h>
#include <cxboot/settings.h>

NAMED_SETTING(buildarch_setting) = {
	"buildarch", "Build architecture", &setting_type_string, 0 };
NAMED_SETTING(platform_setting) = {
	"platform", "Platform", &setting_type_string, 0 };
NAMED_SETTING(version_setting) = {
	"version", "Firmware version", &setting_type_string, 0 };
NAMED_SETTING(manufacturer_setting) = {
	"manufacturer", "Manufacturer", &setting_type_string, 0 };
NAMED_SETTING(product_setting) = {
	"product", "Product name", &setting_type_string, 0 };
NAMED_SETTING(serial_setting) = {
	"serial", "Serial number", &setting_type_string, 0 };
NAMED_SETTING(asset_setting) = {
	"asset", "Asset tag", &setting_type_string, 0 };
NAMED_SETTING(uuid_setting) = {
	"uuid", "UUID", &setting_type_uuid, 0 };

struct fixed_value {
	const struct setting *setting;
	const void *data;	/* a string unless len is set */
	size_t len;
};

static int fetch_fixed(const struct fixed_value *values, unsigned int n,
		       struct setting *setting, void *data, size_t len)
{
	for (unsigned int i = 0; i < n; i++) {
		const struct fixed_value *v = &values[i];
		size_t vlen;

		if (!setting_cmp(setting, v->setting) || !v->data)
			continue;
		vlen = v->len ? v->len : strlen(v->data);
		if (data)
			memcpy(data, v->data, MIN(len, vlen));
		if (!setting->type)
			setting->type = v->setting->type;
		return vlen;
	}
	return -ENOENT;
}

static int builtin_fetch(struct settings *s, struct setting *setting,
			 void *data, size_t len)
{
	const struct fixed_value values[] = {
#ifdef __x86_64__
		{ &buildarch_setting, "x86_64", 0 },
#else
		{ &buildarch_setting, "i386", 0 },
#endif
		{ &platform_setting, platform_identity()->platform, 0 },
		{ &version_setting, VERSION, 0 },
	};

	return fetch_fixed(values, ARRAY_SIZE(values), setting, data, len);
}

static int smbios_fetch(struct settings *s, struct setting *setting,
			void *data, size_t len)
{
	const struct platform_identity *id = platform_identity();
	const struct fixed_value values[] = {
		{ &manufacturer_setting, id->manufacturer, 0 },
		{ &product_setting, id->product, 0 },
		{ &serial_setting, id->serial, 0 },
		{ &asset_setting, id->asset, 0 },
		{ &uuid_setting, id->uuid, 16 },
	};

	return fetch_fixed(values, ARRAY_SIZE(values), setting, data, len);
}

static const struct settings_ops builtin_ops = { .fetch = builtin_fetch };
static const struct settings_ops smbios_ops = { .fetch = smbios_fetch };
static struct settings builtin_block, smbios_block;

static void builtin_settings_init(void)
{
	settings_init(&builtin_block, &builtin_ops, NULL, 100);
	settings_init(&smbios_block, &smbios_ops, NULL, 100);
	register_settings(&builtin_block, settings_root(), "builtin");
	register_settings(&smbios_block, settings_root(), "smbios");
}
INIT_FN(builtin_settings_init_fn, INIT_EARLY, builtin_settings_init);
