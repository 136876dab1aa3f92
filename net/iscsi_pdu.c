/* iSCSI basic header segments (RFC 7143 11): fields at their offsets,
 * big-endian, and the PDUs a target sends read into plain structures. */
#include <errno.h>
#include <string.h>
#include <byteswap.h>
#include <net/iscsi.h>

uint32_t iscsi_get32(const struct iscsi_bhs *h, unsigned int off)
{
	return be32_get(&h->b[off]);
}

void iscsi_put32(struct iscsi_bhs *h, unsigned int off, uint32_t v)
{
	be32_put(&h->b[off], v);
}

uint32_t iscsi_data_len(const struct iscsi_bhs *h)
{
	const uint8_t *p = &h->b[ISCSI_OFF_DATA_LEN];

	return (uint32_t)p[0] << 16 | p[1] << 8 | p[2];
}

void iscsi_set_data_len(struct iscsi_bhs *h, uint32_t len)
{
	uint8_t *p = &h->b[ISCSI_OFF_DATA_LEN];

	p[0] = len >> 16;
	p[1] = len >> 8;
	p[2] = len;
}

void iscsi_bhs_init(struct iscsi_bhs *h, unsigned int opcode,
		    unsigned int flags, uint32_t itt)
{
	memset(h, 0, sizeof(*h));
	h->b[0] = opcode;
	h->b[ISCSI_OFF_FLAGS] = flags;
	iscsi_put32(h, ISCSI_OFF_ITT, itt);
}

int iscsi_parse_data_in(const struct iscsi_bhs *h, struct iscsi_data_in *d)
{
	uint8_t flags = h->b[ISCSI_OFF_FLAGS];

	d->itt = iscsi_get32(h, ISCSI_OFF_ITT);
	d->offset = iscsi_get32(h, ISCSI_OFF_BUF_OFFSET);
	d->len = iscsi_data_len(h);
	d->has_status = flags & ISCSI_DATA_STATUS;
	d->status = h->b[ISCSI_OFF_STATUS];
	d->statsn = iscsi_get32(h, ISCSI_OFF_STATSN);
	/* Status comes only with the last PDU of the command (11.7.1). */
	if (d->has_status && !(flags & ISCSI_FINAL))
		return -EPROTO;
	return 0;
}

int iscsi_parse_r2t(const struct iscsi_bhs *h, struct iscsi_r2t *r)
{
	r->itt = iscsi_get32(h, ISCSI_OFF_ITT);
	r->ttt = iscsi_get32(h, ISCSI_OFF_TTT);
	r->offset = iscsi_get32(h, ISCSI_OFF_BUF_OFFSET);
	r->len = iscsi_get32(h, ISCSI_OFF_DESIRED_LEN);
	return r->len ? 0 : -EPROTO;
}
