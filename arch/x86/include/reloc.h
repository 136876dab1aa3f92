/* The relocation table of the 32-bit part: where it holds its own
 * absolute addresses, so that it can run at another address than the
 * one it is linked at (1 MiB).  Written at build time by util/reloc.c
 * from the linker's relocation records, appended to the payload before
 * compression, and applied by arch/x86/core/relocate.c.
 *
 * Little-endian:
 *
 *   0  count    number of sites
 *   4  count gaps, each an unsigned LEB128 number (7 bits a byte, low
 *      bits first, bit 7 set while more follow): the distance in bytes
 *      from the previous site (the first: from the start of the part)
 *
 * A site is a 32-bit word to which the distance moved is added. */
#ifndef X86_RELOC_H
#define X86_RELOC_H

#define RELOC_LINK_ADDR 0x100000	/* where the 32-bit part is linked */
#define RELOC_ALIGN 4096		/* it moves by multiples of this */

#endif
