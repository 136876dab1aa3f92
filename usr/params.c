/* Form parameter lists (see <usr/params.h>) and their commands:
 *
 *   params [--name NAME] [--delete]
 *   param [--params NAME] [--header] KEY [VALUE...]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <usr/params.h>
#include <usr/parseopt.h>
#include <usr/shell.h>

static LIST_HEAD(param_lists);

struct param_list *find_param_list(const char *name)
{
	struct param_list *list;

	list_for_each_entry(list, &param_lists, list) {
		if (strcmp(list->name, name ? name : "") == 0)
			return list;
	}
	return NULL;
}

struct param_list *create_param_list(const char *name)
{
	struct param_list *list = find_param_list(name);

	if (list)
		destroy_param_list(list);
	list = zalloc(sizeof(*list));
	if (!list)
		return NULL;
	list->name = strdup(name ? name : "");
	if (!list->name) {
		free(list);
		return NULL;
	}
	INIT_LIST_HEAD(&list->params);
	list_add_tail(&list->list, &param_lists);
	return list;
}

int add_param(struct param_list *list, const char *key, const char *value,
	      bool header)
{
	struct param *param = zalloc(sizeof(*param));

	if (!param)
		return -ENOMEM;
	param->key = strdup(key);
	param->value = strdup(value);
	param->header = header;
	if (!param->key || !param->value) {
		free(param->key);
		free(param->value);
		free(param);
		return -ENOMEM;
	}
	list_add_tail(&param->list, &list->params);
	return 0;
}

void destroy_param_list(struct param_list *list)
{
	struct param *param, *tmp;

	list_for_each_entry_safe(param, tmp, &list->params, list) {
		list_del(&param->list);
		free(param->key);
		free(param->value);
		free(param);
	}
	list_del(&list->list);
	free(list->name);
	free(list);
}

static int params_exec(int argc, char **argv)
{
	const char *name = NULL;
	bool delete = false;
	const struct option_desc opts[] = {
		{ "name", 'n', OPT_ARG, &name },
		{ "delete", 'd', OPT_FLAG, &delete },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
			      "[--name NAME] [--delete]", 0, 0);
	struct param_list *list;

	if (i < 0)
		return i;
	if (delete) {
		list = find_param_list(name);
		if (!list) {
			printf("params: no list \"%s\"\n", name ? name : "");
			return -ENOENT;
		}
		destroy_param_list(list);
		return 0;
	}
	return create_param_list(name) ? 0 : -ENOMEM;
}
COMMAND(params) = { "params", params_exec };

static int param_exec(int argc, char **argv)
{
	const char *name = NULL;
	bool header = false;
	const struct option_desc opts[] = {
		{ "params", 'p', OPT_ARG, &name },
		{ "header", 'H', OPT_FLAG, &header },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
		"[--params NAME] [--header] KEY [VALUE...]", 1, -1);
	struct param_list *list;
	char *value;
	int rc;

	if (i < 0)
		return i;
	list = find_param_list(name);
	if (!list) {
		printf("param: no list \"%s\" (use \"params\" first)\n",
		       name ? name : "");
		return -ENOENT;
	}
	value = concat_args(argc - i - 1, argv + i + 1);
	if (!value)
		return -ENOMEM;
	rc = add_param(list, argv[i], value, header);
	free(value);
	return rc;
}
COMMAND(param) = { "param", param_exec };
