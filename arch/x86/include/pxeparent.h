/* The PXE stack that started the firmware as a network bootstrap
 * program (arch/x86/prefix/pxeprefix.S recorded where it is), and calls
 * into it: through its !PXE entry point, or PXENV+'s when there is no
 * valid !PXE.  Parameter blocks and data that the stack reads through
 * real-mode pointers live in base memory taken off the size at 40:13h
 * on first use, for good (the stack may keep pointers into it). */
#ifndef X86_PXEPARENT_H
#define X86_PXEPARENT_H
#include <stddef.h>
#include <stdint.h>
#include <pxe_api.h>

/* Largest parameter block pxe_parent_call() takes */
#define PXE_PARENT_PARAMS_SIZE 256
/* Size of pxe_parent_buffer() */
#define PXE_PARENT_BUF_SIZE 1792

/* Is there a stack to call? */
int pxe_parent_present(void);
/* Call opcode with the parameter block (len bytes, copied to base
 * memory and back).  0 if the stack returned PXENV_EXIT_SUCCESS,
 * -EIO if not (the block's status says why), -ENODEV without one. */
int pxe_parent_call(uint16_t opcode, void *block, size_t len);
/* The data buffer: its flat address, and *far = SEG << 16 | OFF. */
void *pxe_parent_buffer(uint32_t *far);
/* Shut the NIC down and unload the whole stack (before native drivers
 * take the NIC over).  0, -ENODEV without a stack, -EIO if a call
 * failed (the stack is not called again either way). */
int pxe_parent_unload(void);

#endif
