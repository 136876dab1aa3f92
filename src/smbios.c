/* SMBIOS entry point and structure table (DMTF DSP0134). */
#include <errno.h>
#include <string.h>
#include <cxboot/smbios.h>

#define ENTRY_LEN_MIN 0x1f

static bool sums_to_zero(const uint8_t *p, size_t len)
{
	uint8_t sum = 0;

	while (len--)
		sum += *p++;
	return sum == 0;
}

int smbios_find_entry(const void *area, size_t len,
		      struct smbios_entry *entry)
{
	const uint8_t *base = area;

	for (size_t off = 0; off + ENTRY_LEN_MIN <= len; off += 16) {
		const uint8_t *p = base + off;
		uint8_t elen = p[5];

		/* "_SM_", its own checksum over its length, then the
		 * intermediate "_DMI_" part with one of its own. */
		if (memcmp(p, "_SM_", 4) != 0 || elen < ENTRY_LEN_MIN ||
		    off + elen > len || !sums_to_zero(p, elen) ||
		    memcmp(p + 0x10, "_DMI_", 5) != 0 ||
		    !sums_to_zero(p + 0x10, 0x0f))
			continue;
		entry->major = p[6];
		entry->minor = p[7];
		entry->len = p[0x16] | p[0x17] << 8;
		entry->table = p[0x18] | p[0x19] << 8 | p[0x1a] << 16 |
			       (uint32_t)p[0x1b] << 24;
		return 0;
	}
	return -ENOENT;
}

/* String number n (1-based) of the structure at s, whose strings start
 * at strings and end before end; NULL if absent or empty. */
static const char *string_of(const uint8_t *strings, const uint8_t *end,
			     unsigned int n)
{
	const uint8_t *p = strings;

	if (!n)
		return NULL;
	while (p < end && *p) {
		const uint8_t *nul = memchr(p, 0, end - p);

		if (!nul)
			return NULL;
		if (--n == 0)
			return (const char *)p;
		p = nul + 1;
	}
	return NULL;
}

/* The byte at off of a structure's formatted part, or 0 beyond it. */
static uint8_t field(const uint8_t *s, unsigned int off)
{
	return off < s[1] ? s[off] : 0;
}

static void read_uuid(const uint8_t *s, bool little_endian,
		      struct smbios_values *v)
{
	static const uint8_t swapped[16] = { 3, 2, 1, 0, 5, 4, 7, 6,
		8, 9, 10, 11, 12, 13, 14, 15 };
	bool all_ff = true, all_00 = true;

	if (s[1] < 0x18)
		return;
	for (int i = 0; i < 16; i++) {
		v->uuid[i] = s[8 + (little_endian ? swapped[i] : i)];
		all_ff &= v->uuid[i] == 0xff;
		all_00 &= v->uuid[i] == 0;
	}
	/* All ones: not present; all zeros: not set (DSP0134 7.2.1). */
	v->has_uuid = !all_ff && !all_00;
}

void smbios_read_values(const void *table, size_t len, uint8_t major,
			uint8_t minor, struct smbios_values *values)
{
	const uint8_t *p = table, *end = p + len;

	memset(values, 0, sizeof(*values));
	while (end - p >= 4 && p[1] >= 4 && p[1] <= end - p) {
		const uint8_t *strings = p + p[1], *next = strings;

		/* The string set ends with two NULs. */
		while (next + 1 < end && (next[0] || next[1]))
			next++;
		next += 2;
		if (p[0] == 1) {
			values->manufacturer = string_of(strings, end,
							 field(p, 4));
			values->product = string_of(strings, end, field(p, 5));
			values->serial = string_of(strings, end, field(p, 7));
			read_uuid(p, major > 2 || (major == 2 && minor >= 6),
				  values);
		} else if (p[0] == 3 && !values->asset) {
			values->asset = string_of(strings, end, field(p, 8));
		} else if (p[0] == 127) {
			break;		/* end of table */
		}
		if (next > end)
			break;
		p = next;
	}
}
