/* The detail behind the last error a protocol reported (errdetail.h). */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <cxboot/errdetail.h>

static struct {
	int rc;                 /* 0: nothing recorded */
	char text[ERROR_DETAIL_MAX];
	char taken[ERROR_DETAIL_MAX];
} detail;

void error_detail_set(int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail.text, sizeof(detail.text), fmt, ap);
	va_end(ap);
	detail.rc = rc;
}

void error_detail_forget(void)
{
	detail.rc = 0;
}

const char *error_detail_take(int rc)
{
	bool match = rc && detail.rc == rc;

	detail.rc = 0;
	if (!match)
		return NULL;
	/* A copy, so that a detail recorded meanwhile cannot change it. */
	snprintf(detail.taken, sizeof(detail.taken), "%s", detail.text);
	return detail.taken;
}

void error_detail_print(int rc)
{
	const char *text = error_detail_take(rc);

	if (text)
		printf("%s\n", text);
}
