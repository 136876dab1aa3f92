/* The one SCSI command in flight on an iSCSI session: sending it with
 * the data it may send unasked (immediate data, unsolicited Data-Out, as
 * negotiated), the rest of a write on each R2T, Data-In into the
 * caller's buffer (each PDU checked against it first), and the status
 * with its sense data.  A UNIT ATTENTION sends the command again. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <net/iscsi_session.h>

/* UNIT ATTENTION (a new session, a reset) is expected once or twice;
 * the command is sent again that many times. */
#define ISCSI_UA_RETRIES 8

/* Data-Out PDUs for [offset, offset + len) of the task's buffer. */
static int iscsi_send_data(struct iscsi_session *s, uint32_t ttt,
			   uint32_t offset, uint32_t len)
{
	struct iscsi_task *t = &s->task;
	struct iscsi_bhs h;
	uint32_t sn = 0;
	int rc = 0;

	while (len && rc == 0) {
		uint32_t n = MIN(len, s->params.max_send);

		iscsi_bhs_init(&h, ISCSI_OP_DATA_OUT,
			       n == len ? ISCSI_FINAL : 0, t->itt);
		memcpy(&h.b[ISCSI_OFF_LUN], s->rp.lun, 8);
		iscsi_put32(&h, ISCSI_OFF_TTT, ttt);
		iscsi_put32(&h, ISCSI_OFF_EXPSTATSN, s->expstatsn);
		iscsi_put32(&h, ISCSI_OFF_DATASN, sn++);
		iscsi_put32(&h, ISCSI_OFF_BUF_OFFSET, offset);
		rc = iscsi_send(s, &h, t->buf + offset, n);
		offset += n;
		len -= n;
	}
	return rc;
}

/* Send the task's command, with as much data as may go unasked. */
static int iscsi_send_command(struct iscsi_session *s)
{
	struct iscsi_task *t = &s->task;
	const struct iscsi_params *p = &s->params;
	uint32_t imm = 0, unsolicited = 0;
	struct iscsi_bhs h;
	uint8_t flags = ISCSI_CMD_SIMPLE;
	int rc;

	t->received = 0;
	if (t->write) {
		if (!p->initial_r2t)
			unsolicited = MIN(t->len, p->first_burst);
		if (p->immediate_data)
			imm = MIN(MIN(t->len, p->first_burst), p->max_send);
		unsolicited = MAX(unsolicited, imm);
	}
	if (unsolicited <= imm)
		flags |= ISCSI_FINAL;
	if (t->len)
		flags |= t->write ? ISCSI_CMD_WRITE : ISCSI_CMD_READ;
	iscsi_bhs_init(&h, ISCSI_OP_SCSI_CMD, flags, t->itt);
	memcpy(&h.b[ISCSI_OFF_LUN], s->rp.lun, 8);
	iscsi_put32(&h, ISCSI_OFF_EXP_LEN, t->len);
	iscsi_put32(&h, ISCSI_OFF_CMDSN, s->cmdsn++);
	iscsi_put32(&h, ISCSI_OFF_EXPSTATSN, s->expstatsn);
	memcpy(&h.b[ISCSI_OFF_CDB], t->cdb, 16);
	rc = iscsi_send(s, &h, t->buf, imm);
	if (rc == 0 && unsolicited > imm)
		rc = iscsi_send_data(s, ISCSI_NO_TAG, imm, unsolicited - imm);
	return rc;
}

/* Start a command (t->cdb already built). */
int iscsi_command_start(struct iscsi_session *s, bool external, bool write,
			void *buf, uint32_t len)
{
	struct iscsi_task *t = &s->task;

	t->busy = true;
	t->external = external;
	t->write = write;
	t->buf = buf;
	t->len = len;
	t->retries = 0;
	t->itt = iscsi_new_itt(s);
	return iscsi_send_command(s);
}

/* The task ended with SCSI status; the sense data, if any, in
 * sense[0..len). */
static int iscsi_status(struct iscsi_session *s, uint8_t status,
			const uint8_t *sense, size_t len)
{
	struct iscsi_task *t = &s->task;
	struct scsi_sense ss;

	if (status == SCSI_GOOD) {
		if (t->external && !t->write && t->received != t->len) {
			printf("iSCSI: short read (%u of %u bytes)\n",
			       t->received, t->len);
			return -EIO;
		}
		return 0;
	}
	if (status != SCSI_CHECK_CONDITION) {
		printf("iSCSI: SCSI status 0x%02x\n", status);
		return -EIO;
	}
	if (scsi_parse_sense(sense, len, &ss) != 0) {
		printf("iSCSI: SCSI check condition without sense data\n");
		return -EIO;
	}
	if (ss.key == SCSI_SENSE_UNIT_ATTENTION &&
	    t->retries < ISCSI_UA_RETRIES) {
		t->retries++;
		return -EAGAIN;
	}
	printf("iSCSI: SCSI error: sense key %#x (%s), ASC/ASCQ %02x/%02x\n",
	       ss.key, scsi_sense_key_name(ss.key), ss.asc, ss.ascq);
	return -EIO;
}

void iscsi_command_end(struct iscsi_session *s, int rc)
{
	struct iscsi_task *t = &s->task;

	if (rc == -EAGAIN) {
		t->itt = iscsi_new_itt(s);
		rc = iscsi_send_command(s);
		if (rc == 0)
			return;
	}
	t->busy = false;
	iscsi_command_done(s, rc);
}

/* Is this PDU about the task in flight? */
static bool iscsi_is_task(struct iscsi_session *s, uint32_t itt)
{
	return s->task.busy && s->task.itt == itt;
}

int iscsi_rx_scsi_response(struct iscsi_session *s, const uint8_t *data,
			   uint32_t len)
{
	const struct iscsi_bhs *h = &s->rx_hdr;
	uint32_t sense_len = len >= 2 ? (uint32_t)data[0] << 8 | data[1] : 0;

	if (!iscsi_is_task(s, iscsi_get32(h, ISCSI_OFF_ITT)))
		return -EPROTO;
	s->expstatsn = iscsi_get32(h, ISCSI_OFF_STATSN) + 1;
	if (h->b[ISCSI_OFF_RESPONSE] != 0) {
		printf("iSCSI: the target failed the command (response "
		       "0x%02x)\n", h->b[ISCSI_OFF_RESPONSE]);
		iscsi_command_end(s, -EIO);
		return 0;
	}
	/* The data segment: the sense length, then the sense data. */
	if (len < 2)
		len = 2;
	sense_len = MIN(sense_len, len - 2);
	iscsi_command_end(s, iscsi_status(s, h->b[ISCSI_OFF_STATUS],
					sense_len ? data + 2 : NULL,
					sense_len));
	return 0;
}

/* A Data-In header: check it against the task, aim its data. */
int iscsi_rx_data_in_header(struct iscsi_session *s)
{
	struct iscsi_task *t = &s->task;
	struct iscsi_data_in d;
	int rc = iscsi_parse_data_in(&s->rx_hdr, &d);

	if (rc)
		return rc;
	if (!iscsi_is_task(s, d.itt) || t->write ||
	    (uint64_t)d.offset + d.len > t->len) {
		printf("iSCSI: Data-In outside the command's buffer\n");
		return -EPROTO;
	}
	s->rx_dest = t->buf + d.offset;
	t->received += d.len;
	return 0;
}

int iscsi_rx_data_in(struct iscsi_session *s)
{
	struct iscsi_data_in d;

	iscsi_parse_data_in(&s->rx_hdr, &d);
	if (!d.has_status)
		return 0;
	s->expstatsn = d.statsn + 1;
	iscsi_command_end(s, iscsi_status(s, d.status, NULL, 0));
	return 0;
}

int iscsi_rx_r2t(struct iscsi_session *s)
{
	struct iscsi_task *t = &s->task;
	struct iscsi_r2t r;
	int rc = iscsi_parse_r2t(&s->rx_hdr, &r);

	if (rc)
		return rc;
	if (!iscsi_is_task(s, r.itt) || !t->write ||
	    (uint64_t)r.offset + r.len > t->len) {
		printf("iSCSI: R2T outside the command's buffer\n");
		return -EPROTO;
	}
	return iscsi_send_data(s, r.ttt, r.offset, r.len);
}
