/* Unit tests for error details: a detail belongs to one error number,
 * is given out once, and a new operation starts without one. */
#include <errno.h>
#include <cxboot/errdetail.h>
#include "test.h"

UNIT_TEST(errdetail)
{
	const char *d;

	error_detail_set(-ENOENT, "TFTP error %u: %s", 1, "gone");
	ok(error_detail_take(-EACCES) == NULL);
	/* Asking for another error forgets it too. */
	ok(error_detail_take(-ENOENT) == NULL);

	error_detail_set(-ENOENT, "TFTP error %u: %s", 1, "gone");
	d = error_detail_take(-ENOENT);
	ok(d != NULL);
	ok_str(d, "TFTP error 1: gone");
	ok(error_detail_take(-ENOENT) == NULL);

	error_detail_set(-EIO, "x");
	error_detail_forget();
	ok(error_detail_take(-EIO) == NULL);
	ok(error_detail_take(0) == NULL);
}
