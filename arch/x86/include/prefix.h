/* What the prefix that started the firmware hands over to C.  Each
 * prefix's C side provides these. */
#ifndef X86_PREFIX_H
#define X86_PREFIX_H

struct image;

/* Called once, before the image moves (relocate.c) and anything
 * allocates: keep the loader's data (e.g. an initrd) out of the way. */
void prefix_reserve(void);
/* The command line given by the loader ("" if none). */
const char *prefix_cmdline(void);
/* A script to run instead of the interactive shell, or NULL.  The
 * caller drops the reference. */
struct image *prefix_script(void);

#endif
