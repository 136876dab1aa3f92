/* Fuzz the script parser (usr/script_parse.c) with arbitrary text:
 * reading logical lines (CR, backslash continuations, labels) and
 * splitting each command line into words and commands.
 *
 * Input: a script's text.  Besides not crashing: every line read moves
 * forward and starts where the last one ended; a label and the words
 * hold no white space; the words of a line, with the separators
 * between commands, account for every word; nothing stays allocated. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <usr/script_parse.h>
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

static bool has_space(const char *s)
{
	for (; *s; s++) {
		if (isspace((unsigned char)*s))
			return true;
	}
	return false;
}

static void check_words(const char *command)
{
	char *copy = strdup(command), **words;
	int count, i = 0;

	fuzz_assert(copy != NULL);
	count = shell_split(copy, NULL);
	words = malloc((count + 1) * sizeof(*words));
	fuzz_assert(words != NULL);
	fuzz_assert(shell_split(copy, words) == count);
	for (int w = 0; w < count; w++)
		fuzz_assert(words[w][0] && !has_space(words[w]));
	for (;;) {
		enum shell_sep sep;
		int n = shell_command_end(words + i, count - i, &sep);

		fuzz_assert(n >= 0 && n <= count - i);
		if (sep == SEP_END) {
			fuzz_assert(n == count - i || words[i + n][0] == '#');
			break;
		}
		fuzz_assert(i + n < count);
		i += n + 1;
	}
	free(words);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The text ends at a NUL byte, as the shell's strings do. */
	char *text = malloc(size + 1);
	struct script_line line;
	size_t offset = 0, last = 0;
	int rc;

	fuzz_assert(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	size = strlen(text);
	while ((rc = script_read_line(text, size, &offset, &line)) == 0) {
		fuzz_assert(line.start == last && offset > last);
		fuzz_assert(offset <= size);
		fuzz_assert(!line.label || !has_space(line.label));
		fuzz_assert(!strchr(line.command, '\n'));
		check_words(line.command);
		script_line_free(&line);
		last = offset;
	}
	fuzz_assert(rc == -ENOENT && offset >= size);
	free(text);
	return 0;
}
