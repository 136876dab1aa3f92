/* iSCSI initiator (RFC 7143): the iscsi: URI opener, which opens a disk
 * as a block device (include/cxboot/xfer.h) for the SAN layer.
 *
 * The pieces, each in a file of its own:
 *   net/iscsi_rootpath.c  root paths (RFC 4173) to server, port, LUN, name
 *   net/iscsi_pdu.c       basic header segments: build and read fields
 *   net/iscsi_text.c      key=value text of login requests and responses
 *   net/iscsi_chap.c      CHAP (MD5) responses and challenges
 *   net/iscsi_login.c     the login conversation: security (CHAP, mutual
 *                         CHAP) and operational negotiation, redirection
 *   net/iscsi_scsi.c      CDBs the session sends, and sense as text
 *   net/iscsi_settings.c  initiator name and CHAP credentials
 *                         (include/net/iscsi_settings.h)
 *   net/iscsi.c           the session: TCP, login, startup commands,
 *                         receiving PDUs, the block device
 *   net/iscsi_command.c   the one command in flight: its data out,
 *                         Data-In, R2T, status (include/net/iscsi_session.h
 *                         is what the two share)
 * The first six are pure functions, for tests and fuzzing. */
#ifndef NET_ISCSI_H
#define NET_ISCSI_H
#include <cxboot/compiler.h>
#include <net/dns.h>

#define ISCSI_PORT 3260
#define ISCSI_NAME_MAX 223          /* RFC 7143 6.1 (iSCSI names) */
#define ISCSI_BHS_LEN 48

/* ---- Root paths ---------------------------------------------------- */

/* iscsi:<server>:<protocol>:<port>:<LUN>:<targetname> */
struct iscsi_root_path {
	char server[DNS_MAX_NAME + 1];  /* name or address ([v6] kept) */
	uint16_t port;
	uint8_t lun[8];                 /* SAM LUN structure */
	char target[ISCSI_NAME_MAX + 1];
};
/* Parse text, the part after "iscsi:".  Returns 0 or -EINVAL. */
int iscsi_parse_root_path(const char *text, struct iscsi_root_path *rp);
/* The LUN as the root path writes it ("1", "0-1-2-3"): 0 or -EINVAL. */
int iscsi_parse_lun(const char *text, size_t len, uint8_t lun[8]);

/* ---- Basic header segments (RFC 7143 11) --------------------------- */

enum iscsi_opcode {
	ISCSI_OP_NOP_OUT = 0x00,
	ISCSI_OP_SCSI_CMD = 0x01,
	ISCSI_OP_LOGIN_REQ = 0x03,
	ISCSI_OP_DATA_OUT = 0x05,
	ISCSI_OP_LOGOUT_REQ = 0x06,
	ISCSI_OP_NOP_IN = 0x20,
	ISCSI_OP_SCSI_RSP = 0x21,
	ISCSI_OP_LOGIN_RSP = 0x23,
	ISCSI_OP_DATA_IN = 0x25,
	ISCSI_OP_LOGOUT_RSP = 0x26,
	ISCSI_OP_R2T = 0x31,
	ISCSI_OP_ASYNC = 0x32,
	ISCSI_OP_REJECT = 0x3f,
};

#define ISCSI_IMMEDIATE 0x40        /* byte 0 */
#define ISCSI_OPCODE_MASK 0x3f
#define ISCSI_FINAL 0x80            /* byte 1 */
/* SCSI command, byte 1 */
#define ISCSI_CMD_READ 0x40
#define ISCSI_CMD_WRITE 0x20
#define ISCSI_CMD_SIMPLE 0x01
/* Data-In, byte 1 */
#define ISCSI_DATA_STATUS 0x01
/* Login, byte 1 */
#define ISCSI_LOGIN_TRANSIT 0x80
#define ISCSI_LOGIN_CONTINUE 0x40
#define ISCSI_STAGE_SECURITY 0
#define ISCSI_STAGE_OPERATIONAL 1
#define ISCSI_STAGE_FULL 3
#define ISCSI_NO_TAG 0xffffffffU

/* Byte offsets of the fields; which apply depends on the opcode. */
#define ISCSI_OFF_FLAGS 1
#define ISCSI_OFF_RESPONSE 2        /* SCSI response, logout response */
#define ISCSI_OFF_STATUS 3          /* SCSI response, Data-In with S */
#define ISCSI_OFF_AHS_LEN 4
#define ISCSI_OFF_DATA_LEN 5        /* 24 bits */
#define ISCSI_OFF_LUN 8
#define ISCSI_OFF_ISID 8            /* login */
#define ISCSI_OFF_TSIH 14           /* login */
#define ISCSI_OFF_ITT 16
#define ISCSI_OFF_TTT 20
#define ISCSI_OFF_EXP_LEN 20        /* SCSI command */
#define ISCSI_OFF_CID 20            /* login, logout */
#define ISCSI_OFF_CMDSN 24
#define ISCSI_OFF_STATSN 24         /* target to initiator */
#define ISCSI_OFF_EXPSTATSN 28
#define ISCSI_OFF_EXPCMDSN 28
#define ISCSI_OFF_MAXCMDSN 32
#define ISCSI_OFF_CDB 32            /* SCSI command: 16 bytes */
#define ISCSI_OFF_LOGIN_CLASS 36    /* login response status */
#define ISCSI_OFF_LOGIN_DETAIL 37
#define ISCSI_OFF_DATASN 36         /* Data-In, Data-Out; R2TSN in R2T */
#define ISCSI_OFF_ASYNC_EVENT 36
#define ISCSI_OFF_BUF_OFFSET 40     /* Data-In, Data-Out, R2T */
#define ISCSI_OFF_DESIRED_LEN 44    /* R2T */
#define ISCSI_OFF_REJECT_REASON 2

/* Async events */
#define ISCSI_ASYNC_LOGOUT 1
#define ISCSI_ASYNC_DROP 2
#define ISCSI_ASYNC_DROP_ALL 3

/* A header segment; data segments follow padded to 4 bytes. */
struct iscsi_bhs {
	uint8_t b[ISCSI_BHS_LEN];
};

static inline unsigned int iscsi_opcode(const struct iscsi_bhs *h)
{
	return h->b[0] & ISCSI_OPCODE_MASK;
}
uint32_t iscsi_get32(const struct iscsi_bhs *h, unsigned int off);
void iscsi_put32(struct iscsi_bhs *h, unsigned int off, uint32_t v);
uint32_t iscsi_data_len(const struct iscsi_bhs *h);
void iscsi_set_data_len(struct iscsi_bhs *h, uint32_t len);
/* Data segments are padded to four bytes. */
static inline uint32_t iscsi_pad(uint32_t len)
{
	return (4 - (len & 3)) & 3;
}

/* Start a header: opcode (with ISCSI_IMMEDIATE if so), flags, ITT. */
void iscsi_bhs_init(struct iscsi_bhs *h, unsigned int opcode,
		    unsigned int flags, uint32_t itt);

/* Read from a target's PDU. */
struct iscsi_data_in {
	uint32_t itt, offset, len;
	bool has_status;
	uint8_t status;
	uint32_t statsn;
};
/* -EPROTO if the Data-In is malformed (data with status but not final). */
int iscsi_parse_data_in(const struct iscsi_bhs *h, struct iscsi_data_in *d);

struct iscsi_r2t {
	uint32_t itt, ttt, offset, len;
};
/* -EPROTO for an R2T asking for nothing. */
int iscsi_parse_r2t(const struct iscsi_bhs *h, struct iscsi_r2t *r);

/* ---- Login text (RFC 7143 6) --------------------------------------- */

/* A text segment being built: "key=value\0" pairs. */
struct iscsi_text {
	char *buf;
	size_t len, size;
	bool overflow;
};
void iscsi_text_init(struct iscsi_text *t, char *buf, size_t size);
void iscsi_text_add(struct iscsi_text *t, const char *key,
		    const char *value);
void iscsi_text_addf(struct iscsi_text *t, const char *key,
		     const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The value of key in the segment data[0..len), or NULL.  The value is
 * copied into buf (size bytes, NUL-terminated); a value too long for
 * buf, or a pair without '=', is not found. */
const char *iscsi_text_get(const char *data, size_t len, const char *key,
			   char *buf, size_t size);

/* ---- CHAP (RFC 1994 with MD5, as RFC 7143 12.1.3 uses it) ----------- */

#define ISCSI_CHAP_MD5 5
#define ISCSI_CHAP_CHALLENGE_MAX 1024
#define ISCSI_CHAP_RESPONSE_LEN 16

/* MD5(id, secret, challenge) */
void iscsi_chap_response(uint8_t id, const char *secret,
			 const uint8_t *challenge, size_t len,
			 uint8_t response[ISCSI_CHAP_RESPONSE_LEN]);
/* A binary value ("0x" hex or "0b" base64) into out (size bytes).
 * Returns its length or -EINVAL. */
int iscsi_decode_binary(const char *text, uint8_t *out, size_t size);
/* "0x" and hex into buf (2 * len + 3 bytes). */
void iscsi_encode_hex(const uint8_t *data, size_t len, char *buf);

/* ---- Login conversation -------------------------------------------- */

struct iscsi_credentials {
	const char *user, *secret;            /* NULL: no CHAP */
	const char *reverse_user, *reverse_secret;  /* NULL: not mutual */
};

/* What both sides agreed to (RFC 7143 13); defaults until then. */
struct iscsi_params {
	uint32_t max_send;      /* the target's MaxRecvDataSegmentLength */
	uint32_t first_burst, max_burst;
	bool initial_r2t, immediate_data;
};

#define ISCSI_MAX_RECV 65536    /* what we take in one data segment */
#define ISCSI_MAX_BURST 262144
#define ISCSI_FIRST_BURST 65536

/* Where the conversation is: a request of this kind goes out next (or
 * went out last, while its response is awaited). */
enum iscsi_login_state {
	ISCSI_LOGIN_START,           /* names and AuthMethod */
	ISCSI_LOGIN_AUTH_METHOD,     /* (sent) which method? */
	ISCSI_LOGIN_CHAP_A,          /* CHAP_A=5 */
	ISCSI_LOGIN_CHAP_R,          /* our answer (and challenge) */
	ISCSI_LOGIN_SECURITY_DONE,   /* nothing: move on to operational */
	ISCSI_LOGIN_OPERATIONAL,     /* the operational keys */
	ISCSI_LOGIN_OPERATIONAL_SENT, /* nothing: move on to full feature */
	ISCSI_LOGIN_DONE,
};

struct iscsi_login {
	enum iscsi_login_state state;
	const char *initiator, *target;
	struct iscsi_credentials cred;
	unsigned int stage;      /* our current stage (CSG) */
	bool transit;            /* the last request asked to move on */
	unsigned int rounds;     /* responses taken */
	uint8_t chap_id;         /* the target's CHAP_I */
	uint8_t chap_challenge[ISCSI_CHAP_CHALLENGE_MAX];
	size_t chap_len;
	uint8_t our_id;          /* mutual CHAP: our challenge */
	uint8_t our_challenge[16];
	struct iscsi_params params;
	char redirect[DNS_MAX_NAME + 16];  /* TargetAddress of a redirect */
};

void iscsi_login_init(struct iscsi_login *l, const char *initiator,
		      const char *target,
		      const struct iscsi_credentials *cred);
/* The next request's keys into t; *flags gets byte 1 of the header. */
void iscsi_login_request(struct iscsi_login *l, struct iscsi_text *t,
			 uint8_t *flags);
/* Take a login response (header and text).  Returns 0: send the next
 * request; 1: logged in (full feature phase); 2: redirected (l->redirect
 * holds the TargetAddress); or an error: -EACCES (authentication or
 * authorisation failed, either way; a message says which side),
 * -ENOENT (no such target), -EPROTO (the target broke the protocol),
 * -ECONNREFUSED (the target is out of resources or unavailable, worth
 * trying again), -ENOTSUP. */
int iscsi_login_response(struct iscsi_login *l, const struct iscsi_bhs *h,
			 const char *data, size_t len);

/* ---- SCSI ----------------------------------------------------------- */

#define SCSI_GOOD 0x00
#define SCSI_CHECK_CONDITION 0x02
#define SCSI_SENSE_UNIT_ATTENTION 0x6

/* CDBs; each returns the expected transfer length. */
uint32_t scsi_cdb_inquiry(uint8_t cdb[16], uint8_t alloc);
uint32_t scsi_cdb_test_unit_ready(uint8_t cdb[16]);
uint32_t scsi_cdb_read_capacity10(uint8_t cdb[16]);
uint32_t scsi_cdb_read_capacity16(uint8_t cdb[16]);
/* READ/WRITE 10, or 16 where lba or count need it; 0 if the transfer
 * (count * blksize) does not fit in 32 bits. */
uint32_t scsi_cdb_rw(uint8_t cdb[16], bool write, uint64_t lba,
		     uint32_t count, uint32_t blksize);

struct scsi_sense {
	uint8_t key, asc, ascq;
};
/* Sense data (fixed or descriptor format): -EINVAL if neither. */
int scsi_parse_sense(const uint8_t *data, size_t len, struct scsi_sense *s);
/* "MEDIUM ERROR" etc. */
const char *scsi_sense_key_name(uint8_t key);

#endif
