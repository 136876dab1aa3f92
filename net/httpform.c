/* HTTP form posts (see <net/httpform.h>). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <cxboot/errdetail.h>
#include <cxboot/uri.h>
#include <net/httpform.h>
#include <usr/params.h>

/* Append s to *text (allocated), percent-encoding all but the
 * unreserved characters of RFC 3986 when encode is set. */
static int append(char **text, const char *s, bool encode)
{
	size_t len = strlen(*text), add = 0;
	char *grown, *p;

	for (const char *c = s; *c; c++)
		add += (!encode || isalnum(*c) || strchr("-._~", *c)) ? 1 : 3;
	grown = realloc(*text, len + add + 1);
	if (!grown)
		return -ENOMEM;
	p = grown + len;
	for (; *s; s++) {
		if (!encode || isalnum(*s) || strchr("-._~", *s))
			*p++ = *s;
		else
			p += snprintf(p, 4, "%%%02X", (unsigned char)*s);
	}
	*p = '\0';
	*text = grown;
	return 0;
}

/* The list a URI's fragment names: "#params" or "#params=NAME". */
static bool form_list_name(const struct uri *uri, const char **name)
{
	const char *f = uri->fragment;

	if (!f || strncmp(f, "#params", 7) != 0)
		return false;
	if (f[7] == '=')
		*name = f + 8;
	else if (f[7] == '\0')
		*name = NULL;
	else
		return false;
	return true;
}

static int form_fill(const struct param_list *list, struct http_form *form)
{
	const struct param *param;
	char length[64];
	int rc = 0;

	list_for_each_entry(param, &list->params, list) {
		if (param->header) {
			rc = append(&form->headers, param->key, false) ?:
			     append(&form->headers, ": ", false) ?:
			     append(&form->headers, param->value, false) ?:
			     append(&form->headers, "\r\n", false);
		} else {
			rc = append(&form->body, *form->body ? "&" : "",
				    false) ?:
			     append(&form->body, param->key, true) ?:
			     append(&form->body, "=", false) ?:
			     append(&form->body, param->value, true);
		}
		if (rc)
			return rc;
	}
	snprintf(length, sizeof(length), "Content-Length: %zu\r\n",
		 strlen(form->body));
	return append(&form->headers, "Content-Type: "
		      "application/x-www-form-urlencoded\r\n", false) ?:
	       append(&form->headers, length, false);
}

int http_form_build(const struct uri *uri, struct http_form *form)
{
	const struct param_list *list;
	const char *name;
	int rc;

	form->method = "GET";
	form->headers = strdup("");
	form->body = strdup("");
	if (!form->headers || !form->body) {
		http_form_free(form);
		return -ENOMEM;
	}
	if (!form_list_name(uri, &name))
		return 0;
	list = find_param_list(name);
	if (!list) {
		error_detail_set(-ENOENT, "HTTP: no parameter list \"%s\"",
				 name ? name : "");
		http_form_free(form);
		return -ENOENT;
	}
	form->method = "POST";
	rc = form_fill(list, form);
	if (rc)
		http_form_free(form);
	return rc;
}

void http_form_free(struct http_form *form)
{
	free(form->headers);
	free(form->body);
	form->headers = form->body = NULL;
}
