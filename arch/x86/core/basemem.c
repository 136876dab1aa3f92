/* The base-memory area of the mode-switch module (realmode.S), seen from C. */
#include <bios.h>

/* rm_base is set by the assembly: the linear address of the area the
 * loader put below 1 MiB (always a multiple of 16).  Symbols of that
 * area, such as rm_buffer, are linked as offsets from its start. */
extern uint32_t rm_base;
extern char rm_buffer[];

void *bios_buffer(uint16_t *seg, uint16_t *off)
{
	*seg = rm_base >> 4;
	*off = (uint16_t)(uintptr_t)rm_buffer;
	return (void *)(rm_base + (uintptr_t)rm_buffer);
}

void *prefix_area(void)
{
	return (void *)rm_base;
}

void *rm_flat(const void *sym)
{
	return (void *)(rm_base + (uintptr_t)sym);
}

uint32_t rm_farptr(const void *sym)
{
	return (rm_base >> 4) << 16 | (uint16_t)(uintptr_t)sym;
}
