/* INT 13h CHS addressing (chs.h). */
#include "../include/chs.h"

#define HEADS 255
#define SECTORS 63
#define MAX_CYLINDERS 1024

void chs_geometry(uint64_t blocks, struct chs_geometry *g)
{
	uint64_t cylinders = blocks / (HEADS * SECTORS);

	g->heads = HEADS;
	g->sectors = SECTORS;
	/* A disk smaller than one cylinder still has that one, partly. */
	g->cylinders = cylinders > MAX_CYLINDERS ? MAX_CYLINDERS :
		cylinders ? cylinders : 1;
}

int64_t chs_to_lba(const struct chs_geometry *g, uint16_t cx, uint8_t dh)
{
	uint32_t cylinder = (cx >> 8) | (cx & 0xc0) << 2;
	uint32_t sector = cx & 0x3f;

	if (cylinder >= g->cylinders || dh >= g->heads || sector < 1 ||
	    sector > g->sectors)
		return -1;
	return ((int64_t)cylinder * g->heads + dh) * g->sectors + sector - 1;
}

uint16_t chs_max_cx(const struct chs_geometry *g)
{
	uint32_t cylinder = g->cylinders - 1;

	return (cylinder & 0xff) << 8 | (cylinder >> 2 & 0xc0) | g->sectors;
}

uint8_t chs_max_dh(const struct chs_geometry *g)
{
	return g->heads - 1;
}
