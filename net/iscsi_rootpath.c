/* iSCSI root paths (RFC 4173):
 *   iscsi:<server>:<protocol>:<port>:<LUN>:<targetname>
 * Empty fields take defaults (TCP, port 3260, LUN 0).  The server may be
 * a bracketed IPv6 literal, whose colons separate nothing; the target
 * name is everything after the LUN field, colons and all. */
#include <errno.h>
#include <string.h>
#include <net/iscsi.h>

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Up to four '-'-separated groups of up to four hex digits, each a
 * 16-bit level of the SAM LUN structure, first level first. */
int iscsi_parse_lun(const char *text, size_t len, uint8_t lun[8])
{
	unsigned int level = 0, digits = 0, value = 0;

	memset(lun, 0, 8);
	for (size_t i = 0; i <= len; i++) {
		if (i == len || text[i] == '-') {
			if (len && !digits)
				return -EINVAL;
			lun[2 * level] = value >> 8;
			lun[2 * level + 1] = value;
			if (i < len && ++level == 4)
				return -EINVAL;
			digits = value = 0;
			continue;
		}
		if (hex_digit(text[i]) < 0 || ++digits > 4)
			return -EINVAL;
		value = value << 4 | hex_digit(text[i]);
	}
	return 0;
}

static int parse_port(const char *text, size_t len, uint16_t *port)
{
	unsigned long value = 0;

	if (!len) {
		*port = ISCSI_PORT;
		return 0;
	}
	for (size_t i = 0; i < len; i++) {
		if (text[i] < '0' || text[i] > '9' || len > 5)
			return -EINVAL;
		value = value * 10 + (text[i] - '0');
	}
	if (!value || value > 0xffff)
		return -EINVAL;
	*port = value;
	return 0;
}

/* Copy field [start, end) into buf of size bytes: -EINVAL if empty or
 * too long. */
static int copy_field(const char *start, const char *end, char *buf,
		      size_t size)
{
	size_t len = end - start;

	if (!len || len >= size)
		return -EINVAL;
	memcpy(buf, start, len);
	buf[len] = '\0';
	return 0;
}

int iscsi_parse_root_path(const char *text, struct iscsi_root_path *rp)
{
	const char *field[4], *end[4], *p = text;
	int rc;

	memset(rp, 0, sizeof(*rp));
	/* server, protocol, port, LUN: each ends at a colon. */
	for (unsigned int i = 0; i < 4; i++) {
		field[i] = p;
		if (i == 0 && *p == '[') {
			p = strchr(p, ']');
			if (!p)
				return -EINVAL;
		}
		p = strchr(p, ':');
		if (!p)
			return -EINVAL;
		end[i] = p++;
	}
	rc = copy_field(field[0], end[0], rp->server, sizeof(rp->server));
	if (rc == 0)
		rc = parse_port(field[2], end[2] - field[2], &rp->port);
	if (rc == 0)
		rc = iscsi_parse_lun(field[3], end[3] - field[3], rp->lun);
	if (rc == 0)
		rc = copy_field(p, p + strlen(p), rp->target,
				sizeof(rp->target));
	/* The protocol field is TCP (6) or empty; nothing else exists. */
	if (rc == 0 && end[1] != field[1] &&
	    (end[1] - field[1] != 1 || field[1][0] != '6'))
		rc = -EINVAL;
	return rc;
}
