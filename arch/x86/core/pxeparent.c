/* The C side of the PXE prefix (arch/x86/prefix/pxeprefix.S): what it
 * hands over (prefix.h: nothing but the PXE stack's pointers, which
 * pxeparent.h offers). */
#include <stdbool.h>
#include <string.h>
#include <bios.h>
#include <prefix.h>
#include <pxeparent.h>

extern uint32_t pxe_parent_pxenv[], pxe_parent_ppxe[];

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

const struct s_PXE *pxe_parent_ppxe_struct(void)
{
	return recorded(pxe_parent_ppxe, "!PXE",
			offsetof(struct s_PXE, StructLength));
}

const struct s_PXENV *pxe_parent_pxenv_struct(void)
{
	return recorded(pxe_parent_pxenv, "PXENV+",
			offsetof(struct s_PXENV, Length));
}
