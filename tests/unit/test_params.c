/* params and param build named lists of form fields and headers, in
 * order; a new params replaces a list of the same name. */
#include <usr/params.h>
#include <usr/shell.h>
#include "test.h"

static const char *describe(const char *name)
{
	static char out[128];
	struct param_list *list = find_param_list(name);
	struct param *p;

	if (!list)
		return "(none)";
	out[0] = '\0';
	list_for_each_entry(p, &list->params, list) {
		strcat(out, p->header ? "H:" : "");
		strcat(out, p->key);
		strcat(out, "=");
		strcat(out, p->value);
		strcat(out, ";");
	}
	return out;
}

UNIT_TEST(params_lists)
{
	ok(system("param a 1") != 0);		/* no list yet */
	ok(system("params") == 0);
	ok(system("param mac 52:54:00:aa:bb:0c") == 0);
	ok(system("param --header X-Id two words") == 0);
	ok(system("params --name other") == 0);
	ok(system("param --params other k") == 0);
	ok_str(describe(NULL), "mac=52:54:00:aa:bb:0c;H:X-Id=two words;");
	ok_str(describe("other"), "k=;");
	ok(system("params") == 0);
	ok_str(describe(NULL), "");
	ok(system("params --delete") == 0);
	ok(system("params --name other --delete") == 0);
	ok_str(describe(NULL), "(none)");
	ok(system("params --delete") != 0);
}
