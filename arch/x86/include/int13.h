/* The INT 13h side that booting needs (arch/x86/core/int13.c). */
#ifndef X86_INT13_H
#define X86_INT13_H
#include <eltorito.h>

/* The boot image that started from one of our CD-ROM drives, for
 * AH=4Bh. */
void int13_booted(unsigned int drive, const struct eltorito_image *image);

#endif
