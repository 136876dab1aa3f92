/* SHA-256 (FIPS 180-4), one-shot or fed incrementally:
 *
 *   struct sha256_ctx ctx;
 *   sha256_init(&ctx);
 *   sha256_update(&ctx, data, len);   (any number of times)
 *   sha256_final(&ctx, digest);
 */
#ifndef CXBOOT_SHA256_H
#define CXBOOT_SHA256_H
#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE 32
#define SHA256_BLOCK_SIZE 64

struct sha256_ctx {
	uint32_t state[8];
	uint64_t bytes;			/* message length so far */
	uint8_t block[SHA256_BLOCK_SIZE];	/* partial block */
};

void sha256_init(struct sha256_ctx *ctx);
void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len);
void sha256_final(struct sha256_ctx *ctx, uint8_t digest[32]);
void sha256(const void *data, size_t len, uint8_t digest[32]);

#endif
