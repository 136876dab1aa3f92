/* Start-up and shut-down of the hosted build. */
#include <stdlib.h>
#include <string.h>
#include <cxboot/tables.h>
#include "linux_api.h"

#define AT_RANDOM 25
#define AT_SYSINFO_EHDR 33

/* What the kernel tells a new process in the auxiliary vector, which
 * follows the environment: where the vDSO is, and 16 random bytes
 * (identifiers such as DHCP transaction IDs, DNS IDs and ports must
 * differ from run to run). */
static void read_auxv(char **envp)
{
	const uint64_t *aux;

	while (*envp)
		envp++;
	for (aux = (const uint64_t *)(envp + 1); aux[0]; aux += 2) {
		if (aux[0] == AT_SYSINFO_EHDR)
			linux_vdso_init((const void *)aux[1]);
		if (aux[0] == AT_RANDOM) {
			uint32_t seed;

			memcpy(&seed, (const void *)aux[1], sizeof(seed));
			srandom(seed);
		}
	}
}

int linux_entry(int argc, char **argv)
{
	int rc;

	read_auxv(argv + argc + 1);
	linux_console_init();
	run_init_fns();
	rc = cxboot_main(argc, argv);
	linux_console_fini();
	return rc;
}
