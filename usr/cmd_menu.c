/* menu, item, choose: menus in scripts.
 *
 *   menu Boot menu
 *   item --key l linux   Boot Linux
 *   item --gap           -- tools --
 *   item shell           Shell
 *   choose --default linux --timeout 5000 target && goto ${target}
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/settings.h>
#include <usr/menu.h>
#include <usr/parseopt.h>
#include <usr/shell.h>

static int menu_exec(int argc, char **argv)
{
	const char *name = NULL;
	bool delete = false;
	const struct option_desc opts[] = {
		{ "name", 'n', OPT_ARG, &name },
		{ "delete", 'd', OPT_FLAG, &delete },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
			      "[--name NAME] [--delete] [TITLE...]", 0, -1);
	struct menu *menu;
	char *title;

	if (i < 0)
		return i;
	if (delete) {
		menu = find_menu(name);
		if (!menu) {
			printf("menu: no menu \"%s\"\n", name ? name : "");
			return -ENOENT;
		}
		destroy_menu(menu);
		return 0;
	}
	title = concat_args(argc - i, argv + i);
	menu = title ? create_menu(name, title) : NULL;
	free(title);
	return menu ? 0 : -ENOMEM;
}
COMMAND(menu) = { "menu", menu_exec };

static struct menu *parse_menu(const char *name)
{
	struct menu *menu = find_menu(name);

	if (!menu)
		printf("no menu \"%s\" (use \"menu\" first)\n",
		       name ? name : "");
	return menu;
}

static int item_exec(int argc, char **argv)
{
	const char *menu_name = NULL, *key_text = NULL;
	bool is_default = false, gap = false;
	const struct option_desc opts[] = {
		{ "menu", 'm', OPT_ARG, &menu_name },
		{ "key", 'k', OPT_ARG, &key_text },
		{ "default", 'd', OPT_FLAG, &is_default },
		{ "gap", 'g', OPT_FLAG, &gap },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
		"[--menu MENU] [--key KEY] [--default] [--gap] "
		"[LABEL [TEXT...]]", 0, -1);
	struct menu *menu;
	const char *label = NULL;
	char *text;
	int key = 0, rc;

	if (i < 0)
		return i;
	if (key_text && parse_key(key_text, &key) != 0)
		return -EINVAL;
	if (!(menu = parse_menu(menu_name)))
		return -ENOENT;
	/* Without a label (or with --gap) the line is only text. */
	if (!gap && i < argc)
		label = argv[i++];
	text = concat_args(argc - i, argv + i);
	if (!text)
		return -ENOMEM;
	rc = add_menu_item(menu, label, text, key, is_default);
	free(text);
	return rc;
}
COMMAND(item) = { "item", item_exec };

static int choose_exec(int argc, char **argv)
{
	const char *menu_name = NULL, *def = NULL, *timeout_text = NULL,
		*retimeout_text = NULL;
	bool keep = false;
	const struct option_desc opts[] = {
		{ "menu", 'm', OPT_ARG, &menu_name },
		{ "default", 'd', OPT_ARG, &def },
		{ "timeout", 't', OPT_ARG, &timeout_text },
		{ "retimeout", 'r', OPT_ARG, &retimeout_text },
		{ "keep", 'k', OPT_FLAG, &keep },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
		"[--menu MENU] [--default LABEL] [--timeout MS] "
		"[--retimeout MS] [--keep] SETTING", 1, 1);
	struct settings *settings;
	struct setting setting;
	struct menu_item *chosen;
	unsigned long timeout = 0, retimeout = 0;
	struct menu *menu;
	char name[128];
	int rc;

	if (i < 0)
		return i;
	if (timeout_text && parse_uint(timeout_text, &timeout) != 0)
		return -EINVAL;
	if (retimeout_text && parse_uint(retimeout_text, &retimeout) != 0)
		return -EINVAL;
	if (!(menu = parse_menu(menu_name)))
		return -ENOENT;
	snprintf(name, sizeof(name), "%s", argv[i]);
	rc = parse_setting_name(name, &settings, &setting,
				&setting_type_string);
	if (rc) {
		printf("\"%s\": %s\n", argv[i], strerror(rc));
		return rc;
	}
	/* An empty --default (an unset ${menu}) means none. */
	rc = show_menu(menu, def && *def ? def : NULL, timeout, retimeout,
		       &chosen);
	if (rc == -ENOENT)
		printf("choose: the menu has no items to choose\n");
	if (rc == 0)
		rc = storef_setting(settings, &setting, chosen->label);
	if (!keep)
		destroy_menu(menu);
	return rc;
}
COMMAND(choose) = { "choose", choose_exec };
