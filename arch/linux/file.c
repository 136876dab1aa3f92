/* Reading host files (the script given on the command line). */
#include <errno.h>
#include <stdlib.h>
#include "linux_api.h"

int linux_read_file(const char *path, void **data, size_t *len)
{
	struct linux_stat st;
	size_t done = 0;
	char *buf;
	int fd = linux_open(path, O_RDONLY);

	if (fd < 0)
		return fd;
	if (linux_fstat(fd, &st) < 0 || st.size < 0) {
		linux_close(fd);
		return -EIO;
	}
	buf = malloc(st.size + 1);
	if (!buf) {
		linux_close(fd);
		return -ENOMEM;
	}
	while (done < (size_t)st.size) {
		long n = linux_read(fd, buf + done, st.size - done);

		if (n <= 0)
			break;
		done += n;
	}
	linux_close(fd);
	buf[done] = '\0';
	*data = buf;
	*len = done;
	return 0;
}
