/* MD5 against the RFC 1321 test suite. */
#include <stdio.h>
#include <cxboot/md5.h>
#include "test.h"

static const char *hex_md5(const char *text)
{
	static char out[33];
	uint8_t d[MD5_DIGEST_SIZE];

	md5(text, strlen(text), d);
	for (int i = 0; i < MD5_DIGEST_SIZE; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
	return out;
}

UNIT_TEST(md5_rfc1321)
{
	ok_str(hex_md5(""), "d41d8cd98f00b204e9800998ecf8427e");
	ok_str(hex_md5("a"), "0cc175b9c0f1b6a831c399e269772661");
	ok_str(hex_md5("abc"), "900150983cd24fb0d6963f7d28e17f72");
	ok_str(hex_md5("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
	ok_str(hex_md5("abcdefghijklmnopqrstuvwxyz"),
	       "c3fcd3d76192e4007dfb496cca67e13b");
	ok_str(hex_md5("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		       "0123456789"), "d174ab98d277d9f5a5611c2c9f419d9f");
	ok_str(hex_md5("1234567890123456789012345678901234567890123456789012"
		       "3456789012345678901234567890"),
	       "57edf4a22be3c955ac49da2e2107b67a");
}
