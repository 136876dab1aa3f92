/* The script language: line reading (continuations, labels), command
 * separators, and what runs under "&&", "||", ";", goto and exit. */
#include <stdlib.h>
#include <errno.h>
#include <cxboot/settings.h>
#include <cxboot/image.h>
#include <usr/script_parse.h>
#include <usr/shell.h>
#include "test.h"

/* Commands that record what ran: "t_ok WORD..." succeeds and "t_no
 * WORD..." fails, each appending "WORD " (or "-" for no word) to log. */
static char log[512];

static void record(int argc, char **argv)
{
	if (argc < 2) {
		strcat(log, "- ");
		return;
	}
	for (int i = 1; i < argc; i++) {
		strcat(log, argv[i]);
		strcat(log, i + 1 < argc ? "|" : " ");
	}
}

static int t_ok_exec(int argc, char **argv)
{
	record(argc, argv);
	return 0;
}
COMMAND(t_ok) = { "t_ok", t_ok_exec };

static int t_no_exec(int argc, char **argv)
{
	record(argc, argv);
	return -EIO;
}
COMMAND(t_no) = { "t_no", t_no_exec };

static const char *line_log(const char *line, int *rc)
{
	log[0] = '\0';
	*rc = system(line);
	return log;
}

static const char *script_log(const char *text, int *rc)
{
	log[0] = '\0';
	*rc = script_run(text, strlen(text));
	return log;
}

UNIT_TEST(script_read_lines)
{
	const char *text = "#!ipxe\r\n  :a echo x\n:b\nset x \\\ny\\\r\nz\n"
		"last\\";
	struct script_line line;
	size_t off = 0;

	ok(script_read_line(text, strlen(text), &off, &line) == 0);
	ok_str(line.command, "#!ipxe");
	ok(line.label == NULL && line.start == 0);
	script_line_free(&line);
	ok(script_read_line(text, strlen(text), &off, &line) == 0);
	ok_str(line.label, "a");
	ok_str(line.command, "echo x");
	ok(line.start == 8);
	script_line_free(&line);
	ok(script_read_line(text, strlen(text), &off, &line) == 0);
	ok_str(line.label, "b");
	ok_str(line.command, "");
	script_line_free(&line);
	ok(script_read_line(text, strlen(text), &off, &line) == 0);
	ok_str(line.command, "set x yz");
	script_line_free(&line);
	ok(script_read_line(text, strlen(text), &off, &line) == 0);
	ok_str(line.command, "last");
	script_line_free(&line);
	ok(script_read_line(text, strlen(text), &off, &line) == -ENOENT);
}

UNIT_TEST(script_split_words)
{
	char buf[] = "  echo \"a  b\"  'c' || x&&y ; # rest";
	char *w[16];
	enum shell_sep sep;
	int n = shell_split(buf, w);

	ok(n == 9);
	ok_str(w[1], "\"a");
	ok_str(w[2], "b\"");
	ok_str(w[3], "'c'");
	ok(shell_command_end(w, n, &sep) == 4 && sep == SEP_OR);
	ok(shell_command_end(w + 5, n - 5, &sep) == 1 && sep == SEP_ALWAYS);
	ok_str(w[5], "x&&y");
	ok(shell_command_end(w + 7, n - 7, &sep) == 0 && sep == SEP_END);
}

UNIT_TEST(script_and_or)
{
	int rc;

	ok_str(line_log("t_ok a && t_ok b || t_ok c", &rc), "a b ");
	ok(rc == 0);
	ok_str(line_log("t_no a && t_ok b || t_ok c", &rc), "a c ");
	ok(rc == 0);
	ok_str(line_log("t_no a || t_no b && t_ok c", &rc), "a b ");
	ok(rc == -EIO);
	ok_str(line_log("t_ok a || t_no b && t_ok c", &rc), "a c ");
	ok_str(line_log("t_no a ; t_ok b", &rc), "a b ");
	ok(rc == 0);
	ok_str(line_log("t_no a ||", &rc), "a ");
	ok(rc == 0);
	ok_str(line_log("t_ok a # t_ok b", &rc), "a ");
	ok_str(line_log("t_ok a #t_ok b", &rc), "a ");
	ok_str(line_log("t_ok a#b", &rc), "a#b ");
	ok_str(line_log("", &rc), "");
	ok(rc == 0);
}

UNIT_TEST(script_expansion_per_word)
{
	int rc;

	system("set t_sp two words");
	ok_str(line_log("t_ok ${t_sp} \"${t_nosuch}\" ${t_nosuch} x", &rc),
	       "two words|\"\"||x ");
	system("set t_idx 7");
	system("set t_v7 seven");
	ok_str(line_log("t_ok ${t_v${t_idx}}", &rc), "seven ");
	system("clear t_sp");
	system("clear t_idx");
	system("clear t_v7");
}

UNIT_TEST(script_goto_and_labels)
{
	int rc;

	ok_str(script_log("#!ipxe\nt_ok 1\ngoto end\nt_ok 2\n:end\n"
			  "t_ok 3\n", &rc), "1 3 ");
	ok(rc == 0);
	/* Backward: a loop that counts with inc. */
	ok_str(script_log("set t_n 0\n:loop t_ok ${t_n}\ninc t_n\n"
			  "iseq ${t_n} 3 || goto loop\nt_ok done\n", &rc),
	       "0 1 2 done ");
	ok(rc == 0);
	/* goto ends its own line; the label's command runs. */
	ok_str(script_log("goto x && t_ok no\nt_ok no\n:x t_ok yes\n", &rc),
	       "yes ");
	/* A computed label, and a missing one is an error the || takes. */
	ok_str(script_log("set t_l y\ngoto ${t_l}\n:z t_ok z\n:y t_ok y\n",
			  &rc), "y ");
	ok_str(script_log("goto nowhere || t_ok fallback\n", &rc),
	       "fallback ");
	ok_str(script_log("goto nowhere\nt_ok never\n", &rc), "");
	ok(rc == -ENOENT);
	system("clear t_n");
	system("clear t_l");
}

UNIT_TEST(script_failure_and_exit)
{
	int rc;

	ok_str(script_log("t_ok 1\nt_no 2\nt_ok 3\n", &rc), "1 2 ");
	ok(rc == -EIO);
	ok_str(script_log("t_no 1 ||\nt_no 2 || t_ok 3\nt_ok 4\n", &rc),
	       "1 2 3 4 ");
	ok(rc == 0);
	ok_str(script_log("t_ok 1\nexit 3\nt_ok 2\n", &rc), "1 ");
	ok(rc == 3 && shell_status(rc) == 3);
	ok_str(script_log("exit\nt_ok 2\n", &rc), "");
	ok(rc == 0);
	/* The exit stops only the script that ran it. */
	ok_str(script_log("exit 0 && t_ok no\n", &rc), "");
	ok_str(line_log("t_ok after", &rc), "after ");
	ok(shell_status(-EIO) == 1 && shell_status(0) == 0);
}

/* A script chained from another: its exit N ends only itself, and the
 * caller's line sees N as a failure.  It stays registered, unless
 * chained with --autofree (as in iPXE). */
UNIT_TEST(script_chain_exit)
{
	static const char inner[] =
		"#!ipxe\nt_ok inner\nexit 4\nt_ok never\n";
	struct image *image = alloc_image(NULL);
	int rc;

	ok(image != NULL);
	if (!image)
		return;
	image->data = (uint8_t *)strdup(inner);	/* the image frees it */
	image->len = strlen(inner);
	ok(image_set_name(image, "t_inner") == 0);
	ok(register_image(image) == 0);
	image_put(image);
	ok_str(script_log("chain t_inner || t_ok caller-saw-failure\n"
			  "t_ok caller-goes-on\n", &rc),
	       "inner caller-saw-failure caller-goes-on ");
	ok(rc == 0);
	ok(find_image("t_inner") != NULL);
	ok_str(script_log("chain --autofree t_inner || t_ok failed\n", &rc),
	       "inner failed ");
	ok(find_image("t_inner") == NULL);
}
