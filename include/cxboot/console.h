/* The console: output goes to every console driver, input comes from
 * whichever has a key.  Escape sequences from terminals are decoded
 * into the KEY_ codes below. */
#ifndef CXBOOT_CONSOLE_H
#define CXBOOT_CONSOLE_H
#include <cxboot/tables.h>
#include <cxboot/compiler.h>

struct console_driver {
	void (*putchar)(int c);
	int (*getchar)(void);      /* next byte; only called when iskey() */
	int (*iskey)(void);        /* a byte is waiting */
	bool (*eof)(void);         /* input has ended for good (optional) */
	void (*flush)(void);       /* wait until output is out (optional) */
};
#define CONSOLE(name) TABLE_ENTRY(console_drivers, struct console_driver, name)

#define CTRL(c) ((c) & 0x1f)
#define KEY_EOF (-1)
#define KEY_UP 0x1001
#define KEY_DOWN 0x1002
#define KEY_RIGHT 0x1003
#define KEY_LEFT 0x1004
#define KEY_HOME 0x1005
#define KEY_END 0x1006
#define KEY_DELETE 0x1007

/* False when input is not a person at a terminal (piped input):
 * then the line editor neither prompts nor echoes. */
extern bool console_interactive;

bool iskey(void);
/* Wait until every console has sent what it was given (before the
 * machine resets or powers off). */
void console_flush(void);
/* True when no key can ever come (piped input at its end). */
bool console_input_ended(void);
/* Next raw byte without consuming it; -1 if none. */
int peekkey(void);
/* Wait for and decode one key; KEY_EOF when input has ended. */
int getkey(void);
/* The same, giving up after ms milliseconds (0: wait for ever) with
 * KEY_NONE. */
#define KEY_NONE (-2)
int getkey_timeout(unsigned long ms);
/* Wait up to ms milliseconds (0: for ever) for a key without taking
 * it: 0 when one is waiting, KEY_NONE on timeout, KEY_EOF at the end
 * of input. */
int wait_for_key(unsigned long ms);

#endif
