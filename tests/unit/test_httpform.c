/* Unit tests for HTTP form posts (net/httpform.c): which URIs post which
 * list, the urlencoded body and the header entries. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/uri.h>
#include <net/httpform.h>
#include <usr/params.h>
#include "test.h"

static int build(const char *text, struct http_form *form)
{
	struct uri *uri = parse_uri(text);
	int rc;

	ok(uri != NULL);
	rc = http_form_build(uri, form);
	free(uri);
	return rc;
}

UNIT_TEST(http_form_post)
{
	struct param_list *list = create_param_list("ut-form");
	struct http_form form;

	ok(list != NULL);
	ok(add_param(list, "a b", "x&y=z/~", false) == 0);
	ok(add_param(list, "X-Id", "7 8", true) == 0);
	ok(add_param(list, "empty", "", false) == 0);
	ok(build("http://h/p?q=1##params=ut-form", &form) == 0);
	ok_str(form.method, "POST");
	ok_str(form.body, "a%20b=x%26y%3Dz%2F~&empty=");
	ok_str(form.headers, "X-Id: 7 8\r\n"
	       "Content-Type: application/x-www-form-urlencoded\r\n"
	       "Content-Length: 26\r\n");
	http_form_free(&form);
	destroy_param_list(list);
}

UNIT_TEST(http_form_get)
{
	struct http_form form;

	/* No fragment, another fragment, a list that does not exist. */
	ok(build("http://h/p", &form) == 0);
	ok_str(form.method, "GET");
	ok_str(form.body, "");
	ok_str(form.headers, "");
	http_form_free(&form);
	ok(build("http://h/p#paramsx", &form) == 0);
	ok_str(form.method, "GET");
	http_form_free(&form);
	ok(build("http://h/p##params=ut-none", &form) == -ENOENT);
}
