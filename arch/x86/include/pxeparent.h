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

/* What of the stack stays while the firmware runs: the image's kind,
 * which the build stamps into the prefix by the image's name (as
 * iPXE's images do).  PXE 2.1 takes a stack down in three steps, each
 * undoing the layer below the next: the NIC's use (UNDI_SHUTDOWN,
 * which leaves it safe for another driver), the base code
 * (UNLOAD_STACK), the UNDI itself (STOP_UNDI).  The value is how many
 * of the last steps are left out. */
enum pxe_keep {
	PXE_KEEP_NOTHING = 0,	/* .pxe: the whole stack goes */
	PXE_KEEP_UNDI = 1,	/* .kpxe: the UNDI stays in memory */
	PXE_KEEP_ALL = 2,	/* .kkpxe: all stays; we can go back to it */
};
enum pxe_keep pxe_parent_keep(void);
/* Take the stack down as far as the image's kind says (at start-up,
 * before any driver touches the NIC).  0, -ENODEV without a stack,
 * -EIO if a call failed (the later steps are not tried). */
int pxe_parent_unload(void);
/* Bring a shut-down UNDI up again as PXE 2.1 does (UNDI_STARTUP, then
 * UNDI_INITIALIZE), for us or for the stack we go back to. */
int pxe_parent_startup(void);

#endif
