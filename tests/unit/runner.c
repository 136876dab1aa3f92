/* Runs every registered unit test and reports the totals. */
#include "test.h"

static unsigned int passed, failed;
static const char *current;

void test_check(int cond, const char *expr, const char *file, int line)
{
	if (cond) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL %s: %s:%d: %s\n", current, file, line, expr);
}

void test_streq(const char *got, const char *want, const char *expr,
		const char *file, int line)
{
	int same = got && want && strcmp(got, want) == 0;

	test_check(same, expr, file, line);
	if (!same)
		printf("     got \"%s\", want \"%s\"\n", got ? got : "(null)",
		       want ? want : "(null)");
}

int cxboot_main(int argc, char **argv)
{
	for_each_table_entry(t, unit_tests, struct unit_test) {
		if (argc > 1 && strcmp(argv[1], t->name) != 0)
			continue;
		current = t->name;
		t->run();
	}
	printf("unit: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
