/* Commands iPXE has and real scripts use that cannot work in this
 * firmware (no signature checking, no UEFI shim, no VLANs, no NTP
 * client, no settings editor): each fails with a message, so that the
 * script's "||" path runs. */
#include <errno.h>
#include <stdio.h>
#include <usr/shell.h>

static int unsupported_exec(int argc, char **argv)
{
	printf("%s: not supported by this firmware\n", argv[0]);
	return -ENOTSUP;
}

#define UNSUPPORTED(cmd) COMMAND(cmd) = { #cmd, unsupported_exec }
UNSUPPORTED(config);
UNSUPPORTED(imgverify);
UNSUPPORTED(imgtrust);
UNSUPPORTED(imgdecrypt);
UNSUPPORTED(imgencrypt);
UNSUPPORTED(certstat);
UNSUPPORTED(shim);
UNSUPPORTED(ntp);
UNSUPPORTED(vcreate);
UNSUPPORTED(vdestroy);
