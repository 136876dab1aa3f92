/* Cylinder/head/sector addressing of INT 13h's original functions
 * (02h-04h, 08h) for disks that have only a block count: the usual
 * made-up geometry of 255 heads and 63 sectors per track, at most 1024
 * cylinders (what the 10-bit cylinder field can name).  Pure
 * arithmetic, shared with the unit tests. */
#ifndef X86_CHS_H
#define X86_CHS_H
#include <stdint.h>

struct chs_geometry {
	uint32_t cylinders, heads, sectors;
};

void chs_geometry(uint64_t blocks, struct chs_geometry *g);

/* The block that CX (cylinder bits 0-7 in CH, bits 8-9 in CL bits 6-7,
 * sector from 1 in CL bits 0-5) and DH (head) name; -1 if outside the
 * geometry. */
int64_t chs_to_lba(const struct chs_geometry *g, uint16_t cx, uint8_t dh);

/* CX and DH as AH=08h reports them: the highest cylinder, sector and
 * head. */
uint16_t chs_max_cx(const struct chs_geometry *g);
uint8_t chs_max_dh(const struct chs_geometry *g);

#endif
