/* strerror: a one-line text for every error number in <errno.h>, as the
 * shell prints it after a failed command. */
#include <string.h>
#include <stdio.h>
#include <errno.h>

static const char *const messages[] = {
	[0] = "No error",
	[EPERM] = "Operation not permitted",
	[ENOENT] = "No such file or directory",
	[EINTR] = "Interrupted",
	[EIO] = "Input/output error",
	[ENXIO] = "No such device or address",
	[E2BIG] = "Argument list too long",
	[ENOEXEC] = "Exec format error",
	[EAGAIN] = "Resource temporarily unavailable",
	[ENOMEM] = "Out of memory",
	[EACCES] = "Permission denied",
	[EFAULT] = "Bad address",
	[EBUSY] = "Device or resource busy",
	[EEXIST] = "File exists",
	[ENODEV] = "No such device",
	[ENOTDIR] = "Not a directory",
	[EINVAL] = "Invalid argument",
	[ENFILE] = "Too many open files",
	[ENOTTY] = "Inappropriate I/O control operation",
	[EFBIG] = "File too large",
	[ENOSPC] = "No space left on device",
	[ESPIPE] = "Illegal seek",
	[EROFS] = "Read-only device",
	[EPIPE] = "Broken pipe",
	[ERANGE] = "Result out of range",
	[ENAMETOOLONG] = "File name too long",
	[ENOSYS] = "Function not implemented",
	[ELOOP] = "Too many redirects",
	[ENODATA] = "No data available",
	[ETIME] = "Timer expired",
	[EPROTO] = "Protocol error",
	[EBADMSG] = "Bad message",
	[EOVERFLOW] = "Value too large",
	[EMSGSIZE] = "Message too long",
	[EPROTONOSUPPORT] = "Protocol not supported",
	[ENOTSUP] = "Operation not supported",
	[EAFNOSUPPORT] = "Address family not supported",
	[EADDRINUSE] = "Address already in use",
	[EADDRNOTAVAIL] = "Address not available",
	[ENETDOWN] = "Network is down",
	[ENETUNREACH] = "Network unreachable",
	[ECONNABORTED] = "Connection aborted",
	[ECONNRESET] = "Connection reset",
	[ENOBUFS] = "No buffer space available",
	[ENOTCONN] = "Not connected",
	[ETIMEDOUT] = "Connection timed out",
	[ECONNREFUSED] = "Connection refused",
	[EHOSTUNREACH] = "Host unreachable",
	[EALREADY] = "Operation already in progress",
	[EINPROGRESS] = "Operation in progress",
	[ECANCELED] = "Operation canceled",
	[ENOHOST] = "No such host",
};

const char *strerror(int rc)
{
	static char unknown[24];
	/* In unsigned so that INT_MIN has a magnitude too. */
	unsigned int n = rc < 0 ? -(unsigned int)rc : (unsigned int)rc;

	if (n < sizeof(messages) / sizeof(messages[0]) && messages[n])
		return messages[n];
	snprintf(unknown, sizeof(unknown), "Error %u", n);
	return unknown;
}
