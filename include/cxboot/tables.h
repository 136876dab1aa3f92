/* Linker tables: modules register objects by placing them in a named
 * section; the linker gathers each table into one array.
 *
 *   TABLE_ENTRY(commands, struct command, ifstat_cmd) = { ... };
 *   for_each_table_entry(cmd, commands, struct command) ...
 *
 * Entries of one table appear in link order; tables that need an order
 * carry a priority field and are sorted by their users. */
#ifndef CXBOOT_TABLES_H
#define CXBOOT_TABLES_H

#define TABLE_ENTRY(table, type, name)                                    \
	static type name __attribute__((used, section("tbl_" #table),     \
					aligned(__alignof__(type))))

#define TABLE_START(table, type) ({                                       \
	extern type __start_tbl_##table[] __attribute__((weak));          \
	__start_tbl_##table; })
#define TABLE_END(table, type) ({                                         \
	extern type __stop_tbl_##table[] __attribute__((weak));           \
	__stop_tbl_##table; })
#define table_count(table, type) \
	((unsigned)(TABLE_END(table, type) - TABLE_START(table, type)))

#define for_each_table_entry(pos, table, type)                            \
	for (type *pos = TABLE_START(table, type);                        \
	     pos < TABLE_END(table, type); pos++)

/* Functions run once at start-up, lowest priority first. */
struct init_fn {
	int priority;
	void (*init)(void);
};
enum { INIT_EARLY = 10, INIT_NORMAL = 50, INIT_LATE = 90 };
#define INIT_FN(name, prio, fn) \
	TABLE_ENTRY(init_fns, struct init_fn, name) = { prio, fn }
void run_init_fns(void);

#endif
