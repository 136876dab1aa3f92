/* Settings: value types against known vectors, setting names, the
 * search order of the tree, and ${...} expansion. */
#include <stdlib.h>
#include <errno.h>
#include <cxboot/settings.h>
#include "test.h"

/* ---- types ---- */

static uint8_t raw[64];

/* Parse text as the named type into raw; returns the length or error. */
static int parse(const char *type_name, const char *text)
{
	const struct setting_type *type = find_setting_type(type_name);

	memset(raw, 0xee, sizeof(raw));
	return type ? type->parse(type, text, raw, sizeof(raw)) : -999;
}

/* Format bytes as the named type; "ERR" on error. */
static const char *format(const char *type_name, const void *data,
			  size_t len)
{
	const struct setting_type *type = find_setting_type(type_name);
	static char buf[80];

	if (!type || type->format(type, data, len, buf, sizeof(buf)) < 0)
		return "ERR";
	return buf;
}

/* Parse and format back. */
static const char *roundtrip(const char *type_name, const char *text)
{
	int len = parse(type_name, text);

	return len < 0 ? "ERR" : format(type_name, raw, len);
}

UNIT_TEST(settings_type_table)
{
	ok(find_setting_type("string") == &setting_type_string);
	ok(find_setting_type("ipv4") == &setting_type_ipv4);
	ok(find_setting_type("int8") == &setting_type_int8);
	ok(find_setting_type("uint32") == &setting_type_uint32);
	ok(find_setting_type("hex") == &setting_type_hex);
	ok(find_setting_type("hexhyp") == &setting_type_hexhyp);
	ok(find_setting_type("hexraw") == &setting_type_hexraw);
	ok(find_setting_type("uuid") == &setting_type_uuid);
	ok(find_setting_type("nosuch") == NULL);
	ok(find_setting_type("") == NULL);
}

UNIT_TEST(settings_type_string)
{
	char small[4];

	ok(parse("string", "hello") == 5);
	ok_mem(raw, "hello", 5);
	ok(raw[5] == 0xee);
	ok(parse("string", "") == 0);
	ok_str(format("string", "abc", 3), "abc");
	ok_str(format("string", "abcdef", 2), "ab");
	/* Too small a buffer: truncated text, full length returned. */
	ok(setting_type_string.format(&setting_type_string, "abcdef", 6,
				      small, sizeof(small)) == 6);
	ok_str(small, "abc");
	ok(setting_type_string.parse(&setting_type_string, "abcdef",
				     NULL, 0) == 6);
}

UNIT_TEST(settings_type_ipv4)
{
	static const uint8_t two[8] = { 10, 0, 0, 1, 10, 0, 0, 2 };
	char small[8];

	ok(parse("ipv4", "192.168.0.1") == 4);
	ok_mem(raw, "\xc0\xa8\x00\x01", 4);
	ok_str(roundtrip("ipv4", "0.0.0.0"), "0.0.0.0");
	ok_str(roundtrip("ipv4", "255.255.255.255"), "255.255.255.255");
	ok_str(roundtrip("ipv4", "010.001.0.9"), "10.1.0.9");
	ok(parse("ipv4", "1.2.3") == -EINVAL);
	ok(parse("ipv4", "1.2.3.4.5") == -EINVAL);
	ok(parse("ipv4", "256.1.1.1") == -EINVAL);
	ok(parse("ipv4", "1.2.3.4x") == -EINVAL);
	ok(parse("ipv4", "1..3.4") == -EINVAL);
	ok(parse("ipv4", "1234.1.1.1") == -EINVAL);
	ok(parse("ipv4", " 1.2.3.4") == -EINVAL);
	ok(parse("ipv4", "-1.2.3.4") == -EINVAL);
	ok(parse("ipv4", "a.b.c.d") == -EINVAL);
	ok(parse("ipv4", "") == -EINVAL);
	/* A list (several DNS servers) shows its first address. */
	ok_str(format("ipv4", two, 8), "10.0.0.1");
	ok_str(format("ipv4", two, 3), "ERR");
	ok(setting_type_ipv4.format(&setting_type_ipv4, "\xc0\xa8\x00\x01",
				    4, small, sizeof(small)) == 11);
	ok_str(small, "192.168");
}

UNIT_TEST(settings_type_int)
{
	/* Signed bytes and their limits. */
	ok(parse("int8", "-128") == 1 && raw[0] == 0x80);
	ok(parse("int8", "127") == 1 && raw[0] == 0x7f);
	ok(parse("int8", "0x7f") == 1 && raw[0] == 0x7f);
	ok(parse("int8", "128") == -ERANGE);
	ok(parse("int8", "-129") == -ERANGE);
	ok(parse("int8", "0xff") == -ERANGE);
	ok_str(format("int8", "\xff", 1), "-1");
	ok_str(format("int8", "\x80", 1), "-128");
	ok_str(roundtrip("int8", "-5"), "-5");

	/* Unsigned bytes. */
	ok(parse("uint8", "255") == 1 && raw[0] == 0xff);
	ok(parse("uint8", "256") == -ERANGE);
	ok(parse("uint8", "-1") == -EINVAL);
	ok_str(format("uint8", "\xff", 1), "255");

	/* 16 bits, big-endian; short values extend by sign or zeros. */
	ok(parse("int16", "-32768") == 2);
	ok_mem(raw, "\x80\x00", 2);
	ok(parse("int16", "32768") == -ERANGE);
	ok_str(format("int16", "\xff\xfe", 2), "-2");
	ok_str(format("int16", "\xff", 1), "-1");
	ok(parse("uint16", "65535") == 2);
	ok_mem(raw, "\xff\xff", 2);
	ok(parse("uint16", "0xFFFF") == 2);
	ok(parse("uint16", "65536") == -ERANGE);
	ok_str(format("uint16", "\xff", 1), "255");
	ok_str(format("uint16", "\x01\x00", 2), "256");
	ok_str(format("uint16", "\x01\x00\x00", 3), "ERR");
	ok_str(format("uint16", "", 0), "ERR");

	/* 32 bits. */
	ok(parse("int32", "-2147483648") == 4);
	ok_mem(raw, "\x80\x00\x00\x00", 4);
	ok(parse("int32", "2147483647") == 4);
	ok_mem(raw, "\x7f\xff\xff\xff", 4);
	ok(parse("int32", "2147483648") == -ERANGE);
	ok(parse("int32", "-2147483649") == -ERANGE);
	ok_str(format("int32", "\x80\x00\x00\x00", 4), "-2147483648");
	ok_str(format("int32", "\xff\xfe", 2), "-2");
	ok(parse("uint32", "4294967295") == 4);
	ok_mem(raw, "\xff\xff\xff\xff", 4);
	ok(parse("uint32", "4294967296") == -ERANGE);
	ok(parse("uint32", "99999999999999999999999") == -ERANGE);
	ok(parse("uint32", "0xdeadbeef") == 4);
	ok_mem(raw, "\xde\xad\xbe\xef", 4);
	ok_str(format("uint32", "\xde\xad\xbe\xef", 4), "3735928559");
	ok_str(format("uint32", "\x80\x00", 2), "32768");

	/* Not numbers at all. */
	ok(parse("uint32", "") == -EINVAL);
	ok(parse("uint32", "12x") == -EINVAL);
	ok(parse("uint32", "0x") == -EINVAL);
	ok(parse("uint32", " 1") == -EINVAL);
	ok(parse("uint32", "+1") == -EINVAL);
	ok(parse("int32", "--1") == -EINVAL);
	ok(parse("int32", "abc") == -EINVAL);
	/* Leading zeros are decimal, not octal. */
	ok_str(roundtrip("uint16", "010"), "10");
}

UNIT_TEST(settings_type_hex)
{
	char small[6];

	ok(parse("hex", "01:02:ab") == 3);
	ok_mem(raw, "\x01\x02\xab", 3);
	ok(parse("hex", "01:02:AB") == 3);
	ok_mem(raw, "\x01\x02\xab", 3);
	ok_str(format("hex", "\x01\x02\xab", 3), "01:02:ab");
	ok_str(format("hex", "\xff", 1), "ff");
	ok_str(format("hex", "", 0), "");
	ok(parse("hex", "") == 0);
	ok(parse("hex", "1:2") == -EINVAL);
	ok(parse("hex", "01:2") == -EINVAL);
	ok(parse("hex", "012") == -EINVAL);
	ok(parse("hex", "01:02:") == -EINVAL);
	ok(parse("hex", ":01") == -EINVAL);
	ok(parse("hex", "01::02") == -EINVAL);
	ok(parse("hex", "01-02") == -EINVAL);
	ok(parse("hex", "0g") == -EINVAL);

	ok(parse("hexhyp", "01-02-AB") == 3);
	ok_mem(raw, "\x01\x02\xab", 3);
	ok_str(format("hexhyp", "\x01\x02\xab", 3), "01-02-ab");
	ok(parse("hexhyp", "01:02") == -EINVAL);

	ok(parse("hexraw", "0102aB") == 3);
	ok_mem(raw, "\x01\x02\xab", 3);
	ok_str(format("hexraw", "\x01\x02\xab", 3), "0102ab");
	ok(parse("hexraw", "012") == -EINVAL);
	ok(parse("hexraw", "01:02") == -EINVAL);

	/* A URI component: unreserved bytes kept, the rest %XX. */
	ok_str(format("uristring", "x86_64 a/b&c=d~.-", 17),
	       "x86_64%20a%2Fb%26c%3Dd~.-");
	ok_str(format("uristring", "\xff\x01", 2), "%FF%01");
	ok(parse("uristring", "a%2fb%zz%") == 7);
	ok_mem(raw, "a/b%zz%", 7);

	ok(setting_type_hex.format(&setting_type_hex, "\x01\x02\xab", 3,
				   small, sizeof(small)) == 8);
	ok_str(small, "01:02");
	ok(setting_type_hex.parse(&setting_type_hex, "01:02:03", raw, 2) == 3);
}

UNIT_TEST(settings_type_uuid)
{
	static const uint8_t uuid[16] = {
		0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0,
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	};

	ok(parse("uuid", "12345678-9abc-def0-0123-456789abcdef") == 16);
	ok_mem(raw, uuid, 16);
	ok(parse("uuid", "12345678-9ABC-DEF0-0123-456789ABCDEF") == 16);
	ok_mem(raw, uuid, 16);
	ok_str(format("uuid", uuid, 16),
	       "12345678-9abc-def0-0123-456789abcdef");
	ok_str(format("uuid", uuid, 15), "ERR");
	ok(parse("uuid", "123456789abcdef00123456789abcdef") == -EINVAL);
	ok(parse("uuid", "12345678-9abc-def0-0123-456789abcde") == -EINVAL);
	ok(parse("uuid", "12345678-9abc-def0-0123-456789abcdef0") == -EINVAL);
	ok(parse("uuid", "1234567-89abc-def0-0123-456789abcdef") == -EINVAL);
	ok(parse("uuid", "12345678-9abc-def0-0123-456789abcdeg") == -EINVAL);
	ok(parse("uuid", "") == -EINVAL);
}

/* ---- a small tree: root, tb (order 0) with tb.x, ta (order 1) ---- */

static struct generic_settings ta, tb, tbx;

/* A read-only block that knows only the host name. */
static int ro_fetch(struct settings *s, struct setting *setting, void *data,
		    size_t len)
{
	if (!setting_cmp(setting, &hostname_setting))
		return -ENOENT;
	if (data)
		memcpy(data, "ro-host", MIN(len, 7));
	return 7;
}
static const struct settings_ops ro_ops = { .fetch = ro_fetch };
static struct settings ro;

static struct settings *resolve_test_alias(void)
{
	return &tb.settings;
}
SETTINGS_ALIAS(test_alias) = { "utX", resolve_test_alias };

static void tree_up(void)
{
	generic_settings_init(&ta, NULL);
	generic_settings_init(&tb, NULL);
	generic_settings_init(&tbx, NULL);
	ta.settings.order = 1;
	/* Registered out of order: the tree sorts them. */
	ok(register_settings(&ta.settings, NULL, "ta") == 0);
	ok(register_settings(&tb.settings, NULL, "tb") == 0);
	ok(register_settings(&tbx.settings, &tb.settings, "x") == 0);
	settings_init(&ro, &ro_ops, NULL, 5);
	ok(register_settings(&ro, NULL, "ro") == 0);
}

static void tree_down(void)
{
	unregister_settings(&ta.settings);
	unregister_settings(&tb.settings);
	unregister_settings(&ro);
	ok(tbx.settings.parent == NULL);
	generic_settings_ops.clear(&ta.settings);
	generic_settings_ops.clear(&tb.settings);
	generic_settings_ops.clear(&tbx.settings);
}

/* Store text as a string setting called name, in s (NULL: root). */
static int put(struct settings *s, const char *name, const char *text)
{
	struct setting setting = { .name = name };

	return storef_setting(s, &setting, text);
}

/* Fetch name with no scope; origin is reported through *from. */
static const char *get(const char *name, struct settings **from)
{
	struct setting setting = { .name = name };
	static char buf[32];

	if (fetch_string_setting(NULL, &setting, buf, sizeof(buf)) < 0)
		return "ENOENT";
	if (from)
		fetch_setting(NULL, &setting, from, NULL, 0);
	return buf;
}

UNIT_TEST(settings_names)
{
	struct settings *scope;
	struct setting s;
	char buf[64];

	tree_up();

	strcpy(buf, "ip");
	ok(parse_setting_name(buf, &scope, &s, &setting_type_string) == 0);
	ok(scope == NULL && s.tag == TAG_YIADDR);
	ok(s.type == &setting_type_ipv4);
	ok_str(s.name, "ip");
	ok(setting_cmp(&s, &ip_setting));

	strcpy(buf, "ip:hex");
	ok(parse_setting_name(buf, &scope, &s, NULL) == 0);
	ok(s.tag == TAG_YIADDR && s.type == &setting_type_hex);

	strcpy(buf, "209");
	ok(parse_setting_name(buf, &scope, &s, &setting_type_hexraw) == 0);
	ok(s.tag == 209 && s.type == &setting_type_hexraw);
	strcpy(buf, "209");
	ok(parse_setting_name(buf, &scope, &s, NULL) == 0);
	ok(s.tag == 209 && s.type == NULL);
	strcpy(buf, "209:string");
	ok(parse_setting_name(buf, &scope, &s, NULL) == 0);
	ok(s.tag == 209 && s.type == &setting_type_string);
	strcpy(buf, "175.8:uint8");
	ok(parse_setting_name(buf, &scope, &s, NULL) == 0);
	ok(s.tag == DHCP_ENCAP_TAG(175, 8) && s.type == &setting_type_uint8);

	strcpy(buf, "foo");
	ok(parse_setting_name(buf, &scope, &s, &setting_type_string) == 0);
	ok(scope == NULL && s.tag == 0 && s.type == &setting_type_string);
	ok_str(s.name, "foo");

	strcpy(buf, "tb.x/ip:string");
	ok(parse_setting_name(buf, &scope, &s, NULL) == 0);
	ok(scope == &tbx.settings && s.tag == TAG_YIADDR);
	ok(s.type == &setting_type_string);
	strcpy(buf, "ta/foo");
	ok(parse_setting_name(buf, &scope, &s, NULL) == 0);
	ok(scope == &ta.settings);
	strcpy(buf, "/foo");
	ok(parse_setting_name(buf, &scope, &s, NULL) == 0);
	ok(scope == settings_root());
	strcpy(buf, "utX/foo");
	ok(parse_setting_name(buf, &scope, &s, NULL) == 0);
	ok(scope == &tb.settings);
	strcpy(buf, "utX.x/foo");
	ok(parse_setting_name(buf, &scope, &s, NULL) == 0);
	ok(scope == &tbx.settings);

	strcpy(buf, "foo:nosuchtype");
	ok(parse_setting_name(buf, &scope, &s, NULL) == -ENOTSUP);
	strcpy(buf, "nosuch/foo");
	ok(parse_setting_name(buf, &scope, &s, NULL) == -ENODEV);
	strcpy(buf, "utX.nosuch/foo");
	ok(parse_setting_name(buf, &scope, &s, NULL) == -ENODEV);
	strcpy(buf, "");
	ok(parse_setting_name(buf, &scope, &s, NULL) == -EINVAL);
	strcpy(buf, "ta/");
	ok(parse_setting_name(buf, &scope, &s, NULL) == -EINVAL);
	strcpy(buf, "256");
	ok(parse_setting_name(buf, &scope, &s, NULL) == -EINVAL);
	strcpy(buf, "0");
	ok(parse_setting_name(buf, &scope, &s, NULL) == -EINVAL);
	strcpy(buf, "12abc");
	ok(parse_setting_name(buf, &scope, &s, NULL) == -EINVAL);
	strcpy(buf, "175.");
	ok(parse_setting_name(buf, &scope, &s, NULL) == -EINVAL);
	strcpy(buf, "175.8.1.2");
	ok(parse_setting_name(buf, &scope, &s, NULL) == -EINVAL);
	strcpy(buf, "1.256.1");
	ok(parse_setting_name(buf, &scope, &s, NULL) == -EINVAL);
	/* Three parts: a PCI function's configuration bytes. */
	strcpy(buf, "0x18.2.2");
	ok(parse_setting_name(buf, &scope, &s, NULL) == 0);
	ok(s.tag == (0x18 << 16 | 2 << 8 | 2));

	/* And back to text. */
	ok(setting_name(&tbx.settings, &ip_setting, buf, sizeof(buf)) > 0);
	ok_str(buf, "tb.x/ip:ipv4");
	s = (struct setting){ .name = "", .tag = DHCP_ENCAP_TAG(175, 8) };
	setting_name(NULL, &s, buf, sizeof(buf));
	ok_str(buf, "175.8");
	s.type = &setting_type_hex;
	setting_name(settings_root(), &s, buf, sizeof(buf));
	ok_str(buf, "175.8:hex");

	ok(find_named_setting("root-path") == &root_path_setting);
	ok(find_named_setting("filename")->tag == TAG_FILE);
	ok(find_named_setting("nosuch") == NULL);

	tree_down();
}

UNIT_TEST(settings_tree)
{
	struct generic_settings dup;
	struct settings *from;
	struct setting host = hostname_setting;

	tree_up();

	ok(find_settings("") == settings_root());
	ok(find_settings("ta") == &ta.settings);
	ok(find_settings("tb.x") == &tbx.settings);
	ok(find_settings("tb.nosuch") == NULL);
	ok(find_settings("x") == NULL);
	ok_str(settings_name(&tbx.settings), "tb.x");
	ok_str(settings_name(settings_root()), "");
	generic_settings_init(&dup, NULL);
	ok(register_settings(&dup.settings, NULL, "ta") == -EEXIST);

	/* Depth first: tb (order 0), then its child, then ta. */
	ok(put(&tbx.settings, "ut-v", "deep") == 0);
	ok(put(&ta.settings, "ut-v", "ta") == 0);
	ok_str(get("ut-v", &from), "deep");
	ok(from == &tbx.settings);
	/* The root is searched before any child... */
	ok(put(NULL, "ut-v", "root") == 0);
	ok_str(get("ut-v", &from), "root");
	ok(from == settings_root());
	/* ...and a replaced value is the only one. */
	ok(put(NULL, "ut-v", "root2") == 0);
	ok_str(get("ut-v", NULL), "root2");
	ok(put(NULL, "ut-v", "") == 0);
	ok_str(get("ut-v", NULL), "deep");
	ok(put(&tbx.settings, "ut-v", NULL) == 0);
	ok_str(get("ut-v", &from), "ta");
	ok(from == &ta.settings);
	ok(put(&ta.settings, "ut-v", NULL) == 0);
	ok_str(get("ut-v", &from), "ENOENT");

	/* A scope limits the search to that block and below. */
	ok(put(&tbx.settings, "ut-w", "tbx") == 0);
	ok(put(&ta.settings, "ut-w", "ta") == 0);
	{
		struct setting w = { .name = "ut-w" };
		char buf[8];

		ok(fetch_string_setting(&ta.settings, &w, buf, 8) == 2);
		ok_str(buf, "ta");
		ok(fetch_string_setting(&tb.settings, &w, buf, 8) == 3);
		ok_str(buf, "tbx");
		ok(fetch_string_setting(&tbx.settings, &w, buf, 3) == 3);
		ok_str(buf, "tb");
		ok(delete_setting(&ta.settings, &w) == 0);
		ok(delete_setting(&tbx.settings, &w) == 0);
	}

	/* A block without store is read-only, but still searched. */
	ok(store_setting(&ro, &host, "x", 1) == -ENOTSUP);
	ok(storef_setting(&ro, &host, "x") == -ENOTSUP);
	{
		char *name = fetch_string_setting_copy(NULL, &hostname_setting);

		ok_str(name, "ro-host");
		free(name);
	}

	/* Tags match tags whatever the name. */
	{
		struct setting by_number = { .name = "12", .tag = 12 };
		char buf[16];

		ok(fetchf_setting(&ro, &by_number, buf, sizeof(buf)) == 7);
		ok_str(buf, "ro-host");
	}

	tree_down();
	ok(find_settings("ta") == NULL);
}

UNIT_TEST(settings_typed_access)
{
	struct setting v = { .name = "ut-typed", .type = &setting_type_hex };
	struct setting u16 = { .name = "ut-u16", .type = &setting_type_uint16 };
	struct setting ask = { .name = "ut-typed" };
	unsigned long value;
	uint32_t addr;
	char *text;

	ok(storef_setting(NULL, &v, "01:02") == 0);
	/* The stored type is reported to a caller that had none. */
	ok(fetchf_setting_copy(NULL, &ask, &text) == 5);
	ok_str(text, "01:02");
	ok(ask.type == &setting_type_hex);
	free(text);
	ok(storef_setting(NULL, &v, "01:2") == -EINVAL);
	ok(fetch_setting(NULL, &ask, NULL, NULL, 0) == 2);

	ok(storef_setting(NULL, &u16, "65535") == 0);
	ok(fetch_uint_setting(NULL, &u16, &value) == 2 && value == 65535);
	ok(store_setting(NULL, &u16, "\x12\x34\x56\x78", 4) == 0);
	ok(fetch_uint_setting(NULL, &u16, &value) == 4 &&
	   value == 0x12345678);
	ok(store_setting(NULL, &u16, "\x01\x02\x03\x04\x05", 5) == 0);
	ok(fetch_uint_setting(NULL, &u16, &value) == -ERANGE);

	ok(storef_setting(NULL, &ip_setting, "10.1.2.3") == 0);
	ok(fetch_ipv4_setting(NULL, &ip_setting, &addr) == 4);
	ok_mem(&addr, "\x0a\x01\x02\x03", 4);
	ok(storef_setting(NULL, &ip_setting, "10.1.2") == -EINVAL);
	ok(fetch_ipv4_setting(NULL, &ip_setting, &addr) == 4);

	ok(delete_setting(NULL, &v) == 0);
	ok(delete_setting(NULL, &u16) == 0);
	ok(delete_setting(NULL, &ip_setting) == 0);
	ok(fetch_ipv4_setting(NULL, &ip_setting, &addr) == -ENOENT);
	ok(fetch_uint_setting(NULL, &u16, &value) == -ENOENT);
	ok(fetch_string_setting_copy(NULL, &v) == NULL);
	ok(fetchf_setting_copy(NULL, &ask, &text) == -ENOENT && !text);
}

/* Expand text and compare; frees the result. */
static void check_expand(const char *text, const char *want)
{
	char *got = expand_settings(text);

	ok_str(got, want);
	free(got);
}

UNIT_TEST(settings_expand)
{
	struct setting opt = { .name = "209", .tag = 209,
			       .type = &setting_type_string };
	char *copy;

	tree_up();
	ok(put(NULL, "ut-var", "ut-foo") == 0);
	ok(put(NULL, "ut-foo", "bar") == 0);
	ok(put(&ta.settings, "ut-only", "in-ta") == 0);
	ok(storef_setting(NULL, &ip_setting, "10.0.0.1") == 0);
	ok(storef_setting(NULL, &opt, "pxelinux.cfg/ab") == 0);
	ok(put(NULL, "ut-loop", "${ut-loop}") == 0);

	copy = expand_settings("plain text");
	ok_str(copy, "plain text");
	ok(copy != NULL);
	free(copy);
	check_expand("", "");
	check_expand("${ut-foo}", "bar");
	check_expand("a ${ut-foo} b ${ut-foo}", "a bar b bar");
	check_expand("${ta/ut-only}", "in-ta");
	check_expand("${tb/ut-only}", "");
	check_expand("${ut-only}", "in-ta");

	/* Typed. */
	check_expand("${ip}", "10.0.0.1");
	check_expand("${ip:hex}", "0a:00:00:01");
	check_expand("${ip:hexraw}", "0a000001");
	check_expand("${ip:uint32}", "167772161");

	/* Nested: the inner value names the outer setting. */
	check_expand("${${ut-var}}", "bar");
	check_expand("<${${ut-var}}>${ut-var}", "<bar>ut-foo");

	/* Unknown names, scopes and types give nothing. */
	check_expand("[${ut-nosuch}]", "[]");
	check_expand("[${nosuch/ip}]", "[]");
	check_expand("[${ip:nosuch}]", "[]");
	check_expand("[${}]", "[]");

	/* Unterminated or stray braces stay as written. */
	check_expand("a${ut-foo", "a${ut-foo");
	check_expand("${a${ut-var}", "${aut-foo");
	check_expand("a}b{c$d", "a}b{c$d");
	check_expand("$${ut-foo}}", "$bar}");

	/* Numeric names, with or without a type. */
	check_expand("${209:string}", "pxelinux.cfg/ab");
	check_expand("${209}", "pxelinux.cfg/ab");
	check_expand("${209:hex}",
		     "70:78:65:6c:69:6e:75:78:2e:63:66:67:2f:61:62");

	/* A value is never expanded again, so it cannot loop. */
	check_expand("${ut-loop}", "${ut-loop}");

	put(NULL, "ut-var", NULL);
	put(NULL, "ut-foo", NULL);
	put(NULL, "ut-loop", NULL);
	delete_setting(NULL, &ip_setting);
	delete_setting(NULL, &opt);
	check_expand("${ut-foo}${209}", "");
	tree_down();
}
