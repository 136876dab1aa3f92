/* The settings tree: blocks of typed values, named as
 * "[scope/]name[:type]", searched depth first from the root, and
 * expanded into text as ${...}.
 *
 * Offers the tree itself (register, find, name), raw and formatted
 * fetch and store, the generic block that keeps whatever is stored in
 * it (the root is one), the table of well-known setting names, and
 * expand_settings(). */
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <errno.h>
#include <cxboot/settings.h>

/* ---- well-known names ---- */

/* Table entries are static by construction; the header names some. */
#define EXPORT_SETTING(pub, entry) \
	extern const struct setting pub __attribute__((alias(#entry)))

NAMED_SETTING(ip_entry) = {
	"ip", "IP address", &setting_type_ipv4, TAG_YIADDR };
NAMED_SETTING(netmask_entry) = {
	"netmask", "Subnet mask", &setting_type_ipv4, 1 };
NAMED_SETTING(gateway_entry) = {
	"gateway", "Default gateway", &setting_type_ipv4, 3 };
NAMED_SETTING(dns_entry) = {
	"dns", "DNS server", &setting_type_ipv4, 6 };
NAMED_SETTING(hostname_entry) = {
	"hostname", "Host name", &setting_type_string, 12 };
NAMED_SETTING(domain_entry) = {
	"domain", "DNS domain", &setting_type_string, 15 };
NAMED_SETTING(root_path_entry) = {
	"root-path", "SAN root path", &setting_type_string, 17 };
NAMED_SETTING(next_server_entry) = {
	"next-server", "TFTP server", &setting_type_ipv4, TAG_SIADDR };
NAMED_SETTING(filename_entry) = {
	"filename", "Boot filename", &setting_type_string, TAG_FILE };
NAMED_SETTING(user_class_entry) = {
	"user-class", "DHCP user class", &setting_type_string, 77 };
EXPORT_SETTING(ip_setting, ip_entry);
EXPORT_SETTING(netmask_setting, netmask_entry);
EXPORT_SETTING(gateway_setting, gateway_entry);
EXPORT_SETTING(dns_setting, dns_entry);
EXPORT_SETTING(hostname_setting, hostname_entry);
EXPORT_SETTING(domain_setting, domain_entry);
EXPORT_SETTING(root_path_setting, root_path_entry);
EXPORT_SETTING(next_server_setting, next_server_entry);
EXPORT_SETTING(filename_setting, filename_entry);
EXPORT_SETTING(user_class_setting, user_class_entry);

NAMED_SETTING(mtu_entry) = {
	"mtu", "Interface MTU", &setting_type_uint16, 26 };
NAMED_SETTING(lease_time_entry) = {
	"lease-time", "DHCP lease time", &setting_type_uint32, 51 };
NAMED_SETTING(dhcp_server_entry) = {
	"dhcp-server", "DHCP server", &setting_type_ipv4, 54 };
NAMED_SETTING(vendor_class_entry) = {
	"vendor-class", "DHCP vendor class", &setting_type_string, 60 };
NAMED_SETTING(priority_entry) = {
	"priority", "Settings priority", &setting_type_int8,
	DHCP_ENCAP_TAG(175, 1) };
NAMED_SETTING(scriptlet_entry) = {
	"scriptlet", "Boot scriptlet", &setting_type_string,
	DHCP_ENCAP_TAG(175, 81) };

const struct setting *find_named_setting(const char *name)
{
	for_each_table_entry(setting, settings, struct setting) {
		if (strcmp(setting->name, name) == 0)
			return setting;
	}
	return NULL;
}

bool setting_cmp(const struct setting *a, const struct setting *b)
{
	if (a->tag && b->tag)
		return a->tag == b->tag;
	return a->name && b->name && strcmp(a->name, b->name) == 0;
}

/* ---- generic block ---- */

/* One stored value; the raw data and then the name follow the entry. */
struct generic_entry {
	struct list_head list;
	struct setting setting;
	size_t len;
	uint8_t data[];
};

static struct generic_entry *generic_find(struct generic_settings *g,
					  const struct setting *setting)
{
	struct generic_entry *e;

	list_for_each_entry(e, &g->list, list) {
		if (setting_cmp(&e->setting, setting))
			return e;
	}
	return NULL;
}

static int generic_store(struct settings *s, const struct setting *setting,
			 const void *data, size_t len)
{
	struct generic_settings *g =
		container_of(s, struct generic_settings, settings);
	struct generic_entry *old = generic_find(g, setting);
	const char *name = setting->name ? setting->name : "";
	struct generic_entry *e;

	/* The new value is in place before the old one goes, so running
	 * out of memory keeps the old value. */
	if (data && len) {
		e = malloc(sizeof(*e) + len + strlen(name) + 1);
		if (!e)
			return -ENOMEM;
		e->setting = *setting;
		e->len = len;
		memcpy(e->data, data, len);
		e->setting.name = strcpy((char *)e->data + len, name);
		list_add_tail(&e->list, &g->list);
	}
	if (old) {
		list_del(&old->list);
		free(old);
	}
	return 0;
}

static int generic_fetch(struct settings *s, struct setting *setting,
			 void *data, size_t len)
{
	struct generic_settings *g =
		container_of(s, struct generic_settings, settings);
	struct generic_entry *e = generic_find(g, setting);

	if (!e)
		return -ENOENT;
	if (data)
		memcpy(data, e->data, MIN(len, e->len));
	if (!setting->type)
		setting->type = e->setting.type;
	return e->len;
}

static void generic_clear(struct settings *s)
{
	struct generic_settings *g =
		container_of(s, struct generic_settings, settings);
	struct generic_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, &g->list, list) {
		list_del(&e->list);
		free(e);
	}
}

const struct settings_ops generic_settings_ops = {
	.store = generic_store,
	.fetch = generic_fetch,
	.clear = generic_clear,
};

void generic_settings_init(struct generic_settings *g, struct refcnt *ref)
{
	settings_init(&g->settings, &generic_settings_ops, ref, 0);
	INIT_LIST_HEAD(&g->list);
}

/* ---- the tree ---- */

static struct generic_settings root = {
	.settings = {
		.name = "",
		.siblings = LIST_HEAD_INIT(root.settings.siblings),
		.children = LIST_HEAD_INIT(root.settings.children),
		.op = &generic_settings_ops,
	},
	.list = LIST_HEAD_INIT(root.list),
};

struct settings *settings_root(void)
{
	return &root.settings;
}

/* Starts above 0 so that a zeroed cache is never current. */
static unsigned long changes = 1;

unsigned long settings_changes(void)
{
	return changes;
}

void settings_changed(void)
{
	changes++;
}

/* The child called name[0..n) of parent. */
static struct settings *find_child(struct settings *parent, const char *name,
				   size_t n)
{
	struct settings *s;

	list_for_each_entry(s, &parent->children, siblings) {
		if (strlen(s->name) == n && memcmp(s->name, name, n) == 0)
			return s;
	}
	return NULL;
}

/* Walk a dotted path down from s. */
static struct settings *find_path(struct settings *s, const char *path)
{
	while (s && *path) {
		const char *dot = strchr(path, '.');
		size_t n = dot ? (size_t)(dot - path) : strlen(path);

		s = find_child(s, path, n);
		path += dot ? n + 1 : n;
	}
	return s;
}

struct settings *find_settings(const char *path)
{
	return find_path(&root.settings, path);
}

int register_settings(struct settings *s, struct settings *parent,
		      const char *name)
{
	struct settings *pos;

	if (!parent)
		parent = &root.settings;
	if (find_child(parent, name, strlen(name)))
		return -EEXIST;
	s->name = name;
	s->parent = parent;
	/* After every sibling of the same order: first come, first seen. */
	list_for_each_entry(pos, &parent->children, siblings) {
		if (pos->order > s->order)
			break;
	}
	list_add_tail(&s->siblings, &pos->siblings);
	ref_get(s->refcnt);
	settings_changed();
	return 0;
}

void unregister_settings(struct settings *s)
{
	/* Children cannot outlive the parent they name. */
	while (!list_empty(&s->children))
		unregister_settings(list_entry(s->children.next,
					       struct settings, siblings));
	if (!s->parent)
		return;
	list_del(&s->siblings);
	s->parent = NULL;
	settings_changed();
	ref_put(s->refcnt);
}

/* Write the dotted path of s; returns the length it needs. */
static size_t path_of(struct settings *s, char *buf, size_t len)
{
	size_t used = 0;

	if (s->parent && s->parent != &root.settings) {
		used = path_of(s->parent, buf, len);
		used += snprintf(buf + MIN(used, len), len - MIN(used, len),
				 ".");
	}
	return used + snprintf(buf + MIN(used, len), len - MIN(used, len),
			       "%s", s->name);
}

const char *settings_name(struct settings *s)
{
	static char name[64];

	path_of(s, name, sizeof(name));
	return name;
}

/* ---- names ---- */

/* A scope is a block path, or an alias ("netX") maybe followed by a path
 * below it ("netX.dhcp"). */
static struct settings *resolve_scope(const char *scope)
{
	struct settings *s = find_settings(scope);
	const char *dot = strchr(scope, '.');
	size_t n = dot ? (size_t)(dot - scope) : strlen(scope);

	if (s)
		return s;
	for_each_table_entry(alias, settings_aliases, struct settings_alias) {
		if (strlen(alias->name) != n ||
		    memcmp(alias->name, scope, n) != 0)
			continue;
		s = alias->resolve();
		return s ? find_path(s, dot ? dot + 1 : "") : NULL;
	}
	return NULL;
}

/* "N" is DHCP option N; "N.M" is option M inside option N.  "A.B.C"
 * is (A << 16 | B << 8 | C), a PCI function A's configuration space
 * from offset B for C bytes; numbers may be hex ("0x18"). */
static int parse_tag(const char *name, unsigned int *tag)
{
	unsigned long part[3];
	unsigned int n = 0;
	const char *p = name;
	char *end;

	for (;;) {
		if (n == ARRAY_SIZE(part) || !isdigit((unsigned char)*p))
			return -EINVAL;
		part[n++] = strtoul(p, &end, 0);
		if (*end != '.')
			break;
		p = end + 1;
	}
	if (*end)
		return -EINVAL;
	if (n == 3) {
		if (part[0] > 0xffff || part[1] > 255 || part[2] > 255)
			return -EINVAL;
		*tag = part[0] << 16 | part[1] << 8 | part[2];
		return 0;
	}
	for (unsigned int i = 0; i < n; i++) {
		if (part[i] < 1 || part[i] > 255)
			return -EINVAL;
	}
	*tag = n == 2 ? DHCP_ENCAP_TAG(part[0], part[1]) : part[0];
	return 0;
}

int parse_setting_name(char *buf, struct settings **settings,
		       struct setting *setting,
		       const struct setting_type *default_type)
{
	const struct setting_type *type = NULL;
	const struct setting *known = NULL;
	char *name = buf;
	char *slash = strrchr(buf, '/');
	char *colon;
	int rc;

	memset(setting, 0, sizeof(*setting));
	*settings = NULL;
	if (slash) {
		*slash = '\0';
		name = slash + 1;
		*settings = resolve_scope(buf);
		if (!*settings)
			return -ENODEV;
	}
	colon = strrchr(name, ':');
	if (colon) {
		*colon = '\0';
		type = find_setting_type(colon + 1);
		if (!type)
			return -ENOTSUP;
	}
	if (!*name)
		return -EINVAL;

	if (isdigit((unsigned char)*name)) {
		rc = parse_tag(name, &setting->tag);
		if (rc)
			return rc;
		setting->name = name;
	} else if ((known = find_named_setting(name))) {
		*setting = *known;
	} else {
		setting->name = name;
	}
	setting->type = type ? type : known ? known->type : default_type;
	return 0;
}

int setting_name(struct settings *settings, const struct setting *setting,
		 char *buf, size_t len)
{
	const char *scope = "";
	const char *name = setting->name;
	char number[16];

	if (settings && settings != &root.settings)
		scope = settings_name(settings);
	if (!name || !*name) {
		if (setting->tag > 0xffff && setting->tag < 0x1000000)
			snprintf(number, sizeof(number), "%u.%u.%u",
				 setting->tag >> 16, setting->tag >> 8 & 0xff,
				 setting->tag & 0xff);
		else if (setting->tag > 0xff && setting->tag <= 0xffff)
			snprintf(number, sizeof(number), "%u.%u",
				 setting->tag >> 8, setting->tag & 0xff);
		else
			snprintf(number, sizeof(number), "%u", setting->tag);
		name = number;
	}
	return snprintf(buf, len, "%s%s%s%s%s", scope, *scope ? "/" : "",
			name, setting->type ? ":" : "",
			setting->type ? setting->type->name : "");
}

/* ---- raw access ---- */

static int fetch_from(struct settings *s, struct setting *setting,
		      struct settings **origin, void *data, size_t len)
{
	struct settings *child;
	int rc;

	if (s->op && s->op->fetch) {
		rc = s->op->fetch(s, setting, data, len);
		if (rc >= 0) {
			if (origin)
				*origin = s;
			return rc;
		}
	}
	list_for_each_entry(child, &s->children, siblings) {
		if (child->scoped_only)
			continue;
		rc = fetch_from(child, setting, origin, data, len);
		if (rc >= 0)
			return rc;
	}
	return -ENOENT;
}

int fetch_setting(struct settings *settings, struct setting *setting,
		  struct settings **origin, void *data, size_t len)
{
	if (origin)
		*origin = NULL;
	return fetch_from(settings ? settings : &root.settings, setting,
			  origin, data, len);
}

int store_setting(struct settings *settings, const struct setting *setting,
		  const void *data, size_t len)
{
	if (!settings)
		settings = &root.settings;
	if (!settings->op || !settings->op->store)
		return -ENOTSUP;
	/* Even a failed store may have removed the old value. */
	settings_changed();
	return settings->op->store(settings, setting, data, len);
}

int fetch_setting_copy(struct settings *settings, struct setting *setting,
		       void **data)
{
	struct settings *origin;
	int len;

	*data = NULL;
	len = fetch_setting(settings, setting, &origin, NULL, 0);
	if (len < 0)
		return len;
	*data = malloc(len ? len : 1);
	if (!*data)
		return -ENOMEM;
	/* Ask the block that answered, so the size still holds. */
	origin->op->fetch(origin, setting, *data, len);
	return len;
}

/* ---- formatted access ---- */

static const struct setting_type *type_of(const struct setting *setting)
{
	return setting->type ? setting->type : &setting_type_string;
}

int fetchf_setting(struct settings *settings, struct setting *setting,
		   char *buf, size_t len)
{
	const struct setting_type *type;
	void *raw;
	int raw_len, rc;

	raw_len = fetch_setting_copy(settings, setting, &raw);
	if (raw_len < 0)
		return raw_len;
	type = type_of(setting);
	rc = type->format(type, raw, raw_len, buf, len);
	free(raw);
	return rc;
}

int fetchf_setting_copy(struct settings *settings, struct setting *setting,
			char **text)
{
	int len;

	*text = NULL;
	len = fetchf_setting(settings, setting, NULL, 0);
	if (len < 0)
		return len;
	*text = malloc(len + 1);
	if (!*text)
		return -ENOMEM;
	len = fetchf_setting(settings, setting, *text, len + 1);
	if (len < 0) {
		free(*text);
		*text = NULL;
	}
	return len;
}

/* Empty text clears the setting. */
int storef_setting(struct settings *settings, const struct setting *setting,
		   const char *text)
{
	const struct setting_type *type = type_of(setting);
	void *raw;
	int len, rc;

	if (!text)
		return delete_setting(settings, setting);
	len = type->parse(type, text, NULL, 0);
	if (len <= 0)
		return len ? len : delete_setting(settings, setting);
	raw = malloc(len);
	if (!raw)
		return -ENOMEM;
	type->parse(type, text, raw, len);
	rc = store_setting(settings, setting, raw, len);
	free(raw);
	return rc;
}

/* ---- convenience fetchers ---- */

int fetch_ipv4_setting(struct settings *s, const struct setting *setting,
		       uint32_t *addr)
{
	struct setting tmp = *setting;
	uint32_t a;
	int rc;

	rc = fetch_setting(s, &tmp, NULL, &a, sizeof(a));
	if (rc < 0)
		return rc;
	if (rc < (int)sizeof(a))
		return -EINVAL;
	*addr = a;
	return rc;
}

int fetch_string_setting(struct settings *s, const struct setting *setting,
			 char *buf, size_t len)
{
	struct setting tmp = *setting;
	int rc;

	rc = fetch_setting(s, &tmp, NULL, buf, len ? len - 1 : 0);
	if (len)
		buf[rc < 0 ? 0 : MIN((size_t)rc, len - 1)] = '\0';
	return rc;
}

char *fetch_string_setting_copy(struct settings *s,
				const struct setting *setting)
{
	struct setting tmp = *setting;
	char *buf;
	int len;

	len = fetch_setting(s, &tmp, NULL, NULL, 0);
	if (len < 0)
		return NULL;
	buf = malloc(len + 1);
	if (buf)
		fetch_string_setting(s, setting, buf, len + 1);
	return buf;
}

int fetch_uint_setting(struct settings *s, const struct setting *setting,
		       unsigned long *value)
{
	struct setting tmp = *setting;
	uint8_t raw[4];
	int rc;

	rc = fetch_setting(s, &tmp, NULL, raw, sizeof(raw));
	if (rc < 0)
		return rc;
	if (rc == 0 || rc > (int)sizeof(raw))
		return -ERANGE;
	*value = 0;
	for (int i = 0; i < rc; i++)
		*value = (*value << 8) | raw[i];
	return rc;
}

/* ---- expansion ---- */

/* A growing, always NUL-terminated string. */
struct text {
	char *data;
	size_t len, size;
	bool failed;
};

static void text_add(struct text *t, const char *s, size_t n)
{
	if (t->failed)
		return;
	if (t->len + n + 1 > t->size) {
		size_t size = (t->len + n + 1) * 2;
		char *p = realloc(t->data, size);

		if (!p) {
			t->failed = true;
			return;
		}
		t->data = p;
		t->size = size;
	}
	memcpy(t->data + t->len, s, n);
	t->len += n;
	t->data[t->len] = '\0';
}

/* Append the formatted value of the setting called name (modified). */
static void add_value(struct text *t, char *name)
{
	struct settings *scope;
	struct setting setting;
	char *value;
	int rc;

	if (parse_setting_name(name, &scope, &setting, NULL) < 0)
		return;
	rc = fetchf_setting_copy(scope, &setting, &value);
	if (rc == -ENOMEM)
		t->failed = true;
	if (rc < 0)
		return;
	text_add(t, value, strlen(value));
	free(value);
}

/* Innermost first: a '}' closes the latest open "${", whose text so far
 * (already expanded) is the name.  Values are appended and never
 * scanned again, so a value holding "${" cannot loop.  An unclosed "${"
 * stays as it was. */
char *expand_settings(const char *text)
{
	struct text out = { 0 };
	size_t *open, depth = 0;

	/* Each "${" takes two characters, which bounds the nesting. */
	open = malloc((strlen(text) / 2 + 1) * sizeof(*open));
	if (!open)
		return NULL;
	text_add(&out, "", 0);
	for (const char *p = text; *p && !out.failed; p++) {
		if (p[0] == '$' && p[1] == '{') {
			open[depth++] = out.len;
			text_add(&out, p++, 2);
		} else if (p[0] == '}' && depth) {
			size_t start = open[--depth];
			char *name = strdup(out.data + start + 2);

			if (!name) {
				out.failed = true;
				break;
			}
			out.len = start;
			out.data[start] = '\0';
			add_value(&out, name);
			free(name);
		} else {
			text_add(&out, p, 1);
		}
	}
	free(open);
	if (out.failed) {
		free(out.data);
		return NULL;
	}
	return out.data;
}
