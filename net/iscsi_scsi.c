/* The SCSI side of the session (SPC-4, SBC-3): the few CDBs a boot disk
 * needs, and sense data read into key/ASC/ASCQ. */
#include <errno.h>
#include <string.h>
#include <byteswap.h>
#include <net/iscsi.h>

#define SCSI_OP_TEST_UNIT_READY 0x00
#define SCSI_OP_INQUIRY 0x12
#define SCSI_OP_READ_CAPACITY10 0x25
#define SCSI_OP_READ10 0x28
#define SCSI_OP_WRITE10 0x2a
#define SCSI_OP_READ16 0x88
#define SCSI_OP_WRITE16 0x8a
#define SCSI_OP_SERVICE_ACTION_IN 0x9e
#define SCSI_SA_READ_CAPACITY16 0x10

uint32_t scsi_cdb_inquiry(uint8_t cdb[16], uint8_t alloc)
{
	memset(cdb, 0, 16);
	cdb[0] = SCSI_OP_INQUIRY;
	cdb[4] = alloc;
	return alloc;
}

uint32_t scsi_cdb_test_unit_ready(uint8_t cdb[16])
{
	memset(cdb, 0, 16);
	cdb[0] = SCSI_OP_TEST_UNIT_READY;
	return 0;
}

uint32_t scsi_cdb_read_capacity10(uint8_t cdb[16])
{
	memset(cdb, 0, 16);
	cdb[0] = SCSI_OP_READ_CAPACITY10;
	return 8;
}

uint32_t scsi_cdb_read_capacity16(uint8_t cdb[16])
{
	memset(cdb, 0, 16);
	cdb[0] = SCSI_OP_SERVICE_ACTION_IN;
	cdb[1] = SCSI_SA_READ_CAPACITY16;
	be32_put(&cdb[10], 32);
	return 32;
}

uint32_t scsi_cdb_rw(uint8_t cdb[16], bool write, uint64_t lba,
		     uint32_t count, uint32_t blksize)
{
	uint64_t len = (uint64_t)count * blksize;

	memset(cdb, 0, 16);
	if (len > 0xffffffffULL)
		return 0;
	if (lba + count > 0x100000000ULL || count > 0xffff) {
		cdb[0] = write ? SCSI_OP_WRITE16 : SCSI_OP_READ16;
		be32_put(&cdb[2], lba >> 32);
		be32_put(&cdb[6], lba);
		be32_put(&cdb[10], count);
	} else {
		cdb[0] = write ? SCSI_OP_WRITE10 : SCSI_OP_READ10;
		be32_put(&cdb[2], lba);
		be16_put(&cdb[7], count);
	}
	return len;
}

int scsi_parse_sense(const uint8_t *data, size_t len, struct scsi_sense *s)
{
	uint8_t code = len ? data[0] & 0x7f : 0;

	if ((code == 0x70 || code == 0x71) && len >= 14) {
		s->key = data[2] & 0x0f;
		s->asc = data[12];
		s->ascq = data[13];
		return 0;
	}
	if ((code == 0x72 || code == 0x73) && len >= 4) {
		s->key = data[1] & 0x0f;
		s->asc = data[2];
		s->ascq = data[3];
		return 0;
	}
	return -EINVAL;
}

const char *scsi_sense_key_name(uint8_t key)
{
	static const char *const names[16] = {
		"NO SENSE", "RECOVERED ERROR", "NOT READY", "MEDIUM ERROR",
		"HARDWARE ERROR", "ILLEGAL REQUEST", "UNIT ATTENTION",
		"DATA PROTECT", "BLANK CHECK", "VENDOR SPECIFIC",
		"COPY ABORTED", "ABORTED COMMAND", "RESERVED",
		"VOLUME OVERFLOW", "MISCOMPARE", "COMPLETED",
	};

	return names[key & 15];
}
