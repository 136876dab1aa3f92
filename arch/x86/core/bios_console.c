/* The PC screen and keyboard through the BIOS.
 *
 * Output is INT 10h teletype, plus the one ANSI sequence the line editor
 * and progress lines use, ESC [ K (erase to end of line); other escape
 * sequences are swallowed.  Input is INT 16h; cursor keys come back as
 * the ANSI sequences (ESC [ A ...) that the console core decodes. */
#include <string.h>
#include <cxboot/console.h>
#include <bios.h>

#define ATTR_NORMAL 0x07	/* light grey on black */

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

static void teletype(uint8_t c)
{
	struct bios_regs r = { .eax = 0x0e00 | c,
				.ebx = page << 8 | ATTR_NORMAL };

	if (!screen_known)
		screen_learn();
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

static enum { PLAIN, ESCAPE, CSI } out_state;
static unsigned int csi_arg;

static void bios_putchar(int c)
{
	switch (out_state) {
	case ESCAPE:
		out_state = c == '[' ? CSI : PLAIN;
		csi_arg = 0;
		return;
	case CSI:
		if (c >= '0' && c <= '9') {
			csi_arg = csi_arg * 10 + (c - '0');
			return;
		}
		if (c == ';' || c == '?')
			return;
		out_state = PLAIN;
		if (c == 'K' && csi_arg == 0)
			erase_to_eol();
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
