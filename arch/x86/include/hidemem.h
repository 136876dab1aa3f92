/* Hiding the firmware's own memory from the programs it starts: while
 * the firmware stays in memory, INT 15h E820, E801h and 88h answer
 * without it (arch/x86/core/hidemem.c).  INT 15h is hooked at start-up
 * (an init function) when the BIOS has an E820 map. */
#ifndef X86_HIDEMEM_H
#define X86_HIDEMEM_H
#include <stdint.h>

/* Hide [start, end) (taken out of the RAM that the map reports). */
void hide_memory(uint32_t start, uint32_t end);

/* Show [start, end) again (the whole pages in it). */
void unhide_memory(uint32_t start, uint32_t end);

/* The i-th stretch of RAM below 4 GiB that the programs we start are
 * shown, [*start, *end); -1 past the last. */
int hidemem_ram(unsigned int i, uint32_t *start, uint32_t *end);

/* Give the memory back before leaving for good: unhook INT 15h, or,
 * if someone hooked it after us, let it pass everything through. */
void hidemem_remove(void);

#endif
