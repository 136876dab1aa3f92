/* The iSCSI session's state, shared by the session (net/iscsi.c:
 * connection, login, startup, receiving, the block device) and the
 * command in flight (net/iscsi_command.c: sending it with its data,
 * Data-In, R2T, status).  Nothing else uses it. */
#ifndef NET_ISCSI_SESSION_H
#define NET_ISCSI_SESSION_H
#include <cxboot/xfer.h>
#include <net/dns.h>
#include <net/iscsi.h>
#include <net/iscsi_settings.h>

enum iscsi_state {
	ISCSI_RESOLVING,
	ISCSI_LOGGING_IN,
	ISCSI_STARTING,   /* the startup commands run */
	ISCSI_READY,
	ISCSI_LOGGING_OUT,
};

/* The startup commands, in order. */
enum iscsi_step {
	ISCSI_STEP_INQUIRY,
	ISCSI_STEP_TUR,
	ISCSI_STEP_CAPACITY10,
	ISCSI_STEP_CAPACITY16,
};

struct iscsi_task {
	bool busy;
	bool external;      /* a block command: ends in xfer_block_done */
	bool write;
	uint32_t itt;
	uint8_t cdb[16];
	uint8_t *buf;
	uint32_t len;
	uint32_t received;  /* Data-In bytes */
	unsigned int retries;
};

struct iscsi_session {
	struct refcnt refcnt;
	struct xfer block;          /* to the SAN layer */
	struct xfer conn;           /* to the TCP connection */
	struct resolv resolv;
	struct iscsi_root_path rp;
	char host[DNS_MAX_NAME + 1];  /* where we connect (redirects) */
	struct in_addr addr;
	uint16_t port;
	unsigned int redirects;
	char *initiator;
	struct iscsi_secrets secrets;
	struct iscsi_login login;
	struct iscsi_params params;
	enum iscsi_state state;
	bool closed;
	uint8_t isid[6];
	uint32_t cmdsn, expstatsn, next_itt;
	/* Receiving one PDU: header, then AHS (skipped), data, padding. */
	struct iscsi_bhs rx_hdr;
	size_t rx_hdr_got;
	uint32_t rx_skip;           /* AHS bytes still to skip */
	uint32_t rx_len, rx_got;    /* data segment */
	uint32_t rx_pad;
	uint8_t *rx_dest;           /* where the data segment goes */
	uint8_t *rx_buf;            /* ours, for all but Data-In */
	struct iscsi_task task;
	enum iscsi_step step;
	uint8_t scratch[36];        /* startup commands' data */
	uint64_t blocks;
	uint32_t blksize;
};

/* ---- net/iscsi.c ---- */

int iscsi_send(struct iscsi_session *s, struct iscsi_bhs *h,
	       const void *data, uint32_t len);
uint32_t iscsi_new_itt(struct iscsi_session *s);
/* The command ended with rc (after any retries): report it. */
void iscsi_command_done(struct iscsi_session *s, int rc);

/* ---- net/iscsi_command.c ---- */

/* Start the command whose CDB is in s->task.cdb on buf (len bytes). */
int iscsi_command_start(struct iscsi_session *s, bool external, bool write,
			void *buf, uint32_t len);
/* End the command with rc (a UNIT ATTENTION, -EAGAIN, sends it again). */
void iscsi_command_end(struct iscsi_session *s, int rc);
/* PDUs about the command; non-zero ends the session. */
int iscsi_rx_scsi_response(struct iscsi_session *s, const uint8_t *data,
			   uint32_t len);
int iscsi_rx_data_in_header(struct iscsi_session *s);
int iscsi_rx_data_in(struct iscsi_session *s);
int iscsi_rx_r2t(struct iscsi_session *s);

#endif
