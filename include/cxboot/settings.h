/* Settings: a tree of blocks holding typed values.
 *
 * A setting is addressed as [scope/]name[:type].  The scope is a block
 * path ("net0", "net0.dhcp"; "netX" is the last opened device), the name
 * is a known name ("ip", "filename") or a DHCP option number, possibly
 * encapsulated ("175.8"), or up to three numbers each a byte of the tag
 * but the first ("0x18.0.2": what "pci/" reads).  A fetch without a scope searches the root
 * block and then every descendant, depth first. */
#ifndef CXBOOT_SETTINGS_H
#define CXBOOT_SETTINGS_H
#include <cxboot/compiler.h>
#include <cxboot/list.h>
#include <cxboot/refcnt.h>
#include <cxboot/tables.h>

struct settings;
struct setting;

/* A value type: parse text to raw bytes and format raw bytes to text.
 * Both return the length they need (even when larger than the buffer)
 * or a negative error. */
struct setting_type {
	const char *name;
	int (*parse)(const struct setting_type *type, const char *text,
		     void *raw, size_t len);
	int (*format)(const struct setting_type *type, const void *raw,
		      size_t raw_len, char *buf, size_t len);
};
#define SETTING_TYPE(name) TABLE_ENTRY(setting_types, struct setting_type, name)

extern const struct setting_type setting_type_string;
extern const struct setting_type setting_type_ipv4;
extern const struct setting_type setting_type_int8, setting_type_int16,
	setting_type_int32, setting_type_uint8, setting_type_uint16,
	setting_type_uint32;
extern const struct setting_type setting_type_hex, setting_type_hexhyp,
	setting_type_hexraw, setting_type_uuid;

/* Tags: DHCP option numbers; an encapsulated option is (outer << 8 |
 * inner); fields of the BOOTP header use the private tags below. */
#define DHCP_ENCAP_TAG(outer, inner) (((outer) << 8) | (inner))
#define TAG_YIADDR 0x10001
#define TAG_SIADDR 0x10002
#define TAG_FILE   0x10003   /* BOOTP file field / option 67 */

/* A setting's identity.  Two settings match when both have tags and the
 * tags are equal, or otherwise when the names are equal. */
struct setting {
	const char *name;
	const char *description;
	const struct setting_type *type;
	unsigned int tag;
};
/* Well-known named settings (ip, netmask, filename, ...). */
#define NAMED_SETTING(name) TABLE_ENTRY(settings, struct setting, name)
extern const struct setting ip_setting, netmask_setting, gateway_setting,
	dns_setting, hostname_setting, domain_setting, root_path_setting,
	next_server_setting, filename_setting, user_class_setting;
/* The well-known setting called name, or NULL. */
const struct setting *find_named_setting(const char *name);

struct settings_ops {
	/* Store raw data (NULL/0 deletes). */
	int (*store)(struct settings *s, const struct setting *setting,
		     const void *data, size_t len);
	/* Fetch raw data; returns the full length or -ENOENT.  May fill in
	 * setting->type when the block knows a better one. */
	int (*fetch)(struct settings *s, struct setting *setting, void *data,
		     size_t len);
	void (*clear)(struct settings *s);
};

struct settings {
	struct refcnt *refcnt;
	const char *name;
	struct settings *parent;
	struct list_head siblings, children;
	const struct settings_ops *op;
	int order;   /* lower is searched first among siblings */
	/* Answers only when named as the scope ("pci/..."), never to a
	 * search from above: its names mean nothing elsewhere. */
	bool scoped_only;
};

/* A block that stores whatever is put into it. */
struct generic_settings {
	struct settings settings;
	struct list_head list;
};
extern const struct settings_ops generic_settings_ops;
void generic_settings_init(struct generic_settings *g, struct refcnt *ref);

static inline void settings_init(struct settings *s,
				 const struct settings_ops *op,
				 struct refcnt *refcnt, int order)
{
	s->refcnt = refcnt;
	s->name = "";
	s->parent = NULL;
	INIT_LIST_HEAD(&s->siblings);
	INIT_LIST_HEAD(&s->children);
	s->op = op;
	s->order = order;
	s->scoped_only = false;
}

/* The root block (holds values set without a scope). */
struct settings *settings_root(void);
int register_settings(struct settings *s, struct settings *parent,
		      const char *name);
void unregister_settings(struct settings *s);
/* Changes to the tree: every store, registration and removal of a block
 * counts one (a block whose values change by other means calls
 * settings_changed()).  Whoever caches values read from settings keeps
 * the count it read them at, and reads again once settings_changes()
 * differs. */
unsigned long settings_changes(void);
void settings_changed(void);

/* Find by dotted path from the root; NULL if absent. */
struct settings *find_settings(const char *path);
/* The full dotted name of a block, e.g. "net0.dhcp" (static buffer). */
const char *settings_name(struct settings *s);

/* Scope aliases ("netX") resolve to a block path. */
struct settings_alias {
	const char *name;
	struct settings *(*resolve)(void);
};
#define SETTINGS_ALIAS(n) TABLE_ENTRY(settings_aliases, struct settings_alias, n)

/* Parse "[scope/]name[:type]".  On success *settings is the scope (NULL
 * for none) and setting describes the name and type; name points into
 * the caller-supplied buf, which must outlive the setting. */
int parse_setting_name(char *buf, struct settings **settings,
		       struct setting *setting,
		       const struct setting_type *default_type);
/* Format "scope/name:type" (for show). */
int setting_name(struct settings *settings, const struct setting *setting,
		 char *buf, size_t len);
bool setting_cmp(const struct setting *a, const struct setting *b);

/* Raw access; settings NULL means the root and its descendants.
 * fetch returns the full raw length (may exceed len) or -ENOENT.
 * origin (may be NULL) receives the block that held the value. */
int fetch_setting(struct settings *settings, struct setting *setting,
		  struct settings **origin, void *data, size_t len);
int store_setting(struct settings *settings, const struct setting *setting,
		  const void *data, size_t len);
static inline int delete_setting(struct settings *s, const struct setting *st)
{
	return store_setting(s, st, NULL, 0);
}
/* Allocated raw copy (caller frees); returns length or -ENOENT/-ENOMEM */
int fetch_setting_copy(struct settings *settings, struct setting *setting,
		       void **data);

/* Typed access, formatted by setting->type. */
int fetchf_setting(struct settings *settings, struct setting *setting,
		   char *buf, size_t len);
/* Allocated text (caller frees); returns length or negative. */
int fetchf_setting_copy(struct settings *settings, struct setting *setting,
			char **text);
int storef_setting(struct settings *settings, const struct setting *setting,
		   const char *text);

/* Convenience fetchers.  Return the raw length or -ENOENT. */
int fetch_ipv4_setting(struct settings *s, const struct setting *setting,
		       uint32_t *addr /* network order */);
int fetch_string_setting(struct settings *s, const struct setting *setting,
			 char *buf, size_t len);
/* Allocated, NULL if absent. */
char *fetch_string_setting_copy(struct settings *s,
				const struct setting *setting);
int fetch_uint_setting(struct settings *s, const struct setting *setting,
		       unsigned long *value);

/* Expand every ${name[:type]} in text.  Unknown settings expand to the
 * empty string.  Returns an allocated string or NULL (out of memory). */
char *expand_settings(const char *text);

/* Type helpers for unit tests and the shell. */
const struct setting_type *find_setting_type(const char *name);

#endif
