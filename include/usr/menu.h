/* Menus for scripts (menu, item, choose): named lists of items shown
 * as a full-screen text menu on the console (ANSI cursor positioning,
 * reverse video for the selection). */
#ifndef USR_MENU_H
#define USR_MENU_H
#include <cxboot/list.h>

struct menu_item {
	struct list_head list;
	char *label;		/* NULL for a gap (a line of text only) */
	char *text;
	int key;		/* hot key, 0 for none */
	bool is_default;
};

struct menu {
	struct list_head list;
	char *name;		/* "" for the unnamed menu */
	char *title;
	struct list_head items;
};

/* The menu called name (NULL: the unnamed one), or NULL. */
struct menu *find_menu(const char *name);
/* A new empty menu, replacing any of the same name. */
struct menu *create_menu(const char *name, const char *title);
int add_menu_item(struct menu *menu, const char *label, const char *text,
		  int key, bool is_default);
void destroy_menu(struct menu *menu);
/* Show the menu and let the user choose (arrows, Home/End, hot keys,
 * Enter; Esc or Ctrl-C cancel).  After timeout_ms without a key (0: no
 * timeout), or when input has ended, the default is chosen; a key
 * starts the wait again with retimeout_ms (0: no timeout any more).
 * Returns 0 with *chosen set, -ECANCELED or -ENOENT (nothing to
 * choose). */
int show_menu(struct menu *menu, const char *default_label,
	      unsigned long timeout_ms, unsigned long retimeout_ms,
	      struct menu_item **chosen);

#endif
