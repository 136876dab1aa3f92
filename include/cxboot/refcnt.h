/* Reference counts: an object is freed when its last reference drops. */
#ifndef CXBOOT_REFCNT_H
#define CXBOOT_REFCNT_H

struct refcnt {
	int count;                          /* references beyond the first */
	void (*free)(struct refcnt *ref);   /* NULL: object is not freed */
};

static inline void ref_init(struct refcnt *ref, void (*fn)(struct refcnt *))
{
	ref->count = 0;
	ref->free = fn;
}
static inline struct refcnt *ref_get(struct refcnt *ref)
{
	if (ref)
		ref->count++;
	return ref;
}
static inline void ref_put(struct refcnt *ref)
{
	if (ref && --ref->count < 0 && ref->free)
		ref->free(ref);
}

#endif
