/* The command line the loader gave the firmware (e.g. the "append" of a
 * boot loader's entry for the .lkrn), as the setting ${cmdline}. */
#include <string.h>
#include <cxboot/settings.h>
#include <prefix.h>

NAMED_SETTING(cmdline_setting) = {
	.name = "cmdline",
	.description = "Command line from the boot loader",
	.type = &setting_type_string,
};

static void cmdline_init(void)
{
	const char *text = prefix_cmdline();

	if (text[0])
		store_setting(NULL, &cmdline_setting, text, strlen(text));
}
INIT_FN(cmdline_init_fn, INIT_LATE, cmdline_init);
