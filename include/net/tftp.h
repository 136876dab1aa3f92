/* TFTP client (RFC 1350, 2347, 2348, 2349, 7440) behind the tftp://
 * URI opener.  The packet helpers below are pure functions, exposed for
 * unit tests and fuzzing. */
#ifndef NET_TFTP_H
#define NET_TFTP_H
#include <cxboot/compiler.h>

#define TFTP_PORT 69

/* Opcodes */
#define TFTP_RRQ 1
#define TFTP_WRQ 2
#define TFTP_DATA 3
#define TFTP_ACK 4
#define TFTP_ERROR 5
#define TFTP_OACK 6

/* Error codes */
#define TFTP_ERR_UNDEF 0
#define TFTP_ERR_NOT_FOUND 1
#define TFTP_ERR_ACCESS 2
#define TFTP_ERR_DISK_FULL 3
#define TFTP_ERR_ILLEGAL_OP 4
#define TFTP_ERR_UNKNOWN_TID 5
#define TFTP_ERR_EXISTS 6
#define TFTP_ERR_NO_USER 7
#define TFTP_ERR_OPTIONS 8

#define TFTP_DEFAULT_BLKSIZE 512
#define TFTP_MIN_BLKSIZE 8          /* RFC 2348 */
#define TFTP_MAX_BLKSIZE 65464
#define TFTP_MAX_WINDOWSIZE 65535   /* RFC 7440 */
/* RFC 2347: a request with options fits in 512 bytes. */
#define TFTP_MAX_REQUEST 512

/* Options asked for in a request or granted by an OACK.  blksize and
 * windowsize are 0 when absent; tsize is meaningful only if has_tsize. */
struct tftp_options {
	unsigned int blksize;
	unsigned int windowsize;
	bool has_tsize;
	uint64_t tsize;
};

/* Encode an octet-mode RRQ for path with the options in want.  Returns
 * the packet length; when that exceeds len the packet does not fit and
 * buf holds only a prefix of it. */
size_t tftp_build_rrq(void *buf, size_t len, const char *path,
		      const struct tftp_options *want);

/* Parse an OACK's option list (the bytes after the opcode).  Option
 * names are case-insensitive; unknown options are ignored.  Returns 0,
 * -EBADMSG for a malformed list (missing NUL, repeated option, value
 * not a decimal number) or -EINVAL for a value out of its RFC range. */
int tftp_parse_oack(const void *data, size_t len, struct tftp_options *opts);

/* Check that an OACK grants only what was asked, and no more of it
 * (RFC 2347: the server may only lower blksize and windowsize).
 * Returns 0 or -EINVAL. */
int tftp_check_oack(const struct tftp_options *got,
		    const struct tftp_options *want);

/* The 32-bit block number nearest to last whose low 16 bits are wire:
 * block numbers on the wire wrap from 65535 to 0. */
static inline uint32_t tftp_unwrap_block(uint32_t last, uint16_t wire)
{
	return last + (int16_t)(uint16_t)(wire - (uint16_t)last);
}

/* Retransmission timeout bounds (net/rtt.h): 1 s before any sample as
 * RFC 6298 has it, then as low as a LAN allows, and never more than a
 * server would wait for an ACK before resending itself. */
#define TFTP_RTO_INITIAL 1000UL     /* ms */
#define TFTP_RTO_MIN 2UL            /* ms */
#define TFTP_WINDOW_RTO_MIN 25UL    /* ms, once windows were agreed */
#define TFTP_RTO_MAX 3000UL         /* ms */

#endif
