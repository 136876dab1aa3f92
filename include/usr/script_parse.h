/* Parsing scripts and command lines the way iPXE does, without running
 * anything (the shell and the script runner build on this).
 *
 * A script is read one logical line at a time: a line ending in a
 * backslash continues on the next, a trailing CR is dropped, and a
 * first word ":name" is a label, the rest of the line its command.
 *
 * A command line splits at white space only: quotes are ordinary
 * characters.  A word starting with '#' begins a comment; the words
 * "||", "&&" and ";" end one command and say whether the next runs. */
#ifndef USR_SCRIPT_PARSE_H
#define USR_SCRIPT_PARSE_H
#include <cxboot/compiler.h>

struct script_line {
	char *text;		/* allocated; label and command point in it */
	const char *label;	/* NULL when the line has none */
	const char *command;
	size_t start;		/* offset of its first physical line */
};

/* Read the logical line at *offset and move *offset past it.  Returns
 * 0, -ENOENT at the end of the text or -ENOMEM. */
int script_read_line(const char *text, size_t len, size_t *offset,
		     struct script_line *line);
void script_line_free(struct script_line *line);

enum shell_sep {
	SEP_END,	/* end of line (or a comment): nothing follows */
	SEP_ALWAYS,	/* ";" the next command runs whatever happened */
	SEP_AND,	/* "&&" the next runs if the last one run succeeded */
	SEP_OR,		/* "||" the next runs if the last one run failed */
};

/* Split line in place into white-space separated words; tokens may be
 * NULL to count them.  Returns the count. */
int shell_split(char *line, char **tokens);
/* The number of words of the command at the start of tokens[0..count),
 * and the separator that ends it. */
int shell_command_end(char **tokens, int count, enum shell_sep *sep);
/* Whether the command after separator sep runs, given the status of
 * the last command that ran. */
bool shell_sep_runs_next(enum shell_sep sep, int rc);

#endif
