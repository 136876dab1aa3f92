/* Setting value types: how raw bytes are written as text and read back.
 *
 * string  raw bytes as they are
 * ipv4    dotted quad, four bytes
 * intN    big-endian signed or unsigned integers of 1, 2 or 4 bytes
 * hex     bytes as "01:02:ab"; hexhyp "01-02-ab"; hexraw "0102ab"
 * uuid    sixteen bytes as 8-4-4-4-12 hex digits, in stored byte order
 * uristring  the bytes as a URI component: unreserved characters
 *         (RFC 3986 2.3) as they are, every other byte as %XX
 *
 * Every parse and format returns the length it needs, writing no more
 * than the buffer holds, so callers can size a buffer with a first call. */
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <errno.h>
#include <cxboot/settings.h>

/* Table entries are static by construction; the header names them. */
#define EXPORT_TYPE(pub, entry) \
	extern const struct setting_type pub __attribute__((alias(#entry)))

/* Copy as much of src as fits. */
static void copy_out(void *dst, size_t len, const void *src, size_t n)
{
	if (dst)
		memcpy(dst, src, MIN(len, n));
}

/* ---- string ---- */

static int string_parse(const struct setting_type *type, const char *text,
			void *raw, size_t len)
{
	size_t n = strlen(text);

	copy_out(raw, len, text, n);
	return n;
}

static int string_format(const struct setting_type *type, const void *raw,
			 size_t raw_len, char *buf, size_t len)
{
	if (len) {
		copy_out(buf, len - 1, raw, raw_len);
		buf[MIN(len - 1, raw_len)] = '\0';
	}
	return raw_len;
}

SETTING_TYPE(string_type) = { "string", string_parse, string_format };
EXPORT_TYPE(setting_type_string, string_type);

/* ---- ipv4 ---- */

static int ipv4_parse(const struct setting_type *type, const char *text,
		      void *raw, size_t len)
{
	uint8_t addr[4];
	const char *p = text;

	for (int i = 0; i < 4; i++) {
		unsigned int v = 0;
		int digits = 0;

		if (i && *p++ != '.')
			return -EINVAL;
		while (isdigit((unsigned char)*p) && digits < 3) {
			v = v * 10 + (*p++ - '0');
			digits++;
		}
		if (!digits || v > 255)
			return -EINVAL;
		addr[i] = v;
	}
	if (*p)
		return -EINVAL;
	copy_out(raw, len, addr, sizeof(addr));
	return sizeof(addr);
}

/* DHCP lists (several DNS servers) show their first address. */
static int ipv4_format(const struct setting_type *type, const void *raw,
		       size_t raw_len, char *buf, size_t len)
{
	const uint8_t *a = raw;

	if (raw_len < 4)
		return -EINVAL;
	return snprintf(buf, len, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

SETTING_TYPE(ipv4_type) = { "ipv4", ipv4_parse, ipv4_format };
EXPORT_TYPE(setting_type_ipv4, ipv4_type);

/* ---- integers ---- */

/* The name says it all: "int8" is one signed byte, "uint32" four
 * unsigned ones. */
static unsigned int int_width(const struct setting_type *type)
{
	const char *bits = type->name + (type->name[0] == 'u' ? 4 : 3);

	return strtoul(bits, NULL, 10) / 8;
}

static bool int_signed(const struct setting_type *type)
{
	return type->name[0] != 'u';
}

/* Decimal, or hex with "0x"; a sign only where the type has one. */
static int int_parse(const struct setting_type *type, const char *text,
		     void *raw, size_t len)
{
	unsigned int width = int_width(type);
	bool is_signed = int_signed(type);
	const char *p = text;
	bool neg = false;
	unsigned long long mag;
	long long v, min, max;
	uint8_t bytes[4];
	char *end;
	int base;

	if (*p == '-' && is_signed) {
		neg = true;
		p++;
	}
	/* strtoull would also take spaces and a sign: refuse them here. */
	if (!isdigit((unsigned char)*p))
		return -EINVAL;
	base = (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) ? 16 : 10;
	mag = strtoull(p, &end, base);
	if (*end)
		return -EINVAL;
	if (mag > 0xffffffffULL)
		return -ERANGE;
	v = neg ? -(long long)mag : (long long)mag;

	max = (1LL << (width * 8 - is_signed)) - 1;
	min = is_signed ? -max - 1 : 0;
	if (v < min || v > max)
		return -ERANGE;

	for (unsigned int i = width; i--; v >>= 8)
		bytes[i] = v & 0xff;
	copy_out(raw, len, bytes, width);
	return width;
}

/* A value shorter than the type (as DHCP options may be) is extended by
 * its sign or by zeros. */
static int int_format(const struct setting_type *type, const void *raw,
		      size_t raw_len, char *buf, size_t len)
{
	const uint8_t *b = raw;
	unsigned long u = 0;

	if (raw_len == 0 || raw_len > int_width(type))
		return -EINVAL;
	if (int_signed(type) && (b[0] & 0x80))
		u = ~0UL;
	for (size_t i = 0; i < raw_len; i++)
		u = (u << 8) | b[i];

	if (int_signed(type))
		return snprintf(buf, len, "%ld", (long)(int32_t)u);
	return snprintf(buf, len, "%lu", u & 0xffffffffUL);
}

SETTING_TYPE(int8_type) = { "int8", int_parse, int_format };
SETTING_TYPE(int16_type) = { "int16", int_parse, int_format };
SETTING_TYPE(int32_type) = { "int32", int_parse, int_format };
SETTING_TYPE(uint8_type) = { "uint8", int_parse, int_format };
SETTING_TYPE(uint16_type) = { "uint16", int_parse, int_format };
SETTING_TYPE(uint32_type) = { "uint32", int_parse, int_format };
EXPORT_TYPE(setting_type_int8, int8_type);
EXPORT_TYPE(setting_type_int16, int16_type);
EXPORT_TYPE(setting_type_int32, int32_type);
EXPORT_TYPE(setting_type_uint8, uint8_type);
EXPORT_TYPE(setting_type_uint16, uint16_type);
EXPORT_TYPE(setting_type_uint32, uint32_type);

/* ---- hex strings ---- */

/* The byte separator of a hex type; 0 for none. */
static char hex_separator(const struct setting_type *type)
{
	if (strcmp(type->name, "hexhyp") == 0)
		return '-';
	if (strcmp(type->name, "hexraw") == 0)
		return 0;
	return ':';
}

static int hex_digit(int c)
{
	if (isdigit(c))
		return c - '0';
	return tolower(c) - 'a' + 10;
}

/* The byte written as two hex digits at p, or -1. */
static int hex_byte(const char *p)
{
	if (!isxdigit((unsigned char)p[0]) || !isxdigit((unsigned char)p[1]))
		return -1;
	return hex_digit(p[0]) << 4 | hex_digit(p[1]);
}

/* Exactly two digits a byte, so "1:2" or "012" is refused rather than
 * guessed at. */
static int hex_parse(const struct setting_type *type, const char *text,
		     void *raw, size_t len)
{
	char sep = hex_separator(type);
	uint8_t *out = raw;
	const char *p = text;
	size_t n = 0;
	int byte;

	while (*p) {
		if (n && sep && *p++ != sep)
			return -EINVAL;
		byte = hex_byte(p);
		if (byte < 0)
			return -EINVAL;
		if (out && n < len)
			out[n] = byte;
		n++;
		p += 2;
	}
	return n;
}

/* Append one character if it fits, leaving room for the NUL. */
static void put_char(char *buf, size_t len, size_t *used, char c)
{
	if (*used + 1 < len)
		buf[*used] = c;
	(*used)++;
}

static int hex_format(const struct setting_type *type, const void *raw,
		      size_t raw_len, char *buf, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	char sep = hex_separator(type);
	const uint8_t *b = raw;
	size_t used = 0;

	for (size_t i = 0; i < raw_len; i++) {
		if (i && sep)
			put_char(buf, len, &used, sep);
		put_char(buf, len, &used, digits[b[i] >> 4]);
		put_char(buf, len, &used, digits[b[i] & 15]);
	}
	if (len)
		buf[MIN(used, len - 1)] = '\0';
	return used;
}

SETTING_TYPE(hex_type) = { "hex", hex_parse, hex_format };
SETTING_TYPE(hexhyp_type) = { "hexhyp", hex_parse, hex_format };
SETTING_TYPE(hexraw_type) = { "hexraw", hex_parse, hex_format };
EXPORT_TYPE(setting_type_hex, hex_type);
EXPORT_TYPE(setting_type_hexhyp, hexhyp_type);
EXPORT_TYPE(setting_type_hexraw, hexraw_type);

/* ---- uuid ---- */

/* 8-4-4-4-12 digits: a hyphen comes before bytes 4, 6, 8 and 10. */
static bool uuid_hyphen_before(size_t n)
{
	return n == 4 || n == 6 || n == 8 || n == 10;
}

static int uuid_parse(const struct setting_type *type, const char *text,
		      void *raw, size_t len)
{
	uint8_t uuid[16];
	const char *p = text;
	int byte;

	for (size_t n = 0; n < sizeof(uuid); n++) {
		if (uuid_hyphen_before(n) && *p++ != '-')
			return -EINVAL;
		byte = hex_byte(p);
		if (byte < 0)
			return -EINVAL;
		uuid[n] = byte;
		p += 2;
	}
	if (*p)
		return -EINVAL;
	copy_out(raw, len, uuid, sizeof(uuid));
	return sizeof(uuid);
}

static int uuid_format(const struct setting_type *type, const void *raw,
		       size_t raw_len, char *buf, size_t len)
{
	const uint8_t *u = raw;

	if (raw_len != 16)
		return -EINVAL;
	return snprintf(buf, len,
			"%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
			"%02x%02x%02x%02x%02x%02x",
			u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8],
			u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
}

SETTING_TYPE(uuid_type) = { "uuid", uuid_parse, uuid_format };
EXPORT_TYPE(setting_type_uuid, uuid_type);

/* ---- uristring ---- */

static bool uri_unreserved(unsigned char c)
{
	return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static int uristring_parse(const struct setting_type *type,
			   const char *text, void *raw, size_t len)
{
	uint8_t *out = raw;
	size_t n = 0;
	int byte;

	for (const char *p = text; *p; n++) {
		byte = *p == '%' ? hex_byte(p + 1) : -1;
		if (out && n < len)
			out[n] = byte >= 0 ? byte : *p;
		p += byte >= 0 ? 3 : 1;
	}
	return n;
}

static int uristring_format(const struct setting_type *type,
			    const void *raw, size_t raw_len, char *buf,
			    size_t len)
{
	static const char digits[] = "0123456789ABCDEF";
	const uint8_t *b = raw;
	size_t used = 0;

	for (size_t i = 0; i < raw_len; i++) {
		if (uri_unreserved(b[i])) {
			put_char(buf, len, &used, b[i]);
			continue;
		}
		put_char(buf, len, &used, '%');
		put_char(buf, len, &used, digits[b[i] >> 4]);
		put_char(buf, len, &used, digits[b[i] & 15]);
	}
	if (len)
		buf[MIN(used, len - 1)] = '\0';
	return used;
}

SETTING_TYPE(uristring_type) = { "uristring", uristring_parse,
				 uristring_format };

/* ---- PCI bus:dev.fn ---- */

/* "bb:dd.f" (or "ssss:bb:dd.f" with a segment) stored as the 16-bit
 * (32 with a segment) big-endian number iPXE's pciscan stores. */
static int busdevfn_parse(const struct setting_type *type, const char *text,
			  void *raw, size_t len)
{
	unsigned long seg = 0, bus, dev, fn;
	uint8_t out[4];
	char *end;
	size_t n;

	bus = strtoul(text, &end, 16);
	if (*end == ':' && strchr(end + 1, ':')) {
		seg = bus;
		bus = strtoul(end + 1, &end, 16);
	}
	if (*end != ':' || !isxdigit((unsigned char)end[1]))
		return -EINVAL;
	dev = strtoul(end + 1, &end, 16);
	if (*end != '.' || !isxdigit((unsigned char)end[1]))
		return -EINVAL;
	fn = strtoul(end + 1, &end, 16);
	if (*end || seg > 0xffff || bus > 0xff || dev > 0x1f || fn > 7)
		return -EINVAL;
	n = seg ? 4 : 2;
	for (size_t i = 0; i < n; i++)
		out[n - 1 - i] = (seg << 16 | bus << 8 | dev << 3 | fn) >>
			(8 * i);
	copy_out(raw, len, out, n);
	return n;
}

static int busdevfn_format(const struct setting_type *type, const void *raw,
			   size_t raw_len, char *buf, size_t len)
{
	const uint8_t *b = raw;
	uint32_t v = 0;

	if (raw_len == 0 || raw_len > 4)
		return -EINVAL;
	for (size_t i = 0; i < raw_len; i++)
		v = v << 8 | b[i];
	if (v >> 16)
		return snprintf(buf, len, "%04x:%02x:%02x.%x", v >> 16,
				v >> 8 & 0xff, v >> 3 & 0x1f, v & 7);
	return snprintf(buf, len, "%02x:%02x.%x", v >> 8, v >> 3 & 0x1f,
			v & 7);
}

SETTING_TYPE(busdevfn_type) = { "busdevfn", busdevfn_parse,
				busdevfn_format };

const struct setting_type *find_setting_type(const char *name)
{
	for_each_table_entry(type, setting_types, struct setting_type) {
		if (strcmp(type->name, name) == 0)
			return type;
	}
	return NULL;
}
