/* What lies behind an error.  Protocols never print: one that fails
 * because of what a server said (or a URI it cannot use) records the
 * words here beside the error number it returns, and the command that
 * started the operation prints them with its own result.
 *
 *   error_detail_set(-ENOENT, "TFTP error %u: %s", code, text);
 *   ...
 *   error_detail_print(rc);     (in the command, after its result)
 */
#ifndef CXBOOT_ERRDETAIL_H
#define CXBOOT_ERRDETAIL_H

#define ERROR_DETAIL_MAX 256

/* Record the detail for error rc, replacing any earlier one. */
void error_detail_set(int rc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Forget what was recorded (before starting an operation). */
void error_detail_forget(void);
/* The detail recorded for rc (NULL if none, or if it was for another
 * error), valid until the next call here; either way it is forgotten. */
const char *error_detail_take(int rc);

/* Print the detail recorded for rc, if any, on a line of its own (and
 * forget it). */
void error_detail_print(int rc);

#endif
