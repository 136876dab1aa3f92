/* Unit tests for SHA-256 against the FIPS 180-4 / NIST example vectors
 * and digests of longer inputs computed independently. */
#include <stdint.h>
#include <stdlib.h>
#include <cxboot/sha256.h>
#include "test.h"

static const char *hex(const uint8_t digest[32])
{
	static char text[65];

	for (int i = 0; i < 32; i++)
		snprintf(text + 2 * i, 3, "%02x", digest[i]);
	return text;
}

static const char *hash_hex(const void *data, size_t len)
{
	uint8_t digest[32];

	sha256(data, len, digest);
	return hex(digest);
}

UNIT_TEST(sha256_nist_vectors)
{
	ok_str(hash_hex("", 0),
	       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	ok_str(hash_hex("abc", 3),
	       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

	const char *m448 =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	ok_str(hash_hex(m448, strlen(m448)),
	       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");

	const char *m896 =
		"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		"hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	ok_str(hash_hex(m896, strlen(m896)),
	       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

UNIT_TEST(sha256_million_a)
{
	static char chunk[1000];
	struct sha256_ctx ctx;
	uint8_t digest[32];
	size_t left = 1000000, step = 1;

	memset(chunk, 'a', sizeof(chunk));
	sha256_init(&ctx);
	/* Odd, changing chunk sizes so every partial-block path is taken. */
	while (left) {
		size_t n = step < left ? step : left;

		sha256_update(&ctx, chunk, n);
		left -= n;
		step = (step * 7 + 3) % 997 + 1;
	}
	sha256_final(&ctx, digest);
	ok_str(hex(digest),
	       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Lengths around the padding boundary: 55 bytes still fit the length in
 * the last block, 56 need another. */
UNIT_TEST(sha256_padding_boundaries)
{
	static const struct {
		size_t len;
		const char *digest;
	} v[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
		{ 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
		{ 120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c" },
	};
	char a[120];

	memset(a, 'a', sizeof(a));
	for (unsigned int i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct sha256_ctx ctx;
		uint8_t digest[32];

		ok_str(hash_hex(a, v[i].len), v[i].digest);

		/* Byte at a time must agree with one shot. */
		sha256_init(&ctx);
		for (size_t j = 0; j < v[i].len; j++)
			sha256_update(&ctx, a + j, 1);
		sha256_final(&ctx, digest);
		ok_str(hex(digest), v[i].digest);
	}
}

/* An image-sized buffer: byte i is (i * 131 + i / 65536) mod 256. */
UNIT_TEST(sha256_64mib)
{
	size_t len = 64 << 20;
	uint8_t *buf = malloc(len);

	ok(buf != NULL);
	if (!buf)
		return;
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)(i * 131 + (i >> 16));
	ok_str(hash_hex(buf, len),
	       "a49c4b2ed90f1bc2b9661112be8e9e29d40a425c11b2b31f1ae85f411fcb941b");
	free(buf);
}
