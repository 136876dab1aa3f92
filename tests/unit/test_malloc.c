/* Unit tests for the heap: alignment, the corner cases of realloc and
 * free, random alloc/realloc/free sequences with content checks, and
 * repeated image-sized (64 MiB) buffers.  The sanitizer build uses the
 * host allocator, so there is nothing of ours to test in it. */
#ifndef HOSTED_LIBC
#include <stdint.h>
#include <stdlib.h>
#include <cxboot/heap.h>
#include <cxboot/malloc.h>
#include "test.h"

#define MIB (1024 * 1024)

/* A private generator, so the sequence does not depend on other users of
 * random(). */
static uint32_t rng = 2463534242u;

static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static uint8_t pattern(unsigned int tag, size_t i)
{
	return (uint8_t)(tag * 29 + i * 7 + (i >> 8));
}

static void fill(void *p, size_t len, unsigned int tag)
{
	uint8_t *b = p;

	for (size_t i = 0; i < len; i++)
		b[i] = pattern(tag, i);
}

static int intact(const void *p, size_t len, unsigned int tag)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < len; i++) {
		if (b[i] != pattern(tag, i))
			return 0;
	}
	return 1;
}

static int aligned16(const void *p)
{
	return ((uintptr_t)p & 15) == 0;
}

UNIT_TEST(malloc_alignment)
{
	size_t before = heap_free_bytes();
	void *p[200];
	int bad = 0;

	for (int i = 0; i < 200; i++) {
		p[i] = malloc(i);
		if (!p[i] || !aligned16(p[i]))
			bad++;
		else
			memset(p[i], 0xaa, i);
	}
	for (int i = 0; i < 200; i += 2)
		free(p[i]);
	for (int i = 1; i < 200; i += 2)
		free(p[i]);
	ok(bad == 0);
	ok(heap_free_bytes() == before);
}

UNIT_TEST(malloc_corner_cases)
{
	size_t before = heap_free_bytes();
	char *p, *q;

	free(NULL);
	ok(malloc((size_t)-1) == NULL);
	ok(malloc((size_t)-20) == NULL);

	p = realloc(NULL, 100);
	ok(p != NULL && aligned16(p));
	fill(p, 100, 1);

	/* A failed realloc leaves the block as it was. */
	ok(realloc(p, (size_t)-1) == NULL);
	ok(intact(p, 100, 1));

	/* Shrinking keeps the content and the address. */
	q = realloc(p, 40);
	ok(q == p);
	ok(intact(q, 40, 1));

	ok(realloc(q, 0) == NULL);
	ok(heap_free_bytes() == before);

	/* zalloc really zeroes, even memory that was used before. */
	p = malloc(4096);
	memset(p, 0xff, 4096);
	free(p);
	p = zalloc(4096);
	q = zalloc(1);
	ok(p && q);
	ok(p && p[0] == 0 && p[2048] == 0 && p[4095] == 0);
	ok(q && q[0] == 0);
	free(p);
	free(q);
	ok(heap_free_bytes() == before);
}

UNIT_TEST(malloc_bad_free)
{
	size_t before = heap_free_bytes();
	char *p = malloc(64), *q = malloc(64);
	int on_stack;
	char saved[16];

	/* Each of these prints a complaint and must change nothing. */
	free(p);
	free(p);
	free(&on_stack);
	free(q + 1);

	memcpy(saved, q - 16, 16);
	memset(q - 16, 0x5a, 16);
	free(q);
	ok(realloc(q, 128) == NULL);
	memcpy(q - 16, saved, 16);

	free(q);
	ok(heap_free_bytes() == before);
}

UNIT_TEST(malloc_random_stress)
{
	enum { SLOTS = 256, ROUNDS = 20000 };
	static struct {
		char *p;
		size_t len;
		unsigned int tag;
	} s[SLOTS];
	size_t before = heap_free_bytes();
	unsigned int tag = 0;
	int bad = 0, failed = 0;

	for (int r = 0; r < ROUNDS; r++) {
		int i = next_rand() % SLOTS;
		uint32_t x = next_rand();
		/* Mostly small blocks, now and then a large one. */
		size_t len = (x & 7) ? x % 300 : (x >> 3) % (256 * 1024);

		if (!s[i].p) {
			s[i].p = malloc(len);
			s[i].len = len;
			s[i].tag = ++tag;
			if (!s[i].p) {
				failed++;
				continue;
			}
			if (!aligned16(s[i].p))
				bad++;
			fill(s[i].p, len, s[i].tag);
		} else if (x & 0x100) {
			char *n = realloc(s[i].p, len);
			size_t keep = len < s[i].len ? len : s[i].len;

			if (!n) {
				if (len)
					failed++;
				s[i].p = NULL;
				continue;
			}
			if (!aligned16(n) || !intact(n, keep, s[i].tag))
				bad++;
			s[i].p = n;
			s[i].len = len;
			s[i].tag = ++tag;
			fill(n, len, s[i].tag);
		} else {
			if (!intact(s[i].p, s[i].len, s[i].tag))
				bad++;
			free(s[i].p);
			s[i].p = NULL;
		}
	}
	for (int i = 0; i < SLOTS; i++) {
		if (s[i].p && !intact(s[i].p, s[i].len, s[i].tag))
			bad++;
		free(s[i].p);
		s[i].p = NULL;
	}
	ok(bad == 0);
	ok(failed == 0);
	ok(heap_free_bytes() == before);
}

/* A download buffer's life, several times over: allocate 64 MiB, grow it
 * (in place while the space behind it is free, by moving when something
 * sits there), free it.  Nothing may leak or fragment. */
UNIT_TEST(malloc_image_cycles)
{
	size_t before = heap_free_bytes();
	int bad = 0;

	for (int round = 0; round < 6; round++) {
		char *small1 = malloc(100);
		char *img = malloc(64 * MIB), *grown, *small2;

		if (!img || !small1) {
			bad++;
			break;
		}
		img[0] = 1;
		img[64 * MIB - 1] = 2;
		img[32 * MIB + round] = 3;

		grown = realloc(img, 96 * MIB);
		if (grown != img)
			bad++;
		img = grown ? grown : img;
		img[96 * MIB - 1] = 4;

		/* Usually lands right behind the image, so that the next
		 * growth has to move it. */
		small2 = malloc(100);
		grown = realloc(img, 128 * MIB);
		if (!grown) {
			bad++;
		} else {
			if (grown[0] != 1 || grown[64 * MIB - 1] != 2 ||
			    grown[32 * MIB + round] != 3 ||
			    grown[96 * MIB - 1] != 4)
				bad++;
			img = grown;
		}

		free(small1);
		free(img);
		free(small2);
		if (heap_free_bytes() != before)
			bad++;
	}
	ok(bad == 0);
	ok(heap_free_bytes() == before);
}

/* A private heap gives up its free top beyond a reserve; what is in use
 * stays, and the reserve can still be allocated. */
UNIT_TEST(heap_shrink_top)
{
	static char region[1 << 20] __attribute__((aligned(16)));
	struct heap h;
	char *a, *b;
	uintptr_t end;

	ok(heap_init(&h, region, sizeof(region)) == 0);
	a = heap_alloc(&h, 1000);
	b = heap_alloc(&h, 200000);
	heap_free(&h, b, "test");
	end = heap_shrink(&h, 65536);
	/* a's block (header, rounding) and the reserve */
	ok(end == (uintptr_t)a + 1008 + 65536);
	ok(h.hi == end);
	ok(heap_free_space(&h) == 65536);
	b = heap_alloc(&h, 65536 - 16);
	ok(b && (uintptr_t)b + 65536 - 16 == end);
	ok(!heap_alloc(&h, 16));
	heap_free(&h, b, "test");
	/* too little free space above for the reserve: nothing changes */
	ok(heap_shrink(&h, 1 << 20) == end);
	/* no reserve: the heap ends right after a */
	ok(heap_shrink(&h, 0) == (uintptr_t)a + 1008);
	ok(!heap_alloc(&h, 16));
	heap_free(&h, a, "test");
	ok(heap_alloc(&h, 16) == a);
}

/* The largest free block below the top leaves the heap: nothing is
 * allocated there again, and freeing its neighbours does not merge with
 * it. */
UNIT_TEST(heap_take_hole_middle)
{
	static char region[1 << 20] __attribute__((aligned(16)));
	struct heap h;
	char *a, *b, *c, *d, *e;
	uintptr_t start, end;

	ok(heap_init(&h, region, sizeof(region)) == 0);
	ok(heap_take_hole(&h, &start, &end) == -1);	/* only the top */
	a = heap_alloc(&h, 1000);
	b = heap_alloc(&h, 300000);
	c = heap_alloc(&h, 1000);
	d = heap_alloc(&h, 100000);
	e = heap_alloc(&h, 1000);
	heap_free(&h, b, "test");
	heap_free(&h, d, "test");
	ok(heap_take_hole(&h, &start, &end) == 0);
	ok(start == (uintptr_t)b - 16 && end == (uintptr_t)c - 16);
	heap_free(&h, a, "test");
	heap_free(&h, c, "test");
	/* a's block is free again, c's merged with d's, and b comes
	 * from neither, nor from the hole */
	b = heap_alloc(&h, 200000);
	ok(b && ((uintptr_t)b >= end || (uintptr_t)b + 200000 <= start));
	/* c's and d's blocks, merged, are larger than a's */
	ok(heap_take_hole(&h, &start, &end) == 0);
	ok(start == (uintptr_t)c - 16 && end == (uintptr_t)e - 16);
	heap_free(&h, b, "test");
	heap_free(&h, e, "test");
}
#endif
