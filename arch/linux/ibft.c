/* The iBFT in the hosted build.  There is no OS to hand it to: with
 * "--ibft FILE" every new table is written to FILE (left empty when no
 * drive is described), for tests to read. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/ibft.h>
#include <cxboot/san.h>
#include <host_opt.h>
#include "linux_api.h"

static const char *ibft_path;

static int ibft_option(const char *arg)
{
	ibft_path = arg;
	return 0;
}

HOST_OPTION(ibft_opt) = {
	.name = "--ibft", .usage = "FILE", .handle = ibft_option,
};

void arch_san_describe(void)
{
	uint8_t *table;
	int len, fd;

	if (!ibft_path)
		return;
	table = malloc(IBFT_MAX_SIZE);
	len = table ? ibft_build_san(table, IBFT_MAX_SIZE) : -ENOMEM;
	if (len < 0)
		printf("iBFT: %s\n", strerror(len));
	fd = linux_syscall(SYS_open, (long)ibft_path,
			   O_WRONLY | O_CREAT | O_TRUNC, 0644, 0, 0, 0);
	if (fd >= 0) {
		if (len > 0 && linux_write(fd, table, len) != len)
			printf("iBFT: cannot write %s\n", ibft_path);
		linux_close(fd);
	} else {
		printf("iBFT: cannot open %s\n", ibft_path);
	}
	free(table);
}
