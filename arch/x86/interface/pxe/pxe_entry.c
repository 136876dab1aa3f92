/* The three ways into the PXE API, on the caller's registers: the
 * PXENV+ entry (BX = opcode, ES:DI = parameter block), the !PXE entry
 * (opcode and SEG:OFF of the block on the caller's stack) and INT 1Ah
 * AX=5650h, which tells where the PXENV+ structure is. */
#include <string.h>
#include "pxe_call.h"

static void pxe_set_result(struct bios_regs *regs, uint16_t exit)
{
	regs->eax = (regs->eax & 0xffff0000) | exit;
	if (exit == PXENV_EXIT_SUCCESS)
		regs->eflags &= ~EFLAGS_CF;
	else
		regs->eflags |= EFLAGS_CF;
}

void pxe_entry_pxenv(struct bios_regs *regs)
{
	void *params = real_to_virt(regs->es, regs->edi & 0xffff);

	pxe_set_result(regs, pxe_dispatch(regs->ebx & 0xffff, params));
}

/* The !PXE entry is a far call: at SS:SP the return IP and CS, then
 * the opcode word and the block's offset and segment. */
void pxe_entry_pxe(struct bios_regs *regs, uint16_t ss, uint16_t sp)
{
	uint16_t args[3];

	memcpy(args, real_to_virt(ss, sp + 4), sizeof(args));
	pxe_set_result(regs, pxe_dispatch(args[0],
					  real_to_virt(args[2], args[1])));
}

bool pxe_int1a(struct bios_regs *regs)
{
	struct segoff16 at;

	if ((regs->eax & 0xffff) != PXENV_INSTALL_CHECK || !pxe_state.basemem ||
	    pxe_state.unloaded ||
	    !virt_to_real(&pxe_state.basemem->pxenv, &at))
		return false;
	regs->eax = (regs->eax & 0xffff0000) | PXENV_INSTALLED;
	regs->es = at.segment;
	regs->ebx = (regs->ebx & 0xffff0000) | at.offset;
	regs->eflags &= ~EFLAGS_CF;
	return true;
}
