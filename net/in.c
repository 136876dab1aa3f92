/* IPv4 address text conversion (inet_ntoa, inet_aton) and the Internet
 * checksum of RFC 1071.
 *
 * Checksums are kept in the form they take on the wire: the returned
 * uint16_t, stored as is into a header field, has the right bytes.  This
 * works because the one's complement sum does not depend on byte order
 * (RFC 1071 section 2.B), so the data can be summed with plain native
 * loads. */
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <net/in.h>

const char *inet_ntoa(struct in_addr in)
{
	/* A few buffers, so that one printf can show a source and a
	 * destination. */
	static char bufs[4][16];
	static unsigned int next;
	const uint8_t *b = (const uint8_t *)&in.s_addr;
	char *buf = bufs[next++ % ARRAY_SIZE(bufs)];

	snprintf(buf, sizeof(bufs[0]), "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
	return buf;
}

/* Only the dotted quad of decimal numbers is accepted: the short and
 * octal/hex forms of the BSD function surprise people more often than
 * they help them. */
int inet_aton(const char *text, struct in_addr *in)
{
	uint8_t b[4];
	unsigned int i;

	for (i = 0; i < 4; i++) {
		unsigned int v = 0, digits = 0;

		while (isdigit(*text)) {
			v = v * 10 + (*text++ - '0');
			if (++digits > 3 || v > 255)
				return 0;
		}
		if (!digits)
			return 0;
		b[i] = v;
		if (i < 3 && *text++ != '.')
			return 0;
	}
	if (*text)
		return 0;
	memcpy(&in->s_addr, b, sizeof(b));
	return 1;
}

/* Fold a wide one's complement sum down to 16 bits. */
static uint16_t chksum_fold(uint64_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

/* The sum may be taken in words of any width: 2^16, 2^32 and 2^64 are
 * all 1 modulo 0xffff, so a carry out of the top counts as a 1 and the
 * fold is exact.  Payloads are the bulk: two independent chains of
 * 64-bit words keep the processor's adders busy.  (__builtin_memcpy: a
 * load, where the freestanding memcpy would be a call for every word.) */
uint16_t tcpip_continue_chksum(uint16_t partial, const void *data, size_t len)
{
	const uint8_t *p = data;
	uint64_t s0 = (uint16_t)~partial, s1 = 0, carries = 0, w0, w1;
	uint32_t w;
	uint16_t h;

	while (len >= 16) {
		__builtin_memcpy(&w0, p, 8);
		__builtin_memcpy(&w1, p + 8, 8);
		s0 += w0;
		carries += s0 < w0;
		s1 += w1;
		carries += s1 < w1;
		p += 16;
		len -= 16;
	}
	s0 = chksum_fold(s0) + chksum_fold(s1) + carries;
	while (len >= 4) {
		__builtin_memcpy(&w, p, 4);
		s0 += w;
		p += 4;
		len -= 4;
	}
	if (len >= 2) {
		__builtin_memcpy(&h, p, 2);
		s0 += h;
		p += 2;
		len -= 2;
	}
	/* A trailing byte is padded with a zero byte after it, i.e. it is
	 * the first byte of a 16-bit word in memory order. */
	if (len) {
		uint8_t last[2] = { *p, 0 };

		__builtin_memcpy(&h, last, 2);
		s0 += h;
	}
	return ~chksum_fold(s0);
}
