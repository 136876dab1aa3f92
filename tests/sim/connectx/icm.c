/* Address translation: the firmware-area, auxiliary and ICM maps (lists
 * of naturally aligned blocks), MTT lookups for queue buffers and MPT
 * (lkey) checks for every data segment. */
#include <string.h>
#include "cx.h"

static bool overlaps(const struct cx_map *maps, unsigned int n,
		     uint64_t va, uint64_t len)
{
	for (unsigned int i = 0; i < n; i++) {
		if (va < maps[i].va + maps[i].len && maps[i].va < va + len)
			return true;
	}
	return false;
}

/* Validate every entry first so that a refused command maps nothing. */
int cx_map_add(struct cx_dev *cx, struct cx_map *maps, unsigned int *n,
	       const uint8_t *e, unsigned int count, bool use_va)
{
	for (unsigned int i = 0; i < count; i++, e += 16) {
		uint64_t va = cx_be64(e, 0), pal = cx_be64(e, 8);
		unsigned int log = pal & 0x1f;
		uint64_t pa = pal & ~0xfffull, len = (uint64_t)CX_PAGE << log;

		if ((pal & 0xfe0) || (use_va && (va & 0xfff)) || log > 30)
			return CX_BAD_PARAM;	/* reserved bits */
		if ((pa & (len - 1)) || (use_va && (va & (len - 1))))
			return CX_BAD_PARAM;	/* not naturally aligned */
		if (use_va && (va + len > cx->icm_size ||
			       overlaps(maps, *n, va, len)))
			return CX_BAD_PARAM;
		if (!sim_dma(pa, len)) {
			cx->stats.dma_faults++;
			return CX_BAD_PARAM;
		}
	}
	if (*n + count > CX_MAX_MAPS)
		return CX_EXCEED_LIM;
	e -= 16 * count;
	for (unsigned int i = 0; i < count; i++, e += 16) {
		uint64_t pal = cx_be64(e, 8);

		maps[*n].va = use_va ? cx_be64(e, 0) : 0;
		maps[*n].pa = pal & ~0xfffull;
		maps[*n].len = (uint64_t)CX_PAGE << (pal & 0x1f);
		(*n)++;
	}
	return CX_OK;
}

uint64_t cx_map_pages(const struct cx_map *maps, unsigned int n)
{
	uint64_t pages = 0;

	for (unsigned int i = 0; i < n; i++)
		pages += maps[i].len / CX_PAGE;
	return pages;
}

void *cx_icm(struct cx_dev *cx, uint64_t va, size_t len)
{
	for (unsigned int i = 0; i < cx->nicm; i++) {
		const struct cx_map *m = &cx->icm[i];

		if (va >= m->va && va + len <= m->va + m->len)
			return sim_dma(m->pa + (va - m->va), len);
	}
	return NULL;
}

void cx_icm_unmap(struct cx_dev *cx, uint64_t va, uint64_t pages)
{
	uint64_t end = va + pages * CX_PAGE;

	for (unsigned int i = 0; i < cx->nicm;) {
		if (cx->icm[i].va >= va && cx->icm[i].va < end)
			cx->icm[i] = cx->icm[--cx->nicm];
		else
			i++;
	}
}

/* The MTT entry for page idx of a translation starting at byte offset
 * mtt_off of the MTT table: the page's bus address, or ~0. */
static uint64_t mtt_lookup(struct cx_dev *cx, uint64_t mtt_off,
			   uint64_t idx)
{
	const uint8_t *e = cx_icm(cx, cx->hca.mtt + mtt_off + idx * SZ_MTT,
				  SZ_MTT);
	uint64_t v;

	if (!e)
		return ~0ull;
	v = cx_be64(e, 0);
	return (v & 1) ? v & ~7ull : ~0ull;
}

uint64_t cx_buf_addr(struct cx_dev *cx, const struct cx_buf *b, uint64_t off)
{
	uint64_t page = (uint64_t)1 << b->log_page;
	uint64_t pos = b->page_offset + off;
	uint64_t base = mtt_lookup(cx, b->mtt_off, pos >> b->log_page);

	return base == ~0ull ? base : base + (pos & (page - 1));
}

void *cx_buf_ptr(struct cx_dev *cx, const struct cx_buf *b, uint64_t off,
		 size_t len)
{
	uint64_t bus = cx_buf_addr(cx, b, off);
	void *p = bus == ~0ull ? NULL : sim_dma(bus, len);

	if (!p)
		cx->stats.dma_faults++;
	return p;
}

void *cx_lkey_ptr(struct cx_dev *cx, uint32_t lkey, uint32_t pd,
		  uint64_t addr, size_t len)
{
	uint32_t idx = lkey >> 8, key = lkey >> 8 | lkey << 24;
	const struct cx_mpt *m;
	uint64_t bus;
	void *p;

	m = cx_mpt_find(cx, idx);
	if (!m || m->key != key || m->pd != pd)
		return NULL;
	if (m->physical) {
		bus = addr;
	} else {
		uint64_t off = addr - m->start, page = 1ull << m->log_page;

		if (addr < m->start || (!m->len64 && off + len > m->len) ||
		    (off & (page - 1)) + len > page)
			return NULL;
		bus = mtt_lookup(cx, m->mtt_off, off >> m->log_page);
		if (bus == ~0ull)
			return NULL;
		bus += off & (page - 1);
	}
	p = sim_dma(bus, len);
	if (!p)
		cx->stats.dma_faults++;
	return p;
}
