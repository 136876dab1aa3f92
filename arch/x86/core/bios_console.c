/* The PC screen and keyboard through the BIOS.
 *
 * Output is INT 10h teletype, with the ANSI subset that menus and the
 * line editor use turned into BIOS calls: ESC [ row ; col H (cursor
 * position), ESC [ J / 2 J (clear to end of screen / whole screen),
 * ESC [ K (erase to end of line) and ESC [ ... m (colours: 0, 1, 7, 27,
 * 30-37, 39, 40-47, 49); other sequences are swallowed.  (The serial
 * console, a driver of its own, passes every sequence through.)  Input
 * is INT 16h; cursor keys come back as the ANSI sequences (ESC [ A ...)
 * that the console core decodes. */
#include <string.h>
#include <cxboot/console.h>
#include <bios.h>

#define ATTR_NORMAL 0x07	/* light grey on black */
#define SCREEN_ROWS 25

/* The attribute written with each character (SGR); ATTR_NORMAL lets
 * teletype alone draw it. */
static uint8_t attr = ATTR_NORMAL;
static bool reverse;

/* Where the cursor is and how much of its row may hold text, so that
 * erasing to the end of the line costs one BIOS call, and none at all
 * when the line editor erases an already blank rest of line (redirected
 * consoles turn each erase into a row of spaces on the wire).  Learnt
 * from the BIOS once, then followed through our own output. */
static bool screen_known;
static unsigned int page, cols, cur_col, dirty_end;

static void screen_learn(void)
{
	struct bios_regs r = { .eax = 0x0f00 };	/* get video mode */

	bios_int(0x10, &r);
	cols = (r.eax >> 8) & 0xff;
	page = (r.ebx >> 8) & 0xff;
	r = (struct bios_regs){ .eax = 0x0300, .ebx = page << 8 };
	bios_int(0x10, &r);			/* cursor: DH row, DL column */
	cur_col = r.edx & 0xff;
	dirty_end = cols;			/* unknown: assume text */
	screen_known = true;
}

/* The attribute as drawn: reverse video swaps the colours. */
static uint8_t drawn_attr(void)
{
	return reverse ? (uint8_t)(attr << 4 | attr >> 4) : attr;
}

static void teletype(uint8_t c)
{
	struct bios_regs r = { .eax = 0x0e00 | c,
				.ebx = page << 8 | ATTR_NORMAL };

	if (!screen_known)
		screen_learn();
	/* Teletype keeps a cell's attribute in text modes: write the
	 * character with ours first (AH=09h does not move the cursor). */
	if (drawn_attr() != ATTR_NORMAL && c >= ' ') {
		struct bios_regs w = { .eax = 0x0900 | c,
				       .ebx = page << 8 | drawn_attr(),
				       .ecx = 1 };

		bios_int(0x10, &w);
	}
	bios_int(0x10, &r);
	switch (c) {
	case '\r':
		cur_col = 0;
		break;
	case '\n':
		dirty_end = 0;	/* a new row below our output is blank */
		break;
	case '\b':
		if (cur_col)
			cur_col--;
		break;
	case '\a':
		break;
	default:
		if (++cur_col >= cols) {	/* the BIOS wrapped */
			cur_col = 0;
			dirty_end = 0;
		} else if (cur_col > dirty_end) {
			dirty_end = cur_col;
		}
	}
}

static void erase_to_eol(void)
{
	struct bios_regs r;

	if (!screen_known)
		screen_learn();
	if (cur_col >= dirty_end)
		return;
	/* AH=09h writes CX copies of AL (attribute BL) at the cursor and
	 * leaves the cursor where it is.  (AH=0Ah would keep the old
	 * attributes, but serial redirectors such as SeaBIOS' ignore it.) */
	r = (struct bios_regs){ .eax = 0x0900 | ' ',
				.ebx = page << 8 | ATTR_NORMAL,
				.ecx = dirty_end - cur_col };
	bios_int(0x10, &r);
	dirty_end = cur_col;
}

static void set_cursor(unsigned int row, unsigned int col)
{
	struct bios_regs r = { .eax = 0x0200, .ebx = page << 8,
			       .edx = row << 8 | col };

	if (!screen_known)
		screen_learn();
	bios_int(0x10, &r);
	cur_col = col;
	dirty_end = cols;	/* whatever is on that row */
}

/* Blank rows top..SCREEN_ROWS-1 (AH=06h with AL=0 clears a window). */
static void clear_rows(unsigned int top)
{
	struct bios_regs r = { .eax = 0x0600, .ebx = ATTR_NORMAL << 8,
			       .ecx = top << 8,
			       .edx = (SCREEN_ROWS - 1) << 8 | (cols - 1) };

	if (!screen_known)
		screen_learn();
	if (top < SCREEN_ROWS)
		bios_int(0x10, &r);
}

static unsigned int cursor_row(void)
{
	struct bios_regs r = { .eax = 0x0300, .ebx = page << 8 };

	bios_int(0x10, &r);
	return (r.edx >> 8) & 0xff;
}

/* ANSI colour numbers (black red green yellow blue magenta cyan white)
 * as CGA colours. */
static const uint8_t cga_colour[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };

static void sgr(unsigned int code)
{
	if (code == 0) {
		attr = ATTR_NORMAL;
		reverse = false;
	} else if (code == 1) {
		attr |= 0x08;
	} else if (code == 7 || code == 27) {
		reverse = code == 7;
	} else if (code >= 30 && code <= 37) {
		attr = (attr & 0xf8) | cga_colour[code - 30];
	} else if (code == 39) {
		attr = (attr & 0xf0) | (ATTR_NORMAL & 0x0f);
	} else if (code >= 40 && code <= 47) {
		attr = (attr & 0x8f) | cga_colour[code - 40] << 4;
	} else if (code == 49) {
		attr &= 0x0f;
	}
}

#define MAX_CSI_ARGS 8
static enum { PLAIN, ESCAPE, CSI } out_state;
static unsigned int csi_args[MAX_CSI_ARGS], csi_count;

static void csi_final(int c)
{
	unsigned int a0 = csi_args[0], a1 = csi_args[1];

	switch (c) {
	case 'H':
	case 'f':
		set_cursor(a0 ? a0 - 1 : 0, a1 ? a1 - 1 : 0);
		break;
	case 'J':
		if (a0 == 2) {
			clear_rows(0);
			set_cursor(0, 0);
		} else if (a0 == 0) {
			erase_to_eol();
			clear_rows(cursor_row() + 1);
		}
		break;
	case 'K':
		if (a0 == 0)
			erase_to_eol();
		break;
	case 'm':
		for (unsigned int i = 0; i < csi_count; i++)
			sgr(csi_args[i]);
		break;
	}
}

static void bios_putchar(int c)
{
	switch (out_state) {
	case ESCAPE:
		out_state = c == '[' ? CSI : PLAIN;
		memset(csi_args, 0, sizeof(csi_args));
		csi_count = 1;
		return;
	case CSI:
		if (c >= '0' && c <= '9') {
			unsigned int *a = &csi_args[csi_count - 1];

			*a = *a * 10 + (c - '0');
			return;
		}
		if (c == ';') {
			if (csi_count < MAX_CSI_ARGS)
				csi_count++;
			return;
		}
		if (c == '?')
			return;
		out_state = PLAIN;
		csi_final(c);
		return;
	case PLAIN:
		break;
	}
	if (c == 0x1b) {
		out_state = ESCAPE;
		return;
	}
	if (c == '\n')
		teletype('\r');
	teletype(c);
}

/* BIOS scan codes of the keys without ASCII codes that the line editor
 * knows, and the terminal sequences for them. */
static const struct {
	uint8_t scan;
	const char *seq;
} special_keys[] = {
	{ 0x48, "\x1b[A" },	/* up */
	{ 0x50, "\x1b[B" },	/* down */
	{ 0x4d, "\x1b[C" },	/* right */
	{ 0x4b, "\x1b[D" },	/* left */
	{ 0x47, "\x1b[H" },	/* home */
	{ 0x4f, "\x1b[F" },	/* end */
	{ 0x53, "\x1b[3~" },	/* delete */
};

static char keybuf[8];
static unsigned int key_pos, key_len;

static int bios_iskey(void)
{
	struct bios_regs r;
	uint8_t ascii, scan;

	while (key_pos == key_len) {
		r = (struct bios_regs){ .eax = 0x0100 };  /* key waiting? */
		bios_int(0x16, &r);
		if (r.eflags & EFLAGS_ZF)
			return 0;
		r = (struct bios_regs){ .eax = 0x0000 };  /* take it */
		bios_int(0x16, &r);
		ascii = r.eax & 0xff;
		scan = (r.eax >> 8) & 0xff;
		key_pos = key_len = 0;
		/* Keys without a character come with AL = 0, or E0h for the
		 * separate cursor block of enhanced keyboards. */
		if (ascii && ascii != 0xe0) {
			keybuf[key_len++] = ascii;
			break;
		}
		for (unsigned int i = 0; i < ARRAY_SIZE(special_keys); i++) {
			if (special_keys[i].scan == scan) {
				key_len = strlen(special_keys[i].seq);
				memcpy(keybuf, special_keys[i].seq, key_len);
				break;
			}
		}
		/* Other keys (F1 ...) are dropped. */
	}
	return 1;
}

static int bios_getchar(void)
{
	if (key_pos == key_len && !bios_iskey())
		return -1;
	return (uint8_t)keybuf[key_pos++];
}

CONSOLE(bios_console) = {
	.putchar = bios_putchar,
	.getchar = bios_getchar,
	.iskey = bios_iskey,
};
