/* Console multiplexing and key decoding. */
#include <stdio.h>
#include <string.h>
#include <cxboot/console.h>
#include <cxboot/process.h>
#include <cxboot/timer.h>

/* Asking a BIOS for keys costs a mode switch: poll the drivers at most
 * this often.  Short enough that keys typed over a serial line do not
 * overflow the BIOS's buffer. */
#define POLL_INTERVAL_TICKS 2
#define ESCAPE_WAIT_TICKS 50

bool console_interactive = true;

/* One byte of look-ahead, so a caller can peek for Ctrl-C without
 * swallowing the next command of piped input. */
static int pending = -1;

int putchar(int c)
{
	for_each_table_entry(con, console_drivers, struct console_driver)
		con->putchar(c);
	return c;
}

int puts(const char *s)
{
	while (*s)
		putchar(*s++);
	return 0;
}

static bool input_ended(void)
{
	bool any = false;

	for_each_table_entry(con, console_drivers, struct console_driver) {
		if (!con->eof || !con->eof())
			return false;
		any = true;
	}
	return any;
}

void console_flush(void)
{
	for_each_table_entry(con, console_drivers, struct console_driver) {
		if (con->flush)
			con->flush();
	}
}

bool console_input_ended(void)
{
	return pending < 0 && input_ended();
}

int peekkey(void)
{
	/* When the last poll found nothing; a burst is read at full speed */
	static unsigned long last_empty;
	static bool polled;
	unsigned long now;

	if (pending >= 0)
		return pending;
	now = currticks();
	if (polled && now - last_empty < POLL_INTERVAL_TICKS)
		return -1;
	for_each_table_entry(con, console_drivers, struct console_driver) {
		if (con->iskey && con->iskey()) {
			pending = con->getchar();
			return pending;
		}
	}
	polled = true;
	last_empty = now;
	return -1;
}

bool iskey(void)
{
	return peekkey() >= 0;
}

static int getbyte(void)
{
	int c;

	while ((c = peekkey()) < 0) {
		if (input_ended())
			return KEY_EOF;
		step();
		cpu_nap(100);   /* platforms return early on input */
	}
	pending = -1;
	return c;
}

/* Wait briefly for the rest of an escape sequence. */
static int getbyte_soon(void)
{
	unsigned long start = currticks();

	while (!iskey() && currticks() - start < ESCAPE_WAIT_TICKS) {
		if (input_ended())
			break;
		step();
		cpu_nap(1);
	}
	return iskey() ? getbyte() : -1;
}

static int decode_csi(void)
{
	int c, arg = 0;

	while ((c = getbyte_soon()) >= '0' && c <= '9')
		arg = arg * 10 + (c - '0');
	switch (c) {
	case 'A': return KEY_UP;
	case 'B': return KEY_DOWN;
	case 'C': return KEY_RIGHT;
	case 'D': return KEY_LEFT;
	case 'H': return KEY_HOME;
	case 'F': return KEY_END;
	case '~':
		if (arg == 1 || arg == 7)
			return KEY_HOME;
		if (arg == 4 || arg == 8)
			return KEY_END;
		if (arg == 3)
			return KEY_DELETE;
		return 0;
	default:
		return 0;
	}
}

int getkey(void)
{
	int c = getbyte();

	if (c != 0x1b)
		return c;
	c = getbyte_soon();
	if (c == '[' || c == 'O')
		return decode_csi();
	return c < 0 ? 0x1b : 0;
}

int wait_for_key(unsigned long ms)
{
	unsigned long start = currticks();

	while (!iskey()) {
		if (input_ended())
			return KEY_EOF;
		if (ms && currticks() - start >= ms * TICKS_PER_SEC / 1000)
			return KEY_NONE;
		step();
		cpu_nap(10);
	}
	return 0;
}

int getkey_timeout(unsigned long ms)
{
	int rc = wait_for_key(ms);

	return rc ? rc : getkey();
}
