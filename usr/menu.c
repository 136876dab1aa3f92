/* Script menus (see <usr/menu.h>). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/console.h>
#include <usr/menu.h>

#define SCREEN_COLS 80
#define FIRST_ROW 3		/* rows 1-2: title and a blank line */
#define VISIBLE_ROWS 20

static LIST_HEAD(menus);

struct menu *find_menu(const char *name)
{
	struct menu *menu;

	list_for_each_entry(menu, &menus, list) {
		if (strcmp(menu->name, name ? name : "") == 0)
			return menu;
	}
	return NULL;
}

struct menu *create_menu(const char *name, const char *title)
{
	struct menu *menu = find_menu(name);

	if (menu)
		destroy_menu(menu);
	menu = zalloc(sizeof(*menu));
	if (!menu)
		return NULL;
	menu->name = strdup(name ? name : "");
	menu->title = strdup(title ? title : "");
	INIT_LIST_HEAD(&menu->items);
	if (!menu->name || !menu->title) {
		free(menu->name);
		free(menu->title);
		free(menu);
		return NULL;
	}
	list_add_tail(&menu->list, &menus);
	return menu;
}

int add_menu_item(struct menu *menu, const char *label, const char *text,
		  int key, bool is_default)
{
	struct menu_item *item = zalloc(sizeof(*item));

	if (!item)
		return -ENOMEM;
	item->label = label ? strdup(label) : NULL;
	item->text = strdup(text ? text : "");
	item->key = key;
	item->is_default = is_default;
	if ((label && !item->label) || !item->text) {
		free(item->label);
		free(item->text);
		free(item);
		return -ENOMEM;
	}
	list_add_tail(&item->list, &menu->items);
	return 0;
}

void destroy_menu(struct menu *menu)
{
	struct menu_item *item, *tmp;

	list_for_each_entry_safe(item, tmp, &menu->items, list) {
		list_del(&item->list);
		free(item->label);
		free(item->text);
		free(item);
	}
	list_del(&menu->list);
	free(menu->name);
	free(menu->title);
	free(menu);
}

/* ---- showing ---- */

/* The items in an array, for moving by index. */
struct view {
	struct menu_item **items;
	unsigned int count, selected, top;
};

static void draw_item(struct view *v, unsigned int i)
{
	struct menu_item *item = v->items[i];
	bool selected = i == v->selected;

	printf("\x1b[%u;1H\x1b[K", FIRST_ROW + i - v->top);
	if (selected)
		printf("\x1b[7m");
	printf("%s%-*s", item->label ? "  " : "", SCREEN_COLS - 4,
	       item->text);
	if (selected)
		printf("\x1b[0m");
}

static void draw_items(struct view *v)
{
	for (unsigned int i = v->top; i < v->count &&
	     i < v->top + VISIBLE_ROWS; i++)
		draw_item(v, i);
}

static void draw_menu(struct menu *menu, struct view *v)
{
	size_t len = strlen(menu->title);

	printf("\x1b[0m\x1b[2J\x1b[1;%uH%s",
	       (unsigned int)(len < SCREEN_COLS ? (SCREEN_COLS - len) / 2 + 1 :
			      1), menu->title);
	draw_items(v);
}

/* Select item i, scrolling if it is outside the window. */
static void select_item(struct view *v, unsigned int i)
{
	unsigned int old = v->selected;

	v->selected = i;
	if (i < v->top || i >= v->top + VISIBLE_ROWS) {
		v->top = i < v->top ? i : i + 1 - VISIBLE_ROWS;
		draw_items(v);
		return;
	}
	draw_item(v, old);
	draw_item(v, i);
}

/* Move to the nearest selectable item from start in direction dir
 * (start itself included), if there is one. */
static void move_from(struct view *v, int start, int dir)
{
	for (int i = start; i >= 0 && i < (int)v->count; i += dir) {
		if (v->items[i]->label) {
			select_item(v, i);
			return;
		}
	}
}

static int first_selectable(struct view *v, const char *default_label)
{
	int first = -1, marked = -1;

	for (unsigned int i = 0; i < v->count; i++) {
		struct menu_item *item = v->items[i];

		if (!item->label)
			continue;
		if (default_label && strcmp(item->label, default_label) == 0)
			return i;
		if (first < 0)
			first = i;
		if (item->is_default && marked < 0)
			marked = i;
	}
	return marked >= 0 ? marked : first;
}

/* Read keys until a choice is made; returns the item's index or a
 * negative error. */
static int interact(struct view *v, unsigned long timeout_ms,
		    unsigned long retimeout_ms)
{
	for (;;) {
		bool timed = timeout_ms != 0;
		int key = getkey_timeout(timeout_ms);

		/* A key restarts the countdown at retimeout (0: none). */
		timeout_ms = retimeout_ms;
		switch (key) {
		case KEY_NONE:
			return v->selected;
		case KEY_EOF:
			/* Nobody will ever answer: as good as a timeout. */
			return timed ? (int)v->selected : -ECANCELED;
		case KEY_UP:
			move_from(v, (int)v->selected - 1, -1);
			continue;
		case KEY_DOWN:
			move_from(v, v->selected + 1, 1);
			continue;
		case KEY_HOME:
			move_from(v, 0, 1);
			continue;
		case KEY_END:
			move_from(v, v->count - 1, -1);
			continue;
		case '\r':
		case '\n':
			return v->selected;
		case 0x1b:
		case CTRL('C'):
			return -ECANCELED;
		}
		for (unsigned int i = 0; i < v->count; i++) {
			if (v->items[i]->label && v->items[i]->key == key)
				return i;
		}
	}
}

int show_menu(struct menu *menu, const char *default_label,
	      unsigned long timeout_ms, unsigned long retimeout_ms,
	      struct menu_item **chosen)
{
	struct view v = { 0 };
	struct menu_item *item;
	int start, rc;

	list_for_each_entry(item, &menu->items, list)
		v.count++;
	v.items = malloc((v.count + 1) * sizeof(*v.items));
	if (!v.items)
		return -ENOMEM;
	v.count = 0;
	list_for_each_entry(item, &menu->items, list)
		v.items[v.count++] = item;
	start = first_selectable(&v, default_label);
	if (start < 0) {
		free(v.items);
		return -ENOENT;
	}
	v.selected = start;
	v.top = v.selected >= VISIBLE_ROWS ? v.selected + 1 - VISIBLE_ROWS : 0;
	draw_menu(menu, &v);
	rc = interact(&v, timeout_ms, retimeout_ms);
	printf("\x1b[0m\x1b[2J\x1b[1;1H");
	if (rc >= 0)
		*chosen = v.items[rc];
	free(v.items);
	return rc < 0 ? rc : 0;
}
