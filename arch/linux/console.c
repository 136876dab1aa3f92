/* The hosted console: standard output, and standard input in raw mode
 * when it is a terminal (so Ctrl-C and cursor keys reach the firmware). */
#include <cxboot/console.h>
#include "linux_api.h"

static char outbuf[4096];
static size_t outlen;
static unsigned char inbuf[512];
static size_t inpos, inlen;
static bool in_eof, raw_mode;
static struct linux_termios saved;

static void flush(void)
{
	size_t done = 0;

	while (done < outlen) {
		long n = linux_write(1, outbuf + done, outlen - done);

		if (n <= 0)
			break;
		done += n;
	}
	outlen = 0;
}

static void con_putchar(int c)
{
	outbuf[outlen++] = c;
	if (c == '\n' || outlen == sizeof(outbuf))
		flush();
}

static void fill(int timeout_ms)
{
	struct linux_pollfd pfd = { .fd = 0, .events = POLLIN };
	long n;

	if (inpos < inlen || in_eof)
		return;
	flush();
	if (linux_poll(&pfd, 1, timeout_ms) <= 0)
		return;
	n = linux_read(0, inbuf, sizeof(inbuf));
	if (n <= 0) {
		in_eof = true;
		return;
	}
	inpos = 0;
	inlen = n;
}

static int con_iskey(void)
{
	fill(0);
	return inpos < inlen;
}

static int con_getchar(void)
{
	return inpos < inlen ? inbuf[inpos++] : -1;
}

static bool con_eof(void)
{
	fill(0);
	return in_eof && inpos == inlen;
}

CONSOLE(linux_console) = {
	.putchar = con_putchar,
	.getchar = con_getchar,
	.iskey = con_iskey,
	.eof = con_eof,
};

int linux_console_fd_ready(void)
{
	flush();
	return (in_eof || inpos < inlen) ? -1 : 0;
}

void linux_console_init(void)
{
	struct linux_termios t;

	if (linux_ioctl(0, TCGETS, &saved) != 0) {
		console_interactive = false;
		return;
	}
	t = saved;
	t.c_lflag &= ~(ICANON | ECHO | ISIG | IEXTEN);
	t.c_iflag &= ~(ICRNL | IXON);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	raw_mode = linux_ioctl(0, TCSETS, &t) == 0;
}

void linux_console_fini(void)
{
	flush();
	if (raw_mode)
		linux_ioctl(0, TCSETS, &saved);
}
