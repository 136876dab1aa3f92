/* CHAP with MD5 for iSCSI login (RFC 1994, RFC 7143 12.1.3): the
 * response is MD5 over the identifier, the secret and the challenge.
 * Challenges and responses travel as "binary values": "0x" and hex, or
 * "0b" and base64 (RFC 7143 6.1). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/md5.h>
#include <net/iscsi.h>

void iscsi_chap_response(uint8_t id, const char *secret,
			 const uint8_t *challenge, size_t len,
			 uint8_t response[ISCSI_CHAP_RESPONSE_LEN])
{
	size_t slen = strlen(secret);
	uint8_t *msg = malloc(1 + slen + len);

	if (!msg) {
		/* No response that could match: the login fails. */
		memset(response, 0, ISCSI_CHAP_RESPONSE_LEN);
		return;
	}
	msg[0] = id;
	memcpy(msg + 1, secret, slen);
	memcpy(msg + 1 + slen, challenge, len);
	md5(msg, 1 + slen + len, response);
	free(msg);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int base64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

static int decode_hex(const char *p, uint8_t *out, size_t size)
{
	size_t n = strlen(p), len = (n + 1) / 2;

	if (!n || len > size)
		return -EINVAL;
	/* An odd count has an implied leading zero. */
	for (size_t i = 0; i < len; i++) {
		int hi = i == 0 && (n & 1) ? 0 : hex_value(*p++), lo;

		if (hi < 0 || (lo = hex_value(*p++)) < 0)
			return -EINVAL;
		out[i] = hi << 4 | lo;
	}
	return len;
}

static int decode_base64(const char *p, uint8_t *out, size_t size)
{
	unsigned int bits = 0, nbits = 0;
	size_t len = 0;

	for (; *p && *p != '='; p++) {
		int v = base64_value(*p);

		if (v < 0)
			return -EINVAL;
		bits = bits << 6 | v;
		nbits += 6;
		if (nbits >= 8) {
			nbits -= 8;
			if (len == size)
				return -EINVAL;
			out[len++] = bits >> nbits;
		}
	}
	while (*p == '=')
		p++;
	return *p || !len ? -EINVAL : (int)len;
}

int iscsi_decode_binary(const char *text, uint8_t *out, size_t size)
{
	if (text[0] != '0')
		return -EINVAL;
	if (text[1] == 'x' || text[1] == 'X')
		return decode_hex(text + 2, out, size);
	if (text[1] == 'b' || text[1] == 'B')
		return decode_base64(text + 2, out, size);
	return -EINVAL;
}

void iscsi_encode_hex(const uint8_t *data, size_t len, char *buf)
{
	static const char digits[] = "0123456789abcdef";

	*buf++ = '0';
	*buf++ = 'x';
	for (size_t i = 0; i < len; i++) {
		*buf++ = digits[data[i] >> 4];
		*buf++ = digits[data[i] & 15];
	}
	*buf = '\0';
}
