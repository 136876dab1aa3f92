/* The command shell: commands register in a table; system() runs one
 * line as iPXE does (words split at white space, ${...} expanded in each
 * word, "||", "&&" and ";" between commands, '#' comments). */
#ifndef USR_SHELL_H
#define USR_SHELL_H
#include <cxboot/tables.h>
#include <cxboot/compiler.h>

struct command {
	const char *name;
	/* Returns 0 or a negative error (already reported to the user);
	 * `exit N` returns N. */
	int (*exec)(int argc, char **argv);
};
#define COMMAND(name) TABLE_ENTRY(commands, struct command, name##_command)

/* Run one command (no expansion); "command not found" if unknown. */
int run_command(int argc, char **argv);
/* Run one command line.  Returns the status of the last command run. */
int system(const char *line);
/* Read and run lines until end of input or `exit`; returns the exit
 * status for the process (0 success, 1 failure, or exit's N). */
int shell(void);
/* Run a script's text (labels, goto, stopping at the first failing
 * line or at `exit`); returns that line's status or exit's N. */
int script_run(const char *text, size_t len);

/* How far a command asks the shell to stop: `goto` ends the rest of
 * its line, `exit` the whole script (or the interactive shell). */
enum shell_stop_level {
	SHELL_STOP_LINE = 1,
	SHELL_STOP_SCRIPT = 2,
};
void shell_stop(enum shell_stop_level level);
/* True if a stop at level or above is pending; a stop no higher than
 * level is consumed by asking. */
bool shell_stopped(enum shell_stop_level level);
/* The process exit status for a command's status: exit's N, 1 for an
 * error, 0 for success. */
int shell_status(int rc);

#endif
