/* Form parameter lists (params, param): named lists of key=value pairs
 * that a URI "...##params" or "##params=NAME" sends as an HTTP POST
 * body.  Only storage lives here; the HTTP client reads the lists. */
#ifndef USR_PARAMS_H
#define USR_PARAMS_H
#include <cxboot/list.h>

struct param {
	struct list_head list;
	char *key;
	char *value;
	bool header;		/* an HTTP request header, not a form field */
};

struct param_list {
	struct list_head list;
	char *name;		/* "" for the unnamed list */
	struct list_head params;	/* in the order given */
};

/* The list called name (NULL: the unnamed one), or NULL. */
struct param_list *find_param_list(const char *name);
/* A new empty list, replacing any of the same name. */
struct param_list *create_param_list(const char *name);
int add_param(struct param_list *list, const char *key, const char *value,
	      bool header);
void destroy_param_list(struct param_list *list);

#endif
