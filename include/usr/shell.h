/* The command shell: commands register in a table; system() runs one
 * line (with ${...} expansion, quoting, "||" and "&&"). */
#ifndef USR_SHELL_H
#define USR_SHELL_H
#include <cxboot/tables.h>
#include <cxboot/compiler.h>

struct command {
	const char *name;
	/* Returns 0 or a negative error (already reported to the user). */
	int (*exec)(int argc, char **argv);
};
#define COMMAND(name) TABLE_ENTRY(commands, struct command, name##_command)

/* Run one command line.  Returns the status of the last command run. */
int system(const char *line);
/* Read and run lines until end of input or `exit`; returns the exit
 * status for the process (0 success, 1 failure, or exit's N). */
int shell(void);
/* Run a script (text after its #! line), stopping at the first failing
 * command; returns that command's status. */
int script_run(const char *text, size_t len);

/* Set by `exit`: stop the shell or script with this status. */
extern bool shell_exit_pending;
extern int shell_exit_status;

#endif
