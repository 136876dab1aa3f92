/* The line editor.  Redraws from the cursor on each change using only
 * backspace and "erase to end of line", which every console we drive
 * understands. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/console.h>
#include <cxboot/readline.h>

#define LINE_MAX 1024

struct editor {
	char buf[LINE_MAX];
	size_t len, cursor;
	bool echo;
	bool secret;		/* the line's characters show as '*' */
};

static void ed_out(const struct editor *ed, const char *s, size_t n)
{
	if (ed->echo)
		while (n--)
			putchar(*s++);
}

/* Characters of the line itself. */
static void ed_text(const struct editor *ed, const char *s, size_t n)
{
	if (!ed->secret) {
		ed_out(ed, s, n);
		return;
	}
	while (n--)
		ed_out(ed, "*", 1);
}

/* Redraw from the cursor to the end, then move back to the cursor. */
static void ed_refresh_tail(struct editor *ed)
{
	ed_text(ed, ed->buf + ed->cursor, ed->len - ed->cursor);
	ed_out(ed, "\x1b[K", 3);
	for (size_t i = ed->cursor; i < ed->len; i++)
		ed_out(ed, "\b", 1);
}

static void ed_move(struct editor *ed, size_t to)
{
	while (ed->cursor > to) {
		ed_out(ed, "\b", 1);
		ed->cursor--;
	}
	if (to > ed->cursor) {
		ed_text(ed, ed->buf + ed->cursor, to - ed->cursor);
		ed->cursor = to;
	}
}

static void ed_insert(struct editor *ed, char c)
{
	if (ed->len + 1 >= LINE_MAX)
		return;
	memmove(ed->buf + ed->cursor + 1, ed->buf + ed->cursor,
		ed->len - ed->cursor);
	ed->buf[ed->cursor] = c;
	ed->len++;
	ed_text(ed, &c, 1);
	ed->cursor++;
	ed_refresh_tail(ed);
}

static void ed_delete(struct editor *ed)
{
	if (ed->cursor == ed->len)
		return;
	memmove(ed->buf + ed->cursor, ed->buf + ed->cursor + 1,
		ed->len - ed->cursor - 1);
	ed->len--;
	ed_refresh_tail(ed);
}

static void ed_replace(struct editor *ed, const char *text)
{
	ed_move(ed, 0);
	ed->len = strnlen(text, LINE_MAX - 1);
	memcpy(ed->buf, text, ed->len);
	ed->cursor = 0;
	ed_refresh_tail(ed);
	ed_move(ed, ed->len);
}

static void history_add(struct history *h, const char *line)
{
	unsigned int last = (h->next + HISTORY_SIZE - 1) % HISTORY_SIZE;

	if (!*line || (h->lines[last] && strcmp(h->lines[last], line) == 0))
		return;
	free(h->lines[h->next]);
	h->lines[h->next] = strdup(line);
	h->next = (h->next + 1) % HISTORY_SIZE;
}

/* The history line `back` steps before the newest, or NULL. */
static const char *history_get(struct history *h, unsigned int back)
{
	if (!h || back == 0 || back > HISTORY_SIZE)
		return NULL;
	return h->lines[(h->next + HISTORY_SIZE - back) % HISTORY_SIZE];
}

static char *readline_edit(const char *prompt, const char *initial,
			   struct history *history, bool secret, int *rc);

char *readline_history(const char *prompt, const char *initial,
		       struct history *history, int *rc)
{
	return readline_edit(prompt, initial, history, false, rc);
}

char *readline_secret(const char *prompt, int *rc)
{
	return readline_edit(prompt, NULL, NULL, true, rc);
}

static char *readline_edit(const char *prompt, const char *initial,
			   struct history *history, bool secret, int *rc)
{
	struct editor ed = { .len = 0, .cursor = 0,
			     .echo = console_interactive, .secret = secret };
	unsigned int back = 0;
	char *line;

	if (ed.echo && prompt)
		printf("%s", prompt);
	if (initial)
		ed_replace(&ed, initial);
	for (;;) {
		int key = getkey();
		const char *h;

		switch (key) {
		case KEY_EOF:
			if (ed.len)
				goto done;
			*rc = -EPIPE;
			return NULL;
		case CTRL('C'):
			ed_out(&ed, "\n", 1);
			*rc = -ECANCELED;
			return NULL;
		case '\r':
		case '\n':
			goto done;
		case '\b':
		case 0x7f:
			if (ed.cursor) {
				ed_move(&ed, ed.cursor - 1);
				ed_delete(&ed);
			}
			break;
		case KEY_DELETE:
		case CTRL('D'):
			ed_delete(&ed);
			break;
		case KEY_LEFT:
		case CTRL('B'):
			if (ed.cursor)
				ed_move(&ed, ed.cursor - 1);
			break;
		case KEY_RIGHT:
		case CTRL('F'):
			if (ed.cursor < ed.len)
				ed_move(&ed, ed.cursor + 1);
			break;
		case KEY_HOME:
		case CTRL('A'):
			ed_move(&ed, 0);
			break;
		case KEY_END:
		case CTRL('E'):
			ed_move(&ed, ed.len);
			break;
		case CTRL('K'):
			ed.len = ed.cursor;
			ed_refresh_tail(&ed);
			break;
		case CTRL('U'):
			ed_replace(&ed, "");
			break;
		case KEY_UP:
			if ((h = history_get(history, back + 1))) {
				back++;
				ed_replace(&ed, h);
			}
			break;
		case KEY_DOWN:
			if (back > 0) {
				back--;
				h = history_get(history, back);
				ed_replace(&ed, h ? h : "");
			}
			break;
		default:
			if (key >= 0x20 && key < 0x7f)
				ed_insert(&ed, key);
			break;
		}
	}
done:
	ed_out(&ed, "\n", 1);
	ed.buf[ed.len] = '\0';
	line = strdup(ed.buf);
	if (!line) {
		*rc = -ENOMEM;
		return NULL;
	}
	if (history)
		history_add(history, line);
	*rc = 0;
	return line;
}
