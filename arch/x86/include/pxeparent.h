/* The PXE stack that started the firmware as a network bootstrap
 * program (arch/x86/prefix/pxeprefix.S recorded where it is): its !PXE
 * and PXENV+ structures, or NULL when the image was not started that
 * way or a structure fails its signature and checksum. */
#ifndef X86_PXEPARENT_H
#define X86_PXEPARENT_H
#include <pxe_api.h>

const struct s_PXE *pxe_parent_ppxe_struct(void);
const struct s_PXENV *pxe_parent_pxenv_struct(void);

#endif
