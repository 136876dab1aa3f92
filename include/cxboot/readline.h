/* The line editor: cursor keys, history, Ctrl-C. */
#ifndef CXBOOT_READLINE_H
#define CXBOOT_READLINE_H

#define HISTORY_SIZE 16

struct history {
	char *lines[HISTORY_SIZE];
	unsigned int next;   /* slot the next line goes to */
};

/* Read a line, starting from the text initial (may be NULL) for the
 * user to edit.  Returns an allocated string, or NULL with *rc set to
 * -ECANCELED (Ctrl-C), -EPIPE (end of input) or -ENOMEM. */
char *readline_history(const char *prompt, const char *initial,
		       struct history *history, int *rc);
/* The same for a password: shown as '*', no history. */
char *readline_secret(const char *prompt, int *rc);

#endif
