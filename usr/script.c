/* Script images ("#!ipxe" or "#!gpxe" and white space), run line by
 * line: the script ends at the first line that fails or at `exit`, and
 * `goto` moves to a label; Ctrl-C stops it.  A script run from another
 * (chain) keeps its own place; when it ends its caller goes on with its
 * status. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cxboot/console.h>
#include <cxboot/image.h>
#include <usr/parseopt.h>
#include <usr/script_parse.h>
#include <usr/shell.h>

/* The innermost script running, for goto. */
struct running_script {
	const char *text;
	size_t len;
	size_t offset;		/* where the next line starts */
};
static struct running_script *current;

/* Ctrl-C typed while a script runs ends it (a key typed ahead for a
 * later prompt or menu stays where it is). */
static bool interrupted(void)
{
	if (peekkey() != CTRL('C'))
		return false;
	getkey();
	return true;
}

int script_run(const char *text, size_t len)
{
	struct running_script run = { text, len, 0 };
	struct running_script *caller = current;
	struct script_line line;
	int rc = 0, read_rc;

	current = &run;
	while ((read_rc = script_read_line(text, len, &run.offset,
					   &line)) == 0) {
		if (interrupted()) {
			script_line_free(&line);
			rc = -ECANCELED;
			break;
		}
		rc = system(line.command);
		script_line_free(&line);
		if (shell_stopped(SHELL_STOP_SCRIPT) || rc)
			break;
	}
	if (read_rc == -ENOMEM)
		rc = -ENOMEM;
	current = caller;
	return rc;
}

static int goto_exec(int argc, char **argv)
{
	struct script_line line;
	size_t offset = 0;
	int i = parse_options(argc, argv, NULL, 0, "LABEL", 1, 1);

	if (i < 0)
		return i;
	if (!current) {
		printf("goto: not in a script\n");
		return -ENOTTY;
	}
	while (script_read_line(current->text, current->len, &offset,
				&line) == 0) {
		bool found = line.label && strcmp(line.label, argv[i]) == 0;

		script_line_free(&line);
		if (found) {
			/* The label's own line (and its command) comes
			 * next; the rest of this line does not run. */
			current->offset = line.start;
			shell_stop(SHELL_STOP_LINE);
			return 0;
		}
	}
	printf("goto: no label \"%s\" in this script\n", argv[i]);
	return -ENOENT;
}
COMMAND(goto) = { "goto", goto_exec };

static int script_probe(struct image *image)
{
	static const char *const magic[] = { "#!ipxe", "#!gpxe" };

	for (unsigned int i = 0; i < ARRAY_SIZE(magic); i++) {
		size_t n = strlen(magic[i]);

		if (image->len > n && memcmp(image->data, magic[i], n) == 0 &&
		    isspace(image->data[n]))
			return 0;
	}
	return -ENOEXEC;
}

/* The magic line is a comment like any other. */
static int script_exec(struct image *image)
{
	return script_run((const char *)image->data, image->len);
}

IMAGE_TYPE(script_image_type) = {
	.name = "script",
	.order = IMAGE_ORDER_SIGNATURE,
	.probe = script_probe,
	.exec = script_exec,
};
