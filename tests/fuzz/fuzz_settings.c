/* Fuzz the settings layer (src/settings.c, src/settings_types.c) with
 * arbitrary text: parse_setting_name, storef/fetchf through a block,
 * every value type's parse and format, and expand_settings.
 *
 * Input: up to three NUL-separated strings: a setting name
 * ("[scope/]name[:type]"), a value, and a text to expand; missing ones
 * repeat the first.  Besides not crashing: text a type parses must
 * format and parse back to the same bytes, formats must report the
 * same length into any buffer, and nothing may stay allocated. */
#include <stdlib.h>
#include <string.h>
#include <cxboot/settings.h>
#include "fuzz.h"

static struct generic_settings top, sub, scratch;

static void store_text(struct settings *s, const char *name,
		       const char *text)
{
	struct setting setting;
	struct settings *scope;
	char buf[64];

	strcpy(buf, name);
	if (parse_setting_name(buf, &scope, &setting, &setting_type_string) ||
	    storef_setting(s ? s : scope, &setting, text))
		fuzz_fail("cannot store %s", name);
}

/* A small tree to find things in: fz and fz.sub, the device net0, and
 * values in each and in the root; fz.tmp stays empty between inputs. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	generic_settings_init(&top, NULL);
	generic_settings_init(&sub, NULL);
	generic_settings_init(&scratch, NULL);
	if (register_settings(&top.settings, NULL, "fz") ||
	    register_settings(&sub.settings, &top.settings, "sub") ||
	    register_settings(&scratch.settings, &top.settings, "tmp"))
		fuzz_fail("cannot register blocks");
	fuzz_netdev();
	store_text(&top.settings, "ip", "198.18.0.10");
	store_text(&top.settings, "175.8:uint8", "1");
	store_text(&sub.settings, "hostname", "host");
	store_text(&sub.settings, "61:hex", "01:02:00:03");
	store_text(NULL, "net0/filename", "boot.ipxe");
	store_text(NULL, "uuid:uuid", "01234567-89ab-cdef-0123-456789abcdef");
	return 0;
}

/* A type's format of raw: the same length however large the buffer,
 * always NUL-terminated inside it. */
static int format_checked(const struct setting_type *type, const void *raw,
			  size_t raw_len, char **text)
{
	int n = type->format(type, raw, raw_len, NULL, 0);
	size_t small;
	char *buf;

	*text = NULL;
	if (n < 0)
		return n;
	for (small = 1; small <= 3; small++) {
		buf = malloc(small);
		fuzz_assert(buf != NULL);
		fuzz_assert(type->format(type, raw, raw_len, buf, small) == n);
		fuzz_assert(memchr(buf, '\0', small) != NULL);
		free(buf);
	}
	*text = malloc(n + 1);
	fuzz_assert(*text != NULL);
	fuzz_assert(type->format(type, raw, raw_len, *text, n + 1) == n);
	return n;
}

/* Text one type accepts must come back as the same bytes. */
static void check_type(const struct setting_type *type, const char *value,
		       const void *raw_any, size_t raw_any_len)
{
	int n = type->parse(type, value, NULL, 0), m;
	uint8_t *raw, *again;
	char *text;

	if (n >= 0) {
		raw = malloc(n ? n : 1);
		fuzz_assert(raw != NULL);
		fuzz_assert(type->parse(type, value, raw, n) == n);
		m = format_checked(type, raw, n, &text);
		if (m < 0 && n > 0)
			fuzz_fail("%s: \"%s\" parses but does not format",
				  type->name, value);
		if (text) {
			again = malloc(n ? n : 1);
			fuzz_assert(again != NULL);
			if (type->parse(type, text, again, n) != n ||
			    memcmp(raw, again, n) != 0)
				fuzz_fail("%s: \"%s\" comes back as \"%s\"",
					  type->name, value, text);
			free(again);
		}
		free(text);
		free(raw);
	}
	format_checked(type, raw_any, raw_any_len, &text);
	free(text);
}

/* Store by name, read back formatted, store that again: same bytes. */
static void check_named(const char *name, const char *value)
{
	struct settings *scope, *target;
	struct setting setting;
	void *raw = NULL, *again = NULL;
	char *buf = strdup(name), *text = NULL, label[8];
	int len, len2;

	fuzz_assert(buf != NULL);
	if (parse_setting_name(buf, &scope, &setting, &setting_type_string))
		goto out;
	len = setting_name(scope, &setting, NULL, 0);
	fuzz_assert(len >= 0);
	fuzz_assert(setting_name(scope, &setting, label, sizeof(label)) ==
		    len);
	fuzz_assert(strlen(label) == MIN((size_t)len, sizeof(label) - 1));

	/* Only the scratch block, so that what other inputs find stays
	 * as it was. */
	target = scope ? scope : &scratch.settings;
	if (target != &scratch.settings)
		goto out;
	if (storef_setting(target, &setting, value) != 0 ||
	    setting.type->parse(setting.type, value, NULL, 0) <= 0)
		goto out;
	len = fetch_setting_copy(target, &setting, &raw);
	fuzz_assert(len > 0);
	if (fetchf_setting_copy(target, &setting, &text) < 0)
		fuzz_fail("\"%s\" = \"%s\" stored but cannot be shown", name,
			  value);
	if (storef_setting(target, &setting, text) != 0)
		fuzz_fail("\"%s\" shown as \"%s\" cannot be stored back",
			  name, text);
	len2 = fetch_setting_copy(target, &setting, &again);
	if (len2 != len || memcmp(raw, again, len) != 0)
		fuzz_fail("\"%s\" = \"%s\" changes when shown and stored back "
			  "as \"%s\"", name, value, text);
	delete_setting(target, &setting);
out:
	free(again);
	free(raw);
	free(text);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *part[3];
	char *input, *expanded;
	size_t i, n = 0, used = 0;
	long blocks;

	fuzz_heap_watch(true);
	blocks = fuzz_live_blocks();
	input = malloc(size + 1);
	fuzz_assert(input != NULL);
	memcpy(input, data, size);
	input[size] = '\0';
	while (n < 3 && used <= size) {
		part[n++] = input + used;
		used += strlen(input + used) + 1;
	}
	for (i = n; i < 3; i++)
		part[i] = part[0];

	check_named(part[0], part[1]);
	for_each_table_entry(type, setting_types, struct setting_type)
		check_type(type, part[1], data, size);
	expanded = expand_settings(part[2]);
	fuzz_assert(expanded != NULL);
	free(expanded);
	free(input);

	fuzz_assert(fuzz_live_blocks() == blocks);
	fuzz_heap_watch(false);
	return 0;
}
