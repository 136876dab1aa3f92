/* The C side of the PXE prefix (arch/x86/prefix/pxeprefix.S): what it
 * hands over (prefix.h: the PXE stack's pointers, and for a .kkpxe the
 * way back to it) and the calls into that stack (pxeparent.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <cxboot/compiler.h>
#include <bios.h>
#include <prefix.h>
#include <pxeparent.h>

#define BDA_BASEMEM 0x413
#define PXE_PARENT_BASEMEM_KIB \
	((PXE_PARENT_PARAMS_SIZE + PXE_PARENT_BUF_SIZE + 1023) / 1024)

extern uint32_t pxe_parent_pxenv[], pxe_parent_ppxe[];
/* Stamped by the build (enum pxe_keep); 40:13h as the stack left it */
extern uint8_t pxe_keep[];
extern uint16_t pxe_entry_basemem[];
extern uint32_t rm_base;

void prefix_reserve(void)
{
}

const char *prefix_cmdline(void)
{
	return "";
}

struct image *prefix_script(void)
{
	return NULL;
}

static struct {
	bool looked;
	uint32_t entry;         /* SEG << 16 | OFF; 0: none */
	bool ppxe;              /* entry is !PXE's (else PXENV+'s) */
	uint8_t *mem;           /* parameters, then the buffer */
	uint32_t mem_far;
} parent;

static bool sums_to_zero(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint8_t sum = 0;

	while (len--)
		sum += *p++;
	return sum == 0;
}

/* The structure at the recorded SEG:OFF, if it carries signature sig
 * and its checksum over the length byte at len_at holds. */
static const void *recorded(uint32_t *farptr, const char *sig,
			    size_t len_at)
{
	uint32_t v = *(uint32_t *)rm_flat(farptr);
	const uint8_t *p;

	if (!v)
		return NULL;
	p = real_to_flat(v >> 16, v & 0xffff);
	if (memcmp(p, sig, strlen(sig)) || !sums_to_zero(p, p[len_at]))
		return NULL;
	return p;
}

static uint32_t farptr(struct segoff16 p)
{
	return (uint32_t)p.segment << 16 | p.offset;
}

/* Find the entry point and take the base memory, once. */
static bool parent_ready(void)
{
	const struct s_PXE *ppxe;
	const struct s_PXENV *pxenv;
	uint16_t *base_kib;

	if (parent.looked)
		return parent.entry != 0;
	parent.looked = true;
	ppxe = recorded(pxe_parent_ppxe, "!PXE",
			offsetof(struct s_PXE, StructLength));
	pxenv = recorded(pxe_parent_pxenv, "PXENV+",
			 offsetof(struct s_PXENV, Length));
	if (ppxe) {
		parent.entry = farptr(ppxe->EntryPointSP);
		parent.ppxe = true;
	} else if (pxenv) {
		parent.entry = farptr(pxenv->RMEntry);
	} else {
		return false;
	}
	base_kib = real_to_flat(0, BDA_BASEMEM);
	*base_kib -= PXE_PARENT_BASEMEM_KIB;
	parent.mem = (uint8_t *)((uint32_t)*base_kib * 1024);
	parent.mem_far = (uint32_t)*base_kib << 22;   /* KiB * 64: SEG */
	return true;
}

int pxe_parent_present(void)
{
	return parent_ready();
}

void *pxe_parent_buffer(uint32_t *far)
{
	if (!parent_ready())
		return NULL;
	*far = parent.mem_far + PXE_PARENT_PARAMS_SIZE;
	return parent.mem + PXE_PARENT_PARAMS_SIZE;
}

/* !PXE takes the opcode and the block's SEG:OFF on the stack (the
 * opcode at SS:SP+4); PXENV+ takes BX = opcode, ES:DI = the block. */
int pxe_parent_call(uint16_t opcode, void *block, size_t len)
{
	struct bios_regs regs = { 0 };
	uint16_t seg = parent.mem_far >> 16, off = parent.mem_far;
	uint16_t args[3] = { opcode, off, seg };
	struct rm_stack stack = { .args = args, .len = sizeof(args) };

	if (!parent_ready())
		return -ENODEV;
	if (len > PXE_PARENT_PARAMS_SIZE)
		return -EINVAL;
	memcpy(parent.mem, block, len);
	if (parent.ppxe) {
		rm_call(0, parent.entry, &regs, &stack);
	} else {
		regs.ebx = opcode;
		regs.es = seg;
		regs.edi = off;
		rm_call(0, parent.entry, &regs, NULL);
	}
	memcpy(block, parent.mem, len);
	return (regs.eax & 0xffff) == PXENV_EXIT_SUCCESS ? 0 : -EIO;
}

enum pxe_keep pxe_parent_keep(void)
{
	uint8_t keep = *(uint8_t *)rm_flat(pxe_keep);

	return keep <= PXE_KEEP_ALL ? keep : PXE_KEEP_NOTHING;
}

/* PXE 2.1's order: the NIC shut down (UNDI_SHUTDOWN), the stack's
 * protocols gone (UNLOAD_STACK), then the UNDI itself with its INT 1Ah
 * hook (STOP_UNDI), after which there is no stack to call. */
int pxe_parent_unload(void)
{
	static const uint16_t steps[] = {
		PXENV_UNDI_SHUTDOWN, PXENV_UNLOAD_STACK, PXENV_STOP_UNDI,
	};
	size_t n = ARRAY_SIZE(steps) - pxe_parent_keep();
	struct s_PXENV_UNLOAD_STACK block;
	int rc = 0;

	if (!parent_ready())
		return -ENODEV;
	for (size_t i = 0; i < n && !rc; i++) {
		memset(&block, 0, sizeof(block));
		rc = pxe_parent_call(steps[i], &block, sizeof(block));
	}
	if (pxe_parent_keep() == PXE_KEEP_NOTHING)
		parent.entry = 0;
	return rc;
}

int pxe_parent_startup(void)
{
	struct s_PXENV_STATUS_ONLY startup = { 0 };
	struct s_PXENV_UNDI_INITIALIZE init = { 0 };
	int rc = pxe_parent_call(PXENV_UNDI_STARTUP, &startup,
				 sizeof(startup));

	return rc ? rc : pxe_parent_call(PXENV_UNDI_INITIALIZE, &init,
					 sizeof(init));
}

/* Only a .kkpxe has the whole stack to go back to. */
bool prefix_can_return(void)
{
	return pxe_parent_keep() == PXE_KEEP_ALL;
}

/* The stack lent us the NIC up and open (it had just fetched us with
 * it), and shut it down for our driver: it gets it back the same way.
 * Then the base memory that we took, unless someone took some below
 * ours meanwhile. */
uint16_t prefix_return(int status)
{
	struct s_PXENV_UNDI_OPEN open = {
		.PktFilter = FLTR_DIRECTED | FLTR_BRDCST,
	};
	uint16_t *base_kib = real_to_flat(0, BDA_BASEMEM);
	uint32_t ours;

	if (parent_ready() &&
	    (pxe_parent_startup() ||
	     pxe_parent_call(PXENV_UNDI_OPEN, &open, sizeof(open))))
		printf("Could not give the NIC back to the PXE stack\n");
	ours = parent.mem ? (uintptr_t)parent.mem : rm_base;
	if (*base_kib == ours / 1024)
		*base_kib = *(uint16_t *)rm_flat(pxe_entry_basemem);
	return status ? PXENV_EXIT_FAILURE : PXENV_EXIT_SUCCESS;
}
