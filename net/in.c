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

uint16_t tcpip_continue_chksum(uint16_t partial, const void *data, size_t len)
{
	const uint8_t *p = data;
	uint64_t sum = (uint16_t)~partial;
	uint32_t w;
	uint16_t h;

	/* 32-bit words summed in 64 bits cannot overflow for any buffer
	 * we could hold; 2^16 = 1 modulo 0xffff makes the fold exact.
	 * (__builtin_memcpy: a load, where the freestanding memcpy would
	 * be a call for every word of every packet.) */
	while (len >= 4) {
		__builtin_memcpy(&w, p, 4);
		sum += w;
		p += 4;
		len -= 4;
	}
	if (len >= 2) {
		__builtin_memcpy(&h, p, 2);
		sum += h;
		p += 2;
		len -= 2;
	}
	/* A trailing byte is padded with a zero byte after it, i.e. it is
	 * the first byte of a 16-bit word in memory order. */
	if (len) {
		uint8_t last[2] = { *p, 0 };

		memcpy(&h, last, 2);
		sum += h;
	}
	return ~chksum_fold(sum);
}
