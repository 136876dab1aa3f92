/* Real-mode addresses on the PC: flat memory is physical memory, and
 * SEG:OFF reaches the first MiB (and a little more). */
#include <pxe.h>

void *real_to_virt(uint16_t seg, uint16_t off)
{
	return real_to_flat(seg, off);
}

bool virt_to_real(const void *p, struct segoff16 *out)
{
	uintptr_t addr = (uintptr_t)p;

	if (addr >= 0x100000)
		return false;
	out->segment = addr >> 4;
	out->offset = addr & 0xf;
	return true;
}

void *phys_to_virt(uint32_t phys)
{
	uintptr_t addr = phys;

	__asm__("" : "+r"(addr));
	return (void *)addr;
}
