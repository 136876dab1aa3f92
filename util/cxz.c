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
 * cheapest path to the end is written out.  What a bit costs depends on
 * the adaptive model, so the parse runs a few times, each pricing the
 * bits of each context as often as the previous pass's output used
 * them, and the smallest output is kept. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cxz.h"

#define MIN_LEN 2
#define CHAIN_DEPTH 4096		/* candidates tried per position */
#define NICE_LEN 4096		/* a copy this long ends the search */
#define NO_POS UINT32_MAX
#define PASSES 8
#define BIT 256			/* cost units in a bit */
#define PROB_ONE (1 << CXZ_PROB_BITS)

enum token { LIT, COPY, REP, RAW };

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

static void *alloc(size_t n)
{
	void *p = calloc(n ? n : 1, 1);

	if (!p) {
		fprintf(stderr, "cxz: out of memory\n");
		exit(1);
	}
	return p;
}

static unsigned int log2_floor(uint32_t v)
{
	unsigned int k = 0;

	while (v >>= 1)
		k++;
	return k;
}

/* ---- The model: one description of the format's bits, which either
 * writes them (range coder) or prices them (cost tables). ---- */

struct writer {
	uint8_t *buf;
	size_t len, cap;
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

struct model {
	uint16_t prob[CXZ_CTX_COUNT];
	uint32_t count[CXZ_CTX_COUNT][2];	/* bits coded, per context */
};

struct coder {
	/* Range coder: low holds a possible carry in bit 32; the byte
	 * below it (cache) and pending FFs wait for that carry.  The very
	 * first byte is always 0 and is not written. */
	uint64_t low;
	uint32_t range;
	uint8_t cache;
	uint64_t pending;
	int started;
	struct writer out;
	struct model *model;
	/* Pricing instead of coding (no model): */
	const uint32_t (*cost)[2];
	uint64_t bits;
};

static void shift_low(struct coder *c)
{
	if ((uint32_t)c->low < 0xff000000u || c->low >> 32) {
		uint8_t carry = c->low >> 32, b = c->cache;

		do {
			if (c->started)
				put_byte(&c->out, b + carry);
			c->started = 1;
			b = 0xff;
		} while (--c->pending);
		c->cache = c->low >> 24;
	}
	c->pending++;
	c->low = (c->low & 0x00ffffff) << 8;
}

static void normalize(struct coder *c)
{
	while (c->range < 1u << 24) {
		c->range <<= 8;
		shift_low(c);
	}
}

static void coder_init(struct coder *c, struct model *model)
{
	memset(c, 0, sizeof(*c));
	memset(model, 0, sizeof(*model));
	c->range = UINT32_MAX;
	c->pending = 1;
	c->model = model;
	for (size_t i = 0; i < CXZ_CTX_COUNT; i++)
		model->prob[i] = PROB_ONE / 2;
}

static void code_bit(struct coder *c, unsigned int ctx, int bit)
{
	uint16_t *p;
	uint32_t bound;

	if (!c->model) {
		c->bits += c->cost[ctx][bit];
		return;
	}
	p = &c->model->prob[ctx];
	c->model->count[ctx][bit]++;
	bound = (c->range >> CXZ_PROB_BITS) * *p;
	if (!bit) {
		c->range = bound;
		*p += (PROB_ONE - *p) >> CXZ_PROB_SHIFT;
	} else {
		c->low += bound;
		c->range -= bound;
		*p -= *p >> CXZ_PROB_SHIFT;
	}
	normalize(c);
}

/* A bit at even odds (the bytes of a raw run): a context that is set
 * back to even before each bit. */
static void code_direct(struct coder *c, int bit)
{
	if (!c->model) {
		c->bits += BIT;
		return;
	}
	c->model->prob[CXZ_CTX_RAW_BIT] = PROB_ONE / 2;
	code_bit(c, CXZ_CTX_RAW_BIT, bit);
}

static void coder_flush(struct coder *c)
{
	for (int i = 0; i < 5; i++)
		shift_low(c);
}

/* v >= 1 (cxz.h): the count of bits after the leading 1 in unary, then
 * those bits. */
static void code_number(struct coder *c, unsigned int group, uint32_t v)
{
	unsigned int n = log2_floor(v);

	for (unsigned int i = 0; i < n; i++)
		code_bit(c, group + CXZ_NUM_MORE + i, 1);
	code_bit(c, group + CXZ_NUM_MORE + n, 0);
	while (n--)
		code_bit(c, group + CXZ_NUM_BITS + n, (v >> n) & 1);
}

static void code_literal(struct coder *c, uint8_t prev, uint8_t b)
{
	unsigned int ctx = CXZ_CTX_LIT + (prev >> (8 - CXZ_LIT_CTX_BITS)) * 256;
	unsigned int node = 1;

	for (int i = 7; i >= 0; i--) {
		int bit = (b >> i) & 1;

		code_bit(c, ctx + node, bit);
		node = 2 * node + bit;
	}
}

/* The state a token leaves (cxz.h): 1 after a literal or a raw run. */
static int state_after(enum token kind)
{
	return kind == LIT || kind == RAW;
}

/* One token at data[pos], the state being that after the previous. */
static void code_token(struct coder *c, int state, enum token kind,
		       const uint8_t *data, size_t pos, uint32_t offset,
		       uint32_t len)
{
	if (kind == LIT) {
		code_bit(c, CXZ_CTX_TOKEN + state, 0);
		code_literal(c, pos ? data[pos - 1] : 0, data[pos]);
		return;
	}
	code_bit(c, CXZ_CTX_TOKEN + state, 1);
	code_bit(c, CXZ_CTX_KIND + state, kind != COPY);
	if (kind == COPY)
		code_number(c, CXZ_CTX_OFFSET, offset);
	code_number(c, kind == RAW ? CXZ_CTX_RAW_LEN : kind == REP ?
		    CXZ_CTX_REP_LEN : CXZ_CTX_LEN, len - 1);
	if (kind == RAW)
		for (uint32_t j = 0; j < len; j++)
			for (int i = 7; i >= 0; i--)
				code_direct(c, (data[pos + j] >> i) & 1);
}

/* ---- Pricing ---- */

struct prices {
	uint32_t bit[CXZ_CTX_COUNT][2];
	uint32_t lit[1 << CXZ_LIT_CTX_BITS][256];
	uint32_t token[2][4];		/* the token's 1 or 2 kind bits */
	uint32_t *len, *rep_len, *raw_len;	/* [length] */
	size_t max_len;
};

static uint32_t price_of(const struct prices *pr, void (*f)(struct coder *,
			 unsigned int, uint32_t), unsigned int group,
			 uint32_t v)
{
	struct coder c = { .cost = pr->bit };

	f(&c, group, v);
	return c.bits;
}

/* Each context's bits priced at the share of them it coded (from a
 * previous pass; none yet: a bit each). */
static void prices_init(struct prices *pr, const uint32_t (*count)[2],
			size_t n)
{
	struct coder c = { .cost = pr->bit };

	for (size_t i = 0; i < CXZ_CTX_COUNT; i++)
		for (int b = 0; b < 2; b++) {
			double share = (count[i][b] + 0.4) /
				       (count[i][0] + count[i][1] + 0.8);

			pr->bit[i][b] = (uint32_t)(-log2(share) * BIT + 0.5);
		}
	for (unsigned int k = 0; k < 1u << CXZ_LIT_CTX_BITS; k++)
		for (unsigned int b = 0; b < 256; b++) {
			c.bits = 0;
			code_literal(&c, k << (8 - CXZ_LIT_CTX_BITS), b);
			pr->lit[k][b] = c.bits;
		}
	for (int s = 0; s < 2; s++) {
		pr->token[s][LIT] = pr->bit[CXZ_CTX_TOKEN + s][0];
		pr->token[s][COPY] = pr->bit[CXZ_CTX_TOKEN + s][1] +
				     pr->bit[CXZ_CTX_KIND + s][0];
		pr->token[s][REP] = pr->token[s][RAW] =
			pr->bit[CXZ_CTX_TOKEN + s][1] +
			pr->bit[CXZ_CTX_KIND + s][1];
	}
	pr->max_len = n;
	if (!pr->len) {
		pr->len = alloc((n + 1) * sizeof(*pr->len));
		pr->rep_len = alloc((n + 1) * sizeof(*pr->rep_len));
		pr->raw_len = alloc((n + 1) * sizeof(*pr->raw_len));
	}
	for (size_t l = 1; l <= n; l++) {
		pr->len[l] = price_of(pr, code_number, CXZ_CTX_LEN, l - 1);
		pr->rep_len[l] = price_of(pr, code_number, CXZ_CTX_REP_LEN,
					  l - 1);
		pr->raw_len[l] = price_of(pr, code_number, CXZ_CTX_RAW_LEN,
					  l - 1) + 8 * BIT * l;
	}
}

/* ---- The parse ---- */

struct step {
	uint64_t cost;		/* from the start to here */
	uint32_t from;		/* previous position on the cheapest path */
	uint32_t offset;	/* last offset in force here */
	uint32_t len;		/* of the token that arrives here */
	enum token kind;
};

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

/* Relax every length from lo to len; past NICE_LEN only len itself. */
static void relax_lengths(struct step *steps, const struct prices *pr,
			  size_t pos, uint32_t lo, uint32_t len,
			  enum token kind, uint32_t offset, uint64_t base)
{
	for (uint32_t l = lo; l <= len; l++) {
		if (l > NICE_LEN && l != len)
			l = len;
		relax(steps, pos + l, base + (kind == REP ? pr->rep_len :
					      pr->len)[l], pos, kind, offset, l);
	}
}

static struct step *parse(const uint8_t *data, size_t n,
			  const struct prices *pr)
{
	struct step *steps = alloc((n + 1) * sizeof(*steps));
	uint32_t *head = alloc(65536 * sizeof(*head));
	uint32_t *prev = alloc(n * sizeof(*prev));

	for (size_t i = 0; i < 65536; i++)
		head[i] = NO_POS;
	for (size_t i = 1; i <= n; i++)
		steps[i].cost = UINT64_MAX;
	steps[0].kind = COPY;		/* the state at the start */

	/* Every arrival is known by the time a position is expanded, so
	 * its state and last offset are those of the cheapest way in. */
	for (size_t pos = 0, raw = 0, skip_to = 0; ; pos++) {
		uint32_t rep, best = MIN_LEN - 1;
		unsigned int key, depth = 0;
		uint64_t cost;
		int state;

		/* A raw run may start after a copy or at the start; of
		 * those places, raw keeps the one from which every later
		 * end costs least (its cost less 8 bits a byte so far). */
		if (pos > raw)
			relax(steps, pos, steps[raw].cost + pr->token[0][RAW] +
			      pr->raw_len[pos - raw], raw, RAW,
			      steps[raw].offset, pos - raw);
		rep = steps[pos].offset;
		cost = steps[pos].cost;
		state = state_after(steps[pos].kind);
		if (!pos || (!state && cost + 8 * BIT * raw <
				       steps[raw].cost + 8 * BIT * pos))
			raw = pos;
		if (pos == n)
			break;
		/* Inside a copy of NICE_LEN or more, only the chains grow
		 * (which keeps long runs from costing quadratic time). */
		if (pos < skip_to) {
			if (pos + 1 < n) {
				key = data[pos] | data[pos + 1] << 8;
				prev[pos] = head[key];
				head[key] = pos;
			}
			continue;
		}
		relax(steps, pos + 1, cost + pr->token[state][LIT] +
		      pr->lit[(pos ? data[pos - 1] : 0) >>
			      (8 - CXZ_LIT_CTX_BITS)][data[pos]],
		      pos, LIT, rep, 1);
		/* After a copy the same offset would only have made that
		 * copy longer: there the code means a raw run. */
		if (rep && rep <= pos && state) {
			uint32_t len = match_len(data, n, pos, pos - rep);

			if (len >= MIN_LEN)
				relax_lengths(steps, pr, pos, MIN_LEN, len, REP,
					      rep, cost + pr->token[1][REP]);
			if (len >= NICE_LEN)
				skip_to = pos + len;
		}
		if (pos + 1 >= n)
			continue;
		/* Chains of earlier positions with the same next two bytes,
		 * nearest first: a farther candidate is only worth its
		 * longer lengths. */
		key = data[pos] | data[pos + 1] << 8;
		for (uint32_t cand = head[key]; cand != NO_POS &&
		     depth < CHAIN_DEPTH; cand = prev[cand], depth++) {
			uint32_t len = match_len(data, n, pos, cand);

			if (len > best) {
				uint32_t offset = pos - cand;

				relax_lengths(steps, pr, pos, best + 1, len,
					      COPY, offset, cost +
					      pr->token[state][COPY] +
					      price_of(pr, code_number,
						       CXZ_CTX_OFFSET, offset));
				best = len;
				if (best >= NICE_LEN) {
					skip_to = pos + len;
					break;
				}
			}
		}
		prev[pos] = head[key];
		head[key] = pos;
	}
	free(head);
	free(prev);
	return steps;
}

/* Code the cheapest path; c keeps what each context coded. */
static void code_path(struct coder *c, const uint8_t *data, size_t n,
		      const struct step *steps)
{
	size_t count = 0, pos, i;
	uint32_t *path;
	int state = 0;

	for (pos = n; pos; pos = steps[pos].from)
		count++;
	path = alloc(count * sizeof(*path));
	i = count;
	for (pos = n; pos; pos = steps[pos].from)
		path[--i] = pos;
	for (pos = 0; pos < n; ) {
		const struct step *s = &steps[path[i++]];

		code_token(c, state, s->kind, data, pos, s->offset, s->len);
		state = state_after(s->kind);
		pos += s->len;
	}
	coder_flush(c);
	free(path);
}

static struct writer compress_lz(const uint8_t *data, size_t n)
{
	static struct model model;
	static uint32_t count[CXZ_CTX_COUNT][2];
	struct coder c;
	static struct prices pr;
	struct writer best = { 0 };

	memset(count, 0, sizeof(count));
	for (int pass = 0; pass < PASSES; pass++) {
		struct step *steps;

		prices_init(&pr, count, n);
		steps = parse(data, n, &pr);
		coder_init(&c, &model);
		code_path(&c, data, n, steps);
		free(steps);
		memcpy(count, model.count, sizeof(count));
		if (!pass || c.out.len < best.len) {
			free(best.buf);
			best = c.out;
		} else {
			free(c.out.buf);
		}
	}
	free(pr.len);
	free(pr.rep_len);
	free(pr.raw_len);
	pr.len = pr.rep_len = pr.raw_len = NULL;
	return best;
}

/* The x86 call filter (cxz.h): operands in [-n, n) turn around within
 * that window, by +(i + 5) to encode, -(i + 5) to decode. */
static void call_filter(uint8_t *p, size_t n, int sign)
{
	for (size_t i = 0; i + 5 <= n; i++) {
		uint32_t v;

		if ((p[i] & 0xfe) != CXZ_X86_CALL)
			continue;
		v = get32(p + i + 1) + (uint32_t)n;	/* [0, 2n) if in */
		if (v < 2 * n) {
			v = (v + (sign > 0 ? i + 5 : 2 * n - (i + 5) % (2 * n))) %
			    (2 * n);
			put32(p + i + 1, v - (uint32_t)n);
		}
		i += 4;
	}
}

static struct writer compress(const uint8_t *data, size_t n)
{
	uint8_t *filtered = alloc(n);
	struct writer w;

	memcpy(filtered, data, n);
	call_filter(filtered, n, 1);
	w = compress_lz(filtered, n);
	free(filtered);
	return w;
}

/* ---- The reference decoder: what unpack.S does, with every bound
 * checked. ---- */

struct reader {
	const uint8_t *in;
	size_t len, pos;
	uint32_t range, code;
	uint16_t prob[CXZ_CTX_COUNT];
	int error;
};

static uint8_t next_byte(struct reader *r)
{
	if (r->pos >= r->len) {
		r->error = 1;
		return 0;
	}
	return r->in[r->pos++];
}

static void fill(struct reader *r)
{
	while (r->range < 1u << 24) {
		r->range <<= 8;
		r->code = r->code << 8 | next_byte(r);
	}
}

static int get_bit(struct reader *r, unsigned int ctx)
{
	uint16_t *p = &r->prob[ctx];
	uint32_t bound = (r->range >> CXZ_PROB_BITS) * *p;
	int bit = r->code >= bound;

	if (!bit) {
		r->range = bound;
		*p += (PROB_ONE - *p) >> CXZ_PROB_SHIFT;
	} else {
		r->code -= bound;
		r->range -= bound;
		*p -= *p >> CXZ_PROB_SHIFT;
	}
	fill(r);
	return bit;
}

static int get_direct(struct reader *r)
{
	r->prob[CXZ_CTX_RAW_BIT] = PROB_ONE / 2;
	return get_bit(r, CXZ_CTX_RAW_BIT);
}

static uint32_t get_number(struct reader *r, unsigned int group)
{
	unsigned int n = 0;
	uint32_t v = 1;

	while (get_bit(r, group + CXZ_NUM_MORE + n))
		if (++n == 32) {
			r->error = 1;
			return 0;
		}
	while (n--)
		v = 2 * v + get_bit(r, group + CXZ_NUM_BITS + n);
	return v;
}

static int decompress(const uint8_t *in, size_t in_len, uint8_t *out,
		      size_t out_len)
{
	static struct reader r;
	size_t pos = 0, offset = 0, len;
	int state = 0;

	memset(&r, 0, sizeof(r));
	r.in = in;
	r.len = in_len;
	for (int i = 0; i < 4; i++)
		r.code = r.code << 8 | next_byte(&r);
	r.range = UINT32_MAX;
	for (size_t i = 0; i < CXZ_CTX_COUNT; i++)
		r.prob[i] = PROB_ONE / 2;
	while (pos < out_len && !r.error) {
		unsigned int group;
		int copy;

		if (!get_bit(&r, CXZ_CTX_TOKEN + state)) {
			unsigned int node = 1, ctx;

			ctx = CXZ_CTX_LIT + ((pos ? out[pos - 1] : 0) >>
					     (8 - CXZ_LIT_CTX_BITS)) * 256;
			while (node < 256)
				node = 2 * node + get_bit(&r, ctx + node);
			out[pos++] = node;
			state = 1;
			continue;
		}
		if (!get_bit(&r, CXZ_CTX_KIND + state)) {
			offset = get_number(&r, CXZ_CTX_OFFSET);
			copy = 1;
			group = CXZ_CTX_LEN;
		} else {
			copy = state;	/* a repeat, or a raw run */
			group = copy ? CXZ_CTX_REP_LEN : CXZ_CTX_RAW_LEN;
		}
		len = get_number(&r, group);
		if (r.error || len >= out_len - pos)
			return -1;
		len++;
		if (copy && (!offset || offset > pos))
			return -1;
		for (; len; len--, pos++) {
			if (copy) {
				out[pos] = out[pos - offset];
				continue;
			}
			out[pos] = 0;
			for (int i = 0; i < 8; i++)
				out[pos] = out[pos] << 1 | get_direct(&r);
		}
		state = !copy;
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
	check = alloc(n);
	if (decompress(w.buf, w.len, check, n) != 0 ||
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
	out = alloc(out_len);
	if (decompress(data + CXZ_HDR_SIZE, in_len, out, out_len)) {
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
