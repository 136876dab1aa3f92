/* Unit tests: each test is a function registered in a linker table.
 * ok(cond) records one check; the runner reports "N passed, N failed". */
#ifndef TESTS_UNIT_TEST_H
#define TESTS_UNIT_TEST_H
#include <cxboot/tables.h>
#include <string.h>
#include <stdio.h>

struct unit_test {
	const char *name;
	void (*run)(void);
};
#define UNIT_TEST(fn)                                                     \
	static void fn(void);                                             \
	TABLE_ENTRY(unit_tests, struct unit_test, fn##_entry) = { #fn, fn }; \
	static void fn(void)

void test_check(int cond, const char *expr, const char *file, int line);
#define ok(cond) test_check(!!(cond), #cond, __FILE__, __LINE__)
/* String equality with both values shown on failure. */
void test_streq(const char *got, const char *want, const char *expr,
		const char *file, int line);
#define ok_str(got, want) test_streq(got, want, #got, __FILE__, __LINE__)
/* Memory equality. */
#define ok_mem(got, want, len) ok(memcmp(got, want, len) == 0)

#endif
