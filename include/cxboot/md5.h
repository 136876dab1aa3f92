/* MD5 (RFC 1321), one shot.  Only for md5sum and HTTP Digest
 * authentication: it is no longer a secure hash. */
#ifndef CXBOOT_MD5_H
#define CXBOOT_MD5_H
#include <stddef.h>
#include <stdint.h>

#define MD5_DIGEST_SIZE 16

void md5(const void *data, size_t len, uint8_t digest[MD5_DIGEST_SIZE]);

#endif
