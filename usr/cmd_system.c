/* Commands about the machine and the console: reboot, poweroff, cpuid,
 * time, shell, and colour/cpair/console (accepted: the console keeps
 * its own colours and size). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cxboot/console.h>
#include <cxboot/power.h>
#include <cxboot/timer.h>
#include <usr/parseopt.h>
#include <usr/shell.h>

static int reboot_exec(int argc, char **argv)
{
	bool warm = false;
	const struct option_desc opts[] = {
		{ "warm", 'w', OPT_FLAG, &warm },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts), "[--warm]",
			      0, 0);

	if (i < 0)
		return i;
	machine_reboot();
}
COMMAND(reboot) = { "reboot", reboot_exec };

static int poweroff_exec(int argc, char **argv)
{
	int i = parse_options(argc, argv, NULL, 0, "", 0, 0);

	if (i < 0)
		return i;
	return machine_poweroff();
}
COMMAND(poweroff) = { "poweroff", poweroff_exec };

static void cpuid(uint32_t leaf, uint32_t *eax, uint32_t *ecx, uint32_t *edx)
{
	uint32_t ebx;

	__asm__ volatile("cpuid" : "=a"(*eax), "=b"(ebx), "=c"(*ecx),
			 "=d"(*edx) : "a"(leaf), "c"(0));
}

/* cpuid [--ext] [--ecx] BIT: succeeds when the CPU feature bit is set
 * (leaf 1, or 80000001h with --ext; EDX, or ECX with --ecx). */
static int cpuid_exec(int argc, char **argv)
{
	bool ext = false, use_ecx = false;
	const struct option_desc opts[] = {
		{ "ext", 'e', OPT_FLAG, &ext },
		{ "ecx", 'c', OPT_FLAG, &use_ecx },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
			      "[--ext] [--ecx] BIT", 1, 1);
	uint32_t leaf = ext ? 0x80000001 : 1, max, eax, ecx, edx;
	unsigned long bit;

	if (i < 0)
		return i;
	if (parse_uint(argv[i], &bit) != 0 || bit > 31) {
		printf("cpuid: bit must be 0 to 31\n");
		return -EINVAL;
	}
	cpuid(leaf & 0x80000000, &max, &ecx, &edx);
	if (max < leaf)
		return -ENOTSUP;
	cpuid(leaf, &eax, &ecx, &edx);
	return ((use_ecx ? ecx : edx) >> bit) & 1 ? 0 : -ENOENT;
}
COMMAND(cpuid) = { "cpuid", cpuid_exec };

/* time COMMAND...: run it and say how long it took. */
static int time_exec(int argc, char **argv)
{
	unsigned long start, ms;
	int rc;

	if (argc < 2) {
		printf("Usage: time COMMAND [ARGS...]\n");
		return -EINVAL;
	}
	start = currticks();
	rc = run_command(argc - 1, argv + 1);
	ms = (currticks() - start) * 1000 / TICKS_PER_SEC;
	printf("%s: %lu.%lus\n", argv[1], ms / 1000, ms % 1000 / 100);
	return rc;
}
COMMAND(time) = { "time", time_exec };

static int shell_exec(int argc, char **argv)
{
	int i = parse_options(argc, argv, NULL, 0, "", 0, 0);

	if (i < 0)
		return i;
	shell();
	/* Input that has ended cannot answer a script's next question:
	 * fail, rather than loop back to this shell for ever. */
	return console_input_ended() ? -EPIPE : 0;
}
COMMAND(shell) = { "shell", shell_exec };

static int colour_exec(int argc, char **argv)
{
	const char *basic = NULL, *rgb = NULL;
	const struct option_desc opts[] = {
		{ "basic", 'b', OPT_ARG, &basic },
		{ "rgb", 'r', OPT_ARG, &rgb },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
			      "[--basic COLOUR] [--rgb RGB] INDEX", 1, 1);

	return i < 0 ? i : 0;
}
COMMAND(colour) = { "colour", colour_exec };

static int cpair_exec(int argc, char **argv)
{
	const char *fg = NULL, *bg = NULL;
	const struct option_desc opts[] = {
		{ "foreground", 'f', OPT_ARG, &fg },
		{ "background", 'b', OPT_ARG, &bg },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
		"[--foreground COLOUR] [--background COLOUR] INDEX", 1, 1);

	return i < 0 ? i : 0;
}
COMMAND(cpair) = { "cpair", cpair_exec };

static int console_exec(int argc, char **argv)
{
	const char *x = NULL, *y = NULL, *left = NULL, *right = NULL,
		*top = NULL, *bottom = NULL, *depth = NULL, *picture = NULL;
	bool keep = false, update = false;
	const struct option_desc opts[] = {
		{ "x", 'x', OPT_ARG, &x }, { "y", 'y', OPT_ARG, &y },
		{ "left", 'l', OPT_ARG, &left },
		{ "right", 'r', OPT_ARG, &right },
		{ "top", 't', OPT_ARG, &top },
		{ "bottom", 'b', OPT_ARG, &bottom },
		{ "depth", 'd', OPT_ARG, &depth },
		{ "picture", 'p', OPT_ARG, &picture },
		{ "keep", 'k', OPT_FLAG, &keep },
		{ "update", 'u', OPT_FLAG, &update },
	};
	int i = parse_options(argc, argv, opts, ARRAY_SIZE(opts),
			      "[--x W] [--y H] [--picture URI] [--keep] ...",
			      0, 0);

	return i < 0 ? i : 0;
}
COMMAND(console) = { "console", console_exec };
