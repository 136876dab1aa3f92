/* Real-mode entry points into C: the slots behind bioshook.h. */
#include <errno.h>
#include <cxboot/compiler.h>
#include <bios.h>
#include <bioshook.h>

/* What the stubs leave on the caller's stack above the registers
 * (arch/x86/core/hookstubs.S). */
struct bios_hook_frame {
	struct bios_regs regs;
	uint16_t ret_ip, ret_cs;	/* pm_call's return */
	uint32_t fn;			/* popped by pm_call's return */
	uint16_t verdict;		/* BIOS_HOOK_... */
	uint16_t ss;
	uint16_t slot;			/* times 4 */
	uint16_t ip, cs;		/* the caller's return */
} __packed;

struct hook_slot {
	bios_hook_fn fn;
	bool used, is_int;
	unsigned int vector;
};

void bios_hook_dispatch(struct bios_regs *regs);

extern char bios_hook_stubs[], bios_hook_old[], bios_hook_pass[];

static struct hook_slot slots[BIOS_HOOK_SLOTS];

void bios_hook_dispatch(struct bios_regs *regs)
{
	struct bios_hook_frame *f = (struct bios_hook_frame *)regs;
	struct hook_slot *slot = &slots[f->slot / 4];
	uint16_t sp = (uintptr_t)f - ((uintptr_t)f->ss << 4);
	struct bios_call call = {
		.regs = regs,
		.ss = f->ss,
		/* an interrupt also pushed FLAGS */
		.sp = sp + sizeof(*f) + (slot->is_int ? 2 : 0),
	};

	slot->fn(&call);
	f->verdict = !slot->is_int ? BIOS_HOOK_LRET :
		call.chain ? BIOS_HOOK_CHAIN : BIOS_HOOK_IRET;
}

static int take_slot(bios_hook_fn fn, bool is_int, unsigned int vector)
{
	for (int k = 0; k < BIOS_HOOK_SLOTS; k++) {
		if (slots[k].used)
			continue;
		slots[k] = (struct hook_slot){ fn, true, is_int, vector };
		return k;
	}
	return -ENOSPC;
}

static uint32_t stub(int k)
{
	return rm_farptr(bios_hook_stubs + k * BIOS_HOOK_STUB_SIZE);
}

static uint32_t *vector_entry(unsigned int vector)
{
	return real_to_flat(0, (vector & 0xff) * 4);
}

int hook_bios_interrupt(unsigned int vector, bios_hook_fn fn,
			uint32_t *old)
{
	uint32_t *olds = rm_flat(bios_hook_old);
	uint32_t *entry = vector_entry(vector);
	uint8_t *pass = rm_flat(bios_hook_pass);
	int k = take_slot(fn, true, vector);

	if (k < 0)
		return k;
	*old = olds[k] = *entry;
	pass[k] = 0;
	*entry = stub(k);
	return 0;
}

int unhook_bios_interrupt(unsigned int vector, bios_hook_fn fn)
{
	uint32_t *olds = rm_flat(bios_hook_old);
	uint8_t *pass = rm_flat(bios_hook_pass);
	uint32_t *entry = vector_entry(vector);
	int rc = -ENOENT;

	/* A slot already passing calls on is still ours: asked again, it
	 * goes if whoever hooked after us has left meanwhile. */
	for (int k = 0; k < BIOS_HOOK_SLOTS; k++) {
		struct hook_slot *slot = &slots[k];

		if (!slot->used || !slot->is_int || slot->vector != vector ||
		    slot->fn != fn)
			continue;
		if (*entry == stub(k)) {
			*entry = olds[k];
			slot->used = false;
			return 0;
		}
		pass[k] = 1;	/* and the slot stays taken */
		rc = -EBUSY;
	}
	return rc;
}

uint32_t bios_entry_point(bios_hook_fn fn)
{
	int k = take_slot(fn, false, 0);

	return k < 0 ? 0 : stub(k);
}
