/* cxz: the build's compressor for the firmware payload (format in
 * arch/x86/include/cxz.h).
 *
 *   cxz IN OUT        compress IN into OUT, check that it decompresses
 *                     back to IN, and print both sizes
 *   cxz -d IN OUT     decompress
 *
 * The compressor is slow and thorough (the firmware's decompressor is
 * the part that must be small): every position gets the cheapest way,
 * in bits, to reach it from the start, trying a literal, a copy from the
 * last offset and the copies that the hash chains find, each at every
 * useful length, and a raw run from the best place to start one; the
 * cheapest path to the end is written out. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cxz.h"

#define MIN_LEN 2
#define CHAIN_DEPTH 512		/* candidates tried per position */
#define NICE_LEN 1024		/* a copy this long ends the search */
#define NO_POS UINT32_MAX

enum token { LIT, COPY, REP, RAW };

struct step {
	uint64_t cost;		/* bits from the start to here */
	uint32_t from;		/* previous position on the cheapest path */
	uint32_t offset;	/* last offset in force here */
	uint32_t len;		/* of the token that arrives here */
	enum token kind;
};

static unsigned int log2_floor(uint32_t v)
{
	unsigned int k = 0;

	while (v >>= 1)
		k++;
	return k;
}

static unsigned int gamma_bits(uint32_t v)
{
	return 2 * log2_floor(v);
}

static unsigned int copy_bits(uint32_t offset, uint32_t len)
{
	return 2 + gamma_bits(((offset - 1) >> 8) + 2) + 8 + gamma_bits(len);
}

static unsigned int rep_bits(uint32_t len)
{
	return 2 + gamma_bits(len);
}

static unsigned int raw_bits(uint32_t len)
{
	return 2 + gamma_bits(len) + 8 * len;
}

static uint32_t match_len(const uint8_t *data, size_t n, size_t pos,
			  size_t from)
{
	size_t len = 0;

	while (pos + len < n && data[from + len] == data[pos + len])
		len++;
	return len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
}

static void relax(struct step *steps, size_t to, uint64_t cost, uint32_t from,
		  enum token kind, uint32_t offset, uint32_t len)
{
	if (cost < steps[to].cost) {
		steps[to].cost = cost;
		steps[to].from = from;
		steps[to].kind = kind;
		steps[to].offset = offset;
		steps[to].len = len;
	}
}

/* Relax every length from lo to len; past NICE_LEN only len itself,
 * which keeps long runs (of zeros) from costing quadratic time. */
static void relax_lengths(struct step *steps, size_t pos, uint32_t lo,
			  uint32_t len, enum token kind, uint32_t offset)
{
	uint64_t base = steps[pos].cost;

	for (uint32_t l = lo; l <= len; l++) {
		if (l > NICE_LEN && l != len)
			l = len;
		relax(steps, pos + l,
		      base + (kind == REP ? rep_bits(l) : copy_bits(offset, l)),
		      pos, kind, offset, l);
	}
}

static struct step *parse(const uint8_t *data, size_t n)
{
	struct step *steps = calloc(n + 1, sizeof(*steps));
	uint32_t *head = malloc(65536 * sizeof(*head));
	uint32_t *prev = malloc((n ? n : 1) * sizeof(*prev));

	if (!steps || !head || !prev) {
		fprintf(stderr, "cxz: out of memory\n");
		exit(1);
	}
	for (size_t i = 0; i < 65536; i++)
		head[i] = NO_POS;
	for (size_t i = 1; i <= n; i++)
		steps[i].cost = UINT64_MAX;

	/* Every arrival is known by the time a position is expanded, so
	 * its last offset (which a copy from the last offset reuses) is
	 * that of the cheapest way in. */
	for (size_t pos = 0, raw = 0; ; pos++) {
		uint32_t rep, best = MIN_LEN - 1;
		unsigned int key, depth = 0;
		int after_literal;

		/* A raw run may start after a copy or at the start; of
		 * those places, raw keeps the one from which every later
		 * end costs least (its cost less 8 bits a byte so far). */
		if (pos >= raw + MIN_LEN)
			relax(steps, pos, steps[raw].cost + raw_bits(pos - raw),
			      raw, RAW, steps[raw].offset, pos - raw);
		rep = steps[pos].offset;
		after_literal = steps[pos].kind == LIT || steps[pos].kind == RAW;
		if (!pos || (!after_literal && steps[pos].cost + 8 * raw <
					       steps[raw].cost + 8 * pos))
			raw = pos;
		if (pos == n)
			break;
		relax(steps, pos + 1, steps[pos].cost + 9, pos, LIT, rep, 1);
		/* "1 1" is a copy from the last offset only after a
		 * literal or a raw run (after a copy it would only have
		 * made that copy longer: it means a raw run there). */
		if (rep && rep <= pos && after_literal) {
			uint32_t len = match_len(data, n, pos, pos - rep);

			if (len >= MIN_LEN)
				relax_lengths(steps, pos, MIN_LEN, len, REP, rep);
		}
		if (pos + 1 >= n)
			continue;
		/* Chains of earlier positions with the same next two bytes,
		 * nearest (cheapest offset) first: a farther candidate is
		 * only worth its longer lengths. */
		key = data[pos] | data[pos + 1] << 8;
		for (uint32_t cand = head[key]; cand != NO_POS &&
		     depth < CHAIN_DEPTH; cand = prev[cand], depth++) {
			uint32_t len = match_len(data, n, pos, cand);

			if (len > best) {
				relax_lengths(steps, pos, best + 1, len, COPY,
					      pos - cand);
				best = len;
				if (best >= NICE_LEN)
					break;
			}
		}
		prev[pos] = head[key];
		head[key] = pos;
	}
	free(head);
	free(prev);
	return steps;
}

struct writer {
	uint8_t *buf;
	size_t len, cap;
	size_t ctrl;		/* position of the control word being filled */
	unsigned int left;	/* its bits still free */
};

static void put_byte(struct writer *w, uint8_t b)
{
	if (w->len == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 4096;
		w->buf = realloc(w->buf, w->cap);
		if (!w->buf) {
			fprintf(stderr, "cxz: out of memory\n");
			exit(1);
		}
	}
	w->buf[w->len++] = b;
}

static void put_bit(struct writer *w, int bit)
{
	if (!w->left) {
		w->ctrl = w->len;
		put_byte(w, 0);
		w->left = 8;
	}
	w->left--;
	if (bit)
		w->buf[w->ctrl] |= 1 << w->left;
}

static void put_gamma(struct writer *w, uint32_t v)
{
	for (int i = (int)log2_floor(v) - 1; i >= 0; i--) {
		put_bit(w, (v >> i) & 1);
		put_bit(w, i > 0);
	}
}

static struct writer compress_lz(const uint8_t *data, size_t n)
{
	struct step *steps = parse(data, n);
	struct writer w = { 0 };
	size_t count = 0, pos = n, i;
	uint32_t *path;

	while (pos) {
		count++;
		pos = steps[pos].from;
	}
	path = malloc((count ? count : 1) * sizeof(*path));
	if (!path) {
		fprintf(stderr, "cxz: out of memory\n");
		exit(1);
	}
	i = count;
	for (pos = n; pos; pos = steps[pos].from)
		path[--i] = pos;
	for (pos = 0; pos < n; ) {
		const struct step *s = &steps[path[i++]];

		switch (s->kind) {
		case LIT:
			put_bit(&w, 0);
			put_byte(&w, data[pos]);
			break;
		case RAW:
			put_bit(&w, 1);
			put_bit(&w, 1);
			put_gamma(&w, s->len);
			for (uint32_t j = 0; j < s->len; j++)
				put_byte(&w, data[pos + j]);
			break;
		case COPY:
			put_bit(&w, 1);
			put_bit(&w, 0);
			put_gamma(&w, ((s->offset - 1) >> 8) + 2);
			put_byte(&w, (s->offset - 1) & 0xff);
			put_gamma(&w, s->len);
			break;
		case REP:
			put_bit(&w, 1);
			put_bit(&w, 1);
			put_gamma(&w, s->len);
			break;
		}
		pos += s->len;
	}
	free(path);
	free(steps);
	return w;
}

/* The x86 call filter (cxz.h): sign +1 encodes, -1 decodes. */
static void call_filter(uint8_t *p, size_t n, int sign)
{
	for (size_t i = 0; i + 5 <= n; i++) {
		uint32_t v;

		if (p[i] != CXZ_X86_CALL)
			continue;
		if (p[i + 4] == 0 || p[i + 4] == 0xff) {
			v = p[i + 1] | p[i + 2] << 8 | p[i + 3] << 16;
			v += sign * (uint32_t)(i + 5);
			p[i + 1] = v;
			p[i + 2] = v >> 8;
			p[i + 3] = v >> 16;
		}
		i += 4;
	}
}

static struct writer compress(const uint8_t *data, size_t n)
{
	uint8_t *filtered = malloc(n ? n : 1);
	struct writer w;

	if (!filtered) {
		fprintf(stderr, "cxz: out of memory\n");
		exit(1);
	}
	memcpy(filtered, data, n);
	call_filter(filtered, n, 1);
	w = compress_lz(filtered, n);
	free(filtered);
	return w;
}

struct reader {
	const uint8_t *in;
	size_t len, pos;
	unsigned int ctrl, left;
	int error;
};

static int get_byte(struct reader *r)
{
	if (r->pos >= r->len) {
		r->error = 1;
		return 0;
	}
	return r->in[r->pos++];
}

static int get_bit(struct reader *r)
{
	if (!r->left) {
		r->ctrl = get_byte(r);
		r->left = 8;
	}
	r->left--;
	return (r->ctrl >> r->left) & 1;
}

static uint32_t get_gamma(struct reader *r)
{
	uint32_t v = 1;

	do {
		if (v >= 1u << 31) {
			r->error = 1;
			return 0;
		}
		v = 2 * v + get_bit(r);
	} while (get_bit(r) && !r->error);
	return v;
}

/* The reference decoder: what unpack.S does, with every bound checked. */
static int decompress(const uint8_t *in, size_t in_len, uint8_t *out,
		      size_t out_len)
{
	struct reader r = { .in = in, .len = in_len };
	size_t pos = 0, offset = 0, len;
	int after_literal = 0, copy;

	while (pos < out_len && !r.error) {
		if (!get_bit(&r)) {
			out[pos++] = get_byte(&r);
			after_literal = 1;
			continue;
		}
		copy = after_literal;
		if (!get_bit(&r)) {
			offset = (size_t)(get_gamma(&r) - 2) << 8;
			offset += get_byte(&r) + 1;
			copy = 1;
		}
		len = get_gamma(&r);
		if (r.error || len > out_len - pos)
			return -1;
		if (copy && (!offset || offset > pos))
			return -1;
		for (; len; len--, pos++)
			out[pos] = copy ? out[pos - offset] : get_byte(&r);
		after_literal = !copy;
	}
	if (r.error || r.pos != in_len)
		return -1;
	call_filter(out, out_len, -1);
	return 0;
}

static uint32_t fnv1a(const uint8_t *p, size_t n)
{
	uint32_t h = CXZ_FNV_BASIS;

	while (n--)
		h = (h ^ *p++) * CXZ_FNV_PRIME;
	return h;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static uint32_t get32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint8_t *read_file(const char *name, size_t *len)
{
	FILE *f = fopen(name, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f) {
		fprintf(stderr, "cxz: %s: %s\n", name, strerror(errno));
		exit(1);
	}
	do {
		if (n == cap) {
			cap = cap ? 2 * cap : 65536;
			buf = realloc(buf, cap);
			if (!buf) {
				fprintf(stderr, "cxz: out of memory\n");
				exit(1);
			}
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	if (ferror(f)) {
		fprintf(stderr, "cxz: %s: read error\n", name);
		exit(1);
	}
	fclose(f);
	*len = n;
	return buf;
}

static void write_file(const char *name, const uint8_t *a, size_t alen,
		       const uint8_t *b, size_t blen)
{
	FILE *f = fopen(name, "wb");

	if (!f || fwrite(a, 1, alen, f) != alen ||
	    fwrite(b, 1, blen, f) != blen || fclose(f) != 0) {
		fprintf(stderr, "cxz: %s: write error\n", name);
		remove(name);
		exit(1);
	}
}

static int do_compress(const char *in_name, const char *out_name)
{
	size_t n;
	uint8_t *data = read_file(in_name, &n);
	uint8_t hdr[CXZ_HDR_SIZE], *check;
	struct writer w;

	if (n > UINT32_MAX / 2) {
		fprintf(stderr, "cxz: %s: too big\n", in_name);
		return 1;
	}
	w = compress(data, n);
	/* Never trust the compressor: decode what it wrote. */
	check = malloc(n ? n : 1);
	if (!check || decompress(w.buf, w.len, check, n) != 0 ||
	    memcmp(check, data, n) != 0) {
		fprintf(stderr, "cxz: %s: output does not decompress back\n",
			in_name);
		return 1;
	}
	put32(hdr + CXZ_HDR_MAGIC, CXZ_MAGIC);
	put32(hdr + CXZ_HDR_OUT_LEN, n);
	put32(hdr + CXZ_HDR_IN_LEN, w.len);
	put32(hdr + CXZ_HDR_CHECK, fnv1a(w.buf, w.len));
	write_file(out_name, hdr, sizeof(hdr), w.buf, w.len);
	printf("cxz: %s: %zu -> %zu bytes (%.1f%%)\n", in_name, n,
	       w.len + sizeof(hdr),
	       n ? 100.0 * (w.len + sizeof(hdr)) / n : 100.0);
	free(check);
	free(w.buf);
	free(data);
	return 0;
}

static int do_decompress(const char *in_name, const char *out_name)
{
	size_t n, in_len, out_len;
	uint8_t *data = read_file(in_name, &n), *out;

	if (n < CXZ_HDR_SIZE || get32(data + CXZ_HDR_MAGIC) != CXZ_MAGIC) {
		fprintf(stderr, "cxz: %s: not a cxz file\n", in_name);
		return 1;
	}
	in_len = get32(data + CXZ_HDR_IN_LEN);
	out_len = get32(data + CXZ_HDR_OUT_LEN);
	if (in_len > n - CXZ_HDR_SIZE ||
	    fnv1a(data + CXZ_HDR_SIZE, in_len) !=
	    get32(data + CXZ_HDR_CHECK)) {
		fprintf(stderr, "cxz: %s: damaged\n", in_name);
		return 1;
	}
	out = malloc(out_len ? out_len : 1);
	if (!out || decompress(data + CXZ_HDR_SIZE, in_len, out, out_len)) {
		fprintf(stderr, "cxz: %s: damaged\n", in_name);
		return 1;
	}
	write_file(out_name, out, out_len, NULL, 0);
	free(out);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3)
		return do_compress(argv[1], argv[2]);
	if (argc == 4 && !strcmp(argv[1], "-d"))
		return do_decompress(argv[2], argv[3]);
	fprintf(stderr, "usage: cxz IN OUT | cxz -d IN OUT\n");
	return 2;
}
