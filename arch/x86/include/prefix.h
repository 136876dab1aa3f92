/* What the prefix that started the firmware hands over to C.  Each
 * prefix's C side provides these. */
#ifndef X86_PREFIX_H
#define X86_PREFIX_H
#include <stdbool.h>
#include <stdint.h>

struct image;

/* Called once, before the image moves (relocate.c) and anything
 * allocates: keep the loader's data (e.g. an initrd) out of the way. */
void prefix_reserve(void);
/* The command line given by the loader ("" if none). */
const char *prefix_cmdline(void);
/* A script to run instead of the interactive shell, or NULL.  The
 * caller drops the reference. */
struct image *prefix_script(void);
/* Whether the loader takes the machine back when the firmware is done
 * without having booted anything (a .kkpxe's PXE ROM): x86_main then
 * returns to the prefix, which goes back to the loader.  Otherwise
 * the machine is reset. */
bool prefix_can_return(void);
/* Give the loader back what it lent us, once our devices are stopped
 * and our memory shown again, just before x86_main returns.  status:
 * what ended (0, exit's N, or a negative error); returns the value the
 * loader gets in AX. */
uint16_t prefix_return(int status);

#endif
