/* DHCP option codec: walking, validating and looking up options in a
 * BOOTP/DHCP packet (RFC 2131, 2132, 3396), including options carried
 * in the file and sname fields (option 52) and encapsulated options
 * such as 175.x and 43.x, and appending options when building one.
 *
 * Everything here is pure and bounds-checked: it reads packets straight
 * from the network and must never look past their end. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <byteswap.h>
#include <net/dhcp.h>

int dhcp_next_option(const uint8_t **pos, const uint8_t *end,
		     struct dhcp_option *opt)
{
	const uint8_t *p = *pos;

	while (p < end && *p == DHCP_OPT_PAD)
		p++;
	if (p >= end || *p == DHCP_OPT_END) {
		*pos = end;
		return 0;
	}
	if (end - p < 2 || end - p - 2 < p[1])
		return -EINVAL;
	opt->code = p[0];
	opt->len = p[1];
	opt->data = p + 2;
	*pos = p + 2 + p[1];
	return 1;
}

/* A stretch of a packet that holds options. */
struct opt_area {
	const uint8_t *start, *end;
};

/* The option areas of pkt in search order (RFC 2131 §4.1: options,
 * then file, then sname).  Returns how many, or -EINVAL. */
static int find_areas(const void *pkt, size_t len, struct opt_area *areas)
{
	const struct dhcphdr *hdr = pkt;
	const uint8_t *pos, *end = (const uint8_t *)pkt + len;
	struct dhcp_option opt;
	int overload = 0, n = 0, rc;

	if (len < DHCP_MIN_LEN)
		return -EINVAL;
	pos = hdr->options;
	areas[n++] = (struct opt_area){ pos, end };
	while ((rc = dhcp_next_option(&pos, end, &opt)) > 0) {
		if (opt.code != DHCP_OPT_OVERLOAD)
			continue;
		/* Two answers to "which fields are options" is one too many. */
		if (overload || opt.len != 1 || opt.data[0] < 1 ||
		    opt.data[0] > 3)
			return -EINVAL;
		overload = opt.data[0];
	}
	if (rc < 0)
		return rc;
	if (overload & DHCP_OVERLOAD_FILE)
		areas[n++] = (struct opt_area){
			(const uint8_t *)hdr->file,
			(const uint8_t *)hdr->file + sizeof(hdr->file) };
	if (overload & DHCP_OVERLOAD_SNAME)
		areas[n++] = (struct opt_area){
			(const uint8_t *)hdr->sname,
			(const uint8_t *)hdr->sname + sizeof(hdr->sname) };
	return n;
}

int dhcp_validate(const void *pkt, size_t len)
{
	const struct dhcphdr *hdr = pkt;
	struct opt_area areas[3];
	struct dhcp_option opt;
	const uint8_t *pos;
	int n, i, rc;

	if (len < DHCP_MIN_LEN || hdr->magic != htonl(DHCP_MAGIC))
		return -EINVAL;
	if (hdr->htype != DHCP_HTYPE_ETHER || hdr->hlen != 6)
		return -EINVAL;
	n = find_areas(pkt, len, areas);
	if (n < 0)
		return n;
	/* The options field was walked by find_areas(); an overloaded
	 * field naming option 52 again would point at itself. */
	for (i = 1; i < n; i++) {
		pos = areas[i].start;
		while ((rc = dhcp_next_option(&pos, areas[i].end, &opt)) > 0) {
			if (opt.code == DHCP_OPT_OVERLOAD)
				return -EINVAL;
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Append every instance of code in [start, end) to buf at *total
 * (copying what fits).  Returns how many there were, or -EINVAL. */
static int collect(const uint8_t *start, const uint8_t *end, uint8_t code,
		   uint8_t *buf, size_t buflen, size_t *total)
{
	struct dhcp_option opt;
	int count = 0, rc;

	while ((rc = dhcp_next_option(&start, end, &opt)) > 0) {
		if (opt.code != code)
			continue;
		if (*total < buflen)
			memcpy(buf + *total, opt.data,
			       MIN((size_t)opt.len, buflen - *total));
		*total += opt.len;
		count++;
	}
	return rc < 0 ? rc : count;
}

/* collect() over every option area of pkt. */
static int collect_all(const void *pkt, size_t len, uint8_t code,
		       uint8_t *buf, size_t buflen, size_t *total)
{
	struct opt_area areas[3];
	int n, i, rc, count = 0;

	*total = 0;
	n = find_areas(pkt, len, areas);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		rc = collect(areas[i].start, areas[i].end, code, buf, buflen,
			     total);
		if (rc < 0)
			return rc;
		count += rc;
	}
	return count;
}

int dhcp_fetch_option(const void *pkt, size_t len, unsigned int tag,
		      void *buf, size_t buflen)
{
	unsigned int outer = tag >> 8, inner = tag & 0xff;
	size_t total = 0, body_len;
	uint8_t *body;
	int rc;

	if (tag > 0xffff || inner == DHCP_OPT_PAD || inner == DHCP_OPT_END ||
	    outer == DHCP_OPT_END)
		return -ENOENT;
	if (!outer) {
		rc = collect_all(pkt, len, inner, buf, buflen, &total);
		return rc < 0 ? rc : rc ? (int)total : -ENOENT;
	}

	/* Encapsulated: join the outer option first, since a long one may
	 * have been split anywhere, even inside a sub-option. */
	rc = collect_all(pkt, len, outer, NULL, 0, &body_len);
	if (rc < 0)
		return rc;
	if (!body_len)
		return -ENOENT;
	body = malloc(body_len);
	if (!body)
		return -ENOMEM;
	collect_all(pkt, len, outer, body, body_len, &body_len);
	rc = collect(body, body + body_len, inner, buf, buflen, &total);
	free(body);
	return rc < 0 ? rc : rc ? (int)total : -ENOENT;
}

/* A NUL-padded text field, without its padding. */
static int fetch_field(const char *field, size_t size, void *buf,
		       size_t buflen)
{
	size_t n = strnlen(field, size);

	if (!n)
		return -ENOENT;
	if (buflen)
		memcpy(buf, field, MIN(n, buflen));
	return n;
}

/* Text options may carry a trailing NUL from servers that count it. */
static int fetch_text_option(const void *pkt, size_t len, uint8_t code,
			     void *buf, size_t buflen)
{
	char *text;
	int rc = dhcp_fetch_option(pkt, len, code, NULL, 0);

	if (rc <= 0)
		return rc < 0 ? rc : -ENOENT;
	text = malloc(rc);
	if (!text)
		return -ENOMEM;
	dhcp_fetch_option(pkt, len, code, text, rc);
	rc = fetch_field(text, rc, buf, buflen);
	free(text);
	return rc;
}

static int fetch_addr(struct in_addr addr, void *buf, size_t buflen)
{
	if (!addr.s_addr)
		return -ENOENT;
	if (buflen)
		memcpy(buf, &addr, MIN(sizeof(addr), buflen));
	return sizeof(addr);
}

int dhcp_packet_setting(const void *pkt, size_t len, unsigned int tag,
			void *buf, size_t buflen)
{
	const struct dhcphdr *hdr = pkt;
	uint8_t overload = 0;
	int rc;

	if (len < DHCP_MIN_LEN)
		return -ENOENT;
	if (dhcp_fetch_option(pkt, len, DHCP_OPT_OVERLOAD, &overload, 1) < 0)
		overload = 0;

	switch (tag) {
	case TAG_YIADDR:
		return fetch_addr(hdr->yiaddr, buf, buflen);
	case TAG_SIADDR:
		return fetch_addr(hdr->siaddr, buf, buflen);
	case TAG_FILE:
	case DHCP_OPT_BOOTFILE:
		rc = fetch_text_option(pkt, len, DHCP_OPT_BOOTFILE, buf,
				       buflen);
		if (rc == -ENOENT && !(overload & DHCP_OVERLOAD_FILE))
			rc = fetch_field(hdr->file, sizeof(hdr->file), buf,
					 buflen);
		break;
	case DHCP_OPT_TFTP_SERVER:
		rc = fetch_text_option(pkt, len, DHCP_OPT_TFTP_SERVER, buf,
				       buflen);
		if (rc == -ENOENT && !(overload & DHCP_OVERLOAD_SNAME))
			rc = fetch_field(hdr->sname, sizeof(hdr->sname), buf,
					 buflen);
		break;
	default:
		rc = dhcp_fetch_option(pkt, len, tag, buf, buflen);
		break;
	}
	/* A broken packet simply has no such setting. */
	return rc == -ENOMEM ? rc : rc < 0 ? -ENOENT : rc;
}

void dhcp_put_option(struct dhcp_writer *w, uint8_t code, const void *data,
		     size_t len)
{
	if (w->rc || len > 255 || w->end - w->pos < (ptrdiff_t)(len + 2)) {
		w->rc = -ENOSPC;
		return;
	}
	w->pos[0] = code;
	w->pos[1] = len;
	memcpy(w->pos + 2, data, len);
	w->pos += len + 2;
}
