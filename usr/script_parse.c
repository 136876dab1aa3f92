/* Script lines and command-line words (see <usr/script_parse.h>). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <usr/script_parse.h>

/* Append text[0..n) to the growing line *buf of length *len. */
static int append(char **buf, size_t *len, const char *text, size_t n)
{
	char *p = realloc(*buf, *len + n + 1);

	if (!p)
		return -ENOMEM;
	memcpy(p + *len, text, n);
	*len += n;
	p[*len] = '\0';
	*buf = p;
	return 0;
}

/* Split a joined line into its label (if any) and its command. */
static void split_label(struct script_line *line)
{
	char *p = line->text;

	while (isspace((unsigned char)*p))
		p++;
	line->label = NULL;
	if (*p == ':') {
		line->label = ++p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		if (*p)
			*p++ = '\0';
	}
	line->command = p;
}

int script_read_line(const char *text, size_t len, size_t *offset,
		     struct script_line *line)
{
	size_t used = 0;

	line->text = NULL;
	if (*offset >= len)
		return -ENOENT;
	line->start = *offset;
	for (;;) {
		const char *start = text + *offset;
		const char *nl = memchr(start, '\n', len - *offset);
		size_t n = (nl ? (size_t)(nl - start) : len - *offset);

		*offset += n + (nl ? 1 : 0);
		if (n && start[n - 1] == '\r')
			n--;
		if (append(&line->text, &used, start, n) != 0) {
			script_line_free(line);
			return -ENOMEM;
		}
		/* A backslash at the end joins the next physical line. */
		if (!used || line->text[used - 1] != '\\' || *offset >= len)
			break;
		line->text[--used] = '\0';
	}
	if (used && line->text[used - 1] == '\\')
		line->text[--used] = '\0';
	split_label(line);
	return 0;
}

void script_line_free(struct script_line *line)
{
	free(line->text);
	line->text = NULL;
}

int shell_split(char *line, char **tokens)
{
	int count = 0;

	for (;;) {
		while (isspace((unsigned char)*line)) {
			if (tokens)
				*line = '\0';
			line++;
		}
		if (!*line)
			return count;
		if (tokens)
			tokens[count] = line;
		count++;
		while (*line && !isspace((unsigned char)*line))
			line++;
	}
}

int shell_command_end(char **tokens, int count, enum shell_sep *sep)
{
	static const struct {
		const char *word;
		enum shell_sep sep;
	} seps[] = {
		{ ";", SEP_ALWAYS }, { "&&", SEP_AND }, { "||", SEP_OR },
	};

	for (int i = 0; i < count; i++) {
		if (tokens[i][0] == '#') {
			*sep = SEP_END;
			return i;
		}
		for (unsigned int s = 0; s < ARRAY_SIZE(seps); s++) {
			if (strcmp(tokens[i], seps[s].word) == 0) {
				*sep = seps[s].sep;
				return i;
			}
		}
	}
	*sep = SEP_END;
	return count;
}

bool shell_sep_runs_next(enum shell_sep sep, int rc)
{
	switch (sep) {
	case SEP_AND:
		return rc == 0;
	case SEP_OR:
		return rc != 0;
	default:
		return true;
	}
}
