/* Unit tests for the PXE API's downloads: TFTP_OPEN/READ/CLOSE,
 * GET_FSIZE and READ_FILE through the dispatcher, our TFTP client and
 * the test device against a small TFTP server that lives in the main
 * loop; the FILE calls against a stand-in transfer of a scheme of our
 * own; FILE_EXEC, FILE_CMDLINE and FILE_API_CHECK. */
#include <errno.h>
#include <stdlib.h>
#include <byteswap.h>
#include <cxboot/open.h>
#include <cxboot/process.h>
#include <cxboot/settings.h>
#include <usr/shell.h>
#include <net/ethernet.h>
#include "test.h"
#include "testdev.h"
#include "test_pxe.h"

/* ---- A TFTP server (RFC 1350 only: it ignores options) ---- */

#define SRV_PORT 3000

static struct {
	bool on;
	struct net_device *nd;
	uint8_t file[1300];
	size_t len;
	char asked[64];           /* the last file name asked for */
	uint16_t client;          /* the client's port */
	unsigned int rrqs;
} srv;

static void udp_send(uint16_t sport, uint16_t dport, const void *payload,
		     size_t len)
{
	uint8_t f[14 + 20 + 8 + 4 + 512];
	uint8_t *ip = f + 14, *udp = ip + 20;
	uint16_t sum;

	memcpy(f, test_pxe_mac, 6);
	memcpy(f + 6, test_pxe_peer_mac, 6);
	f[12] = 0x08;
	f[13] = 0x00;
	memset(ip, 0, 20);
	ip[0] = 0x45;
	ip[2] = (20 + 8 + len) >> 8;
	ip[3] = 20 + 8 + len;
	ip[8] = 64;
	ip[9] = 17;
	memcpy(ip + 12, test_pxe_peer_ip, 4);
	memcpy(ip + 16, test_pxe_ip, 4);
	sum = tcpip_chksum(ip, 20);
	memcpy(ip + 10, &sum, 2);
	udp[0] = sport >> 8;
	udp[1] = sport;
	udp[2] = dport >> 8;
	udp[3] = dport;
	udp[4] = (8 + len) >> 8;
	udp[5] = 8 + len;
	udp[6] = udp[7] = 0;      /* no checksum */
	memcpy(udp + 8, payload, len);
	test_inject(srv.nd, f, 14 + 20 + 8 + len);
}

static void srv_send(const void *payload, size_t len)
{
	udp_send(SRV_PORT, srv.client, payload, len);
}

static void srv_block(unsigned int n)
{
	uint8_t pkt[4 + 512] = { 0, 3, n >> 8, n };
	size_t at = (n - 1) * 512, len = 0;

	if (at < srv.len)
		len = MIN(srv.len - at, (size_t)512);
	memcpy(pkt + 4, srv.file + at, len);
	srv_send(pkt, 4 + len);
}

static void srv_packet(const uint8_t *udp, size_t len)
{
	static const uint8_t not_found[] = "\0\5\0\1no such file";
	const uint8_t *data = udp + 8;
	unsigned int block;

	if (len < 12)
		return;
	if (udp[2] == 0 && udp[3] == 69 && data[1] == 1) {
		srv.rrqs++;
		srv.client = udp[0] << 8 | udp[1];
		snprintf(srv.asked, sizeof(srv.asked), "%s", data + 2);
		if (strcmp(srv.asked, "missing") == 0)
			srv_send(not_found, sizeof(not_found));
		else
			srv_block(1);
	} else if (udp[2] == SRV_PORT >> 8 && udp[3] == (SRV_PORT & 0xff) &&
		   data[1] == 4) {
		block = data[2] << 8 | data[3];
		/* The last block is the first one shorter than 512. */
		if (block * 512 <= srv.len)
			srv_block(block + 1);
	}
}

/* Answers what the client sent since the last round. */
static void srv_poll(void)
{
	unsigned int i, n;
	const uint8_t *f;

	if (!srv.on)
		return;
	n = test_ncap;
	test_ncap = 0;
	for (i = 0; i < n; i++) {
		f = test_cap[i].data;
		if (test_cap[i].len >= 42 && f[12] == 0x08 && f[13] == 0 &&
		    f[14 + 9] == 17)
			srv_packet(f + 34, test_cap[i].len - 34);
	}
}
POLLER(pxe_test_tftp_server) = { srv_poll };

static void srv_start(struct net_device *nd, size_t len)
{
	size_t i;

	memset(&srv, 0, sizeof(srv));
	srv.nd = nd;
	srv.len = len;
	for (i = 0; i < len; i++)
		srv.file[i] = i * 7 + (i >> 8);
	srv.on = true;
}

static void tftp_open_block(struct s_PXENV_TFTP_OPEN *p, const char *name,
			    uint16_t size)
{
	memset(p, 0, sizeof(*p));
	memcpy(&p->ServerIPAddress, test_pxe_peer_ip, 4);
	snprintf((char *)p->FileName, sizeof(p->FileName), "%s", name);
	p->TFTPPort = htons(69);
	p->PacketSize = size;
}

UNIT_TEST(pxe_tftp_calls)
{
	struct net_device *nd = test_pxe_up();
	struct s_PXENV_TFTP_OPEN op;
	struct s_PXENV_TFTP_READ rd;
	struct s_PXENV_STATUS_ONLY cl;
	struct s_PXENV_TFTP_GET_FSIZE fs;
	struct s_PXENV_TFTP_READ_FILE rf;
	uint8_t *buf = test_real_mem + 0x10000;

	ok(nd != NULL);
	if (!nd)
		return;
	srv_start(nd, 1300);

	/* Granted what was asked (up to a frame's worth). */
	tftp_open_block(&op, "boot/a%b.0", 1024);
	ok(pxe_dispatch(PXENV_TFTP_OPEN, &op) == PXENV_EXIT_SUCCESS);
	ok(op.PacketSize == 1024);
	ok_str(srv.asked, "boot/a%b.0");
	/* Opening again without a close starts the file anew. */
	ok(pxe_dispatch(PXENV_TFTP_OPEN, &op) == PXENV_EXIT_SUCCESS);
	ok(srv.rrqs == 2);

	memset(&rd, 0, sizeof(rd));
	rd.Buffer = test_segoff(0x10000);
	ok(pxe_dispatch(PXENV_TFTP_READ, &rd) == PXENV_EXIT_SUCCESS);
	ok(rd.PacketNumber == 1 && rd.BufferSize == 1024);
	ok_mem(buf, srv.file, 1024);
	ok(pxe_dispatch(PXENV_TFTP_READ, &rd) == PXENV_EXIT_SUCCESS);
	ok(rd.PacketNumber == 2 && rd.BufferSize == 276);
	ok_mem(buf, srv.file + 1024, 276);
	ok(pxe_dispatch(PXENV_TFTP_CLOSE, &cl) == PXENV_EXIT_SUCCESS);
	ok(pxe_dispatch(PXENV_TFTP_READ, &rd) == PXENV_EXIT_FAILURE);
	ok(rd.Status == PXENV_STATUS_TFTP_CLOSED);

	/* Below 512 is raised to 512; a file of whole packets ends with
	 * an empty one, as on the wire. */
	srv_start(nd, 1024);
	tftp_open_block(&op, "even", 100);
	ok(pxe_dispatch(PXENV_TFTP_OPEN, &op) == PXENV_EXIT_SUCCESS);
	ok(op.PacketSize == 512);
	pxe_dispatch(PXENV_TFTP_READ, &rd);
	pxe_dispatch(PXENV_TFTP_READ, &rd);
	ok(rd.PacketNumber == 2 && rd.BufferSize == 512);
	ok_mem(buf, srv.file + 512, 512);
	ok(pxe_dispatch(PXENV_TFTP_READ, &rd) == PXENV_EXIT_SUCCESS);
	ok(rd.PacketNumber == 3 && rd.BufferSize == 0);
	pxe_dispatch(PXENV_TFTP_CLOSE, &cl);

	/* The server's error, as the spec's status. */
	tftp_open_block(&op, "missing", 512);
	ok(pxe_dispatch(PXENV_TFTP_OPEN, &op) == PXENV_EXIT_FAILURE);
	ok(op.Status == PXENV_STATUS_TFTP_FILE_NOT_FOUND);
	ok(pxe_dispatch(PXENV_TFTP_READ, &rd) == PXENV_EXIT_FAILURE);

	/* The size, from a server that does not tell it: the whole file. */
	srv_start(nd, 1300);
	memset(&fs, 0, sizeof(fs));
	memcpy(&fs.ServerIPAddress, test_pxe_peer_ip, 4);
	strcpy((char *)fs.FileName, "sized");
	ok(pxe_dispatch(PXENV_TFTP_GET_FSIZE, &fs) == PXENV_EXIT_SUCCESS);
	ok(fs.FileSize == 1300);

	/* The whole file to a physical address, and too small a buffer. */
	memset(&rf, 0, sizeof(rf));
	memcpy(&rf.ServerIPAddress, test_pxe_peer_ip, 4);
	strcpy((char *)rf.FileName, "whole");
	rf.Buffer = 0x20000;
	rf.BufferSize = 4096;
	ok(pxe_dispatch(PXENV_TFTP_READ_FILE, &rf) == PXENV_EXIT_SUCCESS);
	ok(rf.BufferSize == 1300);
	ok_mem(test_real_mem + 0x20000, srv.file, 1300);
	rf.BufferSize = 1000;
	ok(pxe_dispatch(PXENV_TFTP_READ_FILE, &rf) == PXENV_EXIT_FAILURE);
	ok(rf.Status == PXENV_STATUS_OUT_OF_RESOURCES);

	srv.on = false;
	test_pxe_down(nd);
}

/* ---- UDP ---- */

UNIT_TEST(pxe_udp_calls)
{
	struct net_device *nd = test_pxe_up();
	struct s_PXENV_UDP_OPEN op = { 0 };
	struct s_PXENV_UDP_WRITE wr;
	struct s_PXENV_UDP_READ rd;
	struct s_PXENV_STATUS_ONLY cl;
	const uint8_t *f;

	ok(nd != NULL);
	if (!nd)
		return;
	srv.nd = nd;
	memset(&wr, 0, sizeof(wr));
	memset(&rd, 0, sizeof(rd));
	ok(pxe_dispatch(PXENV_UDP_WRITE, &wr) == PXENV_EXIT_FAILURE);
	ok(wr.Status == PXENV_STATUS_UDP_CLOSED);
	ok(pxe_dispatch(PXENV_UDP_OPEN, &op) == PXENV_EXIT_SUCCESS);

	/* From the default port 2069 to the peer's 4000. */
	memcpy(test_real_mem + 0x8000, "ping", 4);
	memcpy(&wr.ip, test_pxe_peer_ip, 4);
	wr.dst_port = htons(4000);
	wr.buffer_size = 4;
	wr.buffer = test_segoff(0x8000);
	test_ncap = 0;
	ok(pxe_dispatch(PXENV_UDP_WRITE, &wr) == PXENV_EXIT_SUCCESS);
	ok(test_ncap == 1);
	f = test_cap[0].data;
	ok(f[14 + 9] == 17);
	ok_mem(f + 30, test_pxe_peer_ip, 4);
	ok(f[34] == 2069 >> 8 && f[35] == (2069 & 0xff));
	ok(f[36] == 4000 >> 8 && f[37] == (4000 & 0xff));
	ok_mem(f + 42, "ping", 4);

	/* Nothing for us yet. */
	rd.buffer_size = 64;
	rd.buffer = test_segoff(0x9000);
	ok(pxe_dispatch(PXENV_UDP_READ, &rd) == PXENV_EXIT_FAILURE);

	/* Two answers: the read for port 2069 skips the one for 2070. */
	rd.d_port = htons(2070);
	pxe_dispatch(PXENV_UDP_READ, &rd);       /* binds 2070 */
	udp_send(4000, 2070, "other", 5);
	udp_send(4000, 2069, "pong", 4);
	memset(&rd, 0, sizeof(rd));
	rd.d_port = htons(2069);
	rd.buffer_size = 64;
	rd.buffer = test_segoff(0x9000);
	ok(pxe_dispatch(PXENV_UDP_READ, &rd) == PXENV_EXIT_SUCCESS);
	ok(rd.buffer_size == 4);
	ok_mem(test_real_mem + 0x9000, "pong", 4);
	ok(memcmp(&rd.src_ip, test_pxe_peer_ip, 4) == 0);
	ok(memcmp(&rd.dest_ip, test_pxe_ip, 4) == 0);
	ok(rd.s_port == htons(4000) && rd.d_port == htons(2069));
	/* Any port: the other one, cut to the buffer. */
	memset(&rd, 0, sizeof(rd));
	rd.buffer_size = 3;
	rd.buffer = test_segoff(0x9000);
	ok(pxe_dispatch(PXENV_UDP_READ, &rd) == PXENV_EXIT_SUCCESS);
	ok(rd.buffer_size == 3 && rd.d_port == htons(2070));
	ok_mem(test_real_mem + 0x9000, "oth", 3);

	ok(pxe_dispatch(PXENV_UDP_CLOSE, &cl) == PXENV_EXIT_SUCCESS);
	ok(pxe_dispatch(PXENV_UDP_READ, &rd) == PXENV_EXIT_FAILURE);
	ok(rd.Status == PXENV_STATUS_UDP_CLOSED);
	test_pxe_down(nd);
}

/* ---- FILE calls against a stand-in transfer ---- */

#define FILE_DATA "hello world"

/* The transfer behind "pxetest:" URIs: it sends nothing until
 * stand_send() is called. */
struct stand {
	struct refcnt refcnt;
	struct xfer xfer;
};
static struct stand *stand;

static void stand_free(struct refcnt *ref)
{
	free(container_of(ref, struct stand, refcnt));
}

static void stand_close(struct xfer *x, int rc)
{
	struct stand *s = container_of(x, struct stand, xfer);

	if (s == stand)
		stand = NULL;
	ref_put(&s->refcnt);
}

static const struct xfer_ops stand_ops = { .close = stand_close };

static int stand_open(struct xfer *xfer, const struct uri *uri)
{
	struct stand *s = zalloc(sizeof(*s));

	ref_init(&s->refcnt, stand_free);
	xfer_init(&s->xfer, &stand_ops, &s->refcnt);
	xfer_plug(&s->xfer, xfer);
	stand = s;
	return 0;
}
URI_OPENER(pxetest_opener) = { .scheme = "pxetest", .open = stand_open };

static void stand_send(int rc)
{
	struct stand *s = stand;
	struct xfer_metadata meta = { .has_offset = true };

	xfer_size_hint(&s->xfer, sizeof(FILE_DATA) - 1);
	xfer_deliver_raw(&s->xfer, FILE_DATA, sizeof(FILE_DATA) - 1, &meta);
	stand = NULL;
	xfer_close(&s->xfer, rc);
	ref_put(&s->refcnt);
}

static uint16_t file_read(uint16_t handle, uint16_t size,
			  struct s_PXENV_FILE_READ *p)
{
	memset(p, 0, sizeof(*p));
	p->FileHandle = handle;
	p->BufferSize = size;
	p->Buffer = test_segoff(0x10000);
	return pxe_dispatch(PXENV_FILE_READ, p);
}

UNIT_TEST(pxe_file_calls)
{
	struct net_device *nd = test_pxe_up();
	struct s_PXENV_FILE_OPEN op;
	struct s_PXENV_FILE_READ rd;
	struct s_PXENV_FILE_SELECT sel;
	struct s_PXENV_GET_FILE_SIZE sz;
	struct s_PXENV_FILE_CLOSE cl;
	uint16_t h;

	ok(nd != NULL);
	if (!nd)
		return;
	strcpy((char *)test_real_mem + 0x8000, "pxetest://x/file");
	memset(&op, 0, sizeof(op));
	op.FileName = test_segoff(0x8000);
	ok(pxe_dispatch(PXENV_FILE_OPEN, &op) == PXENV_EXIT_SUCCESS);
	h = op.FileHandle;
	ok(stand != NULL);

	/* Nothing yet: "try again", as iPXE says it. */
	ok(file_read(h, 64, &rd) == PXENV_EXIT_FAILURE);
	ok(rd.Status == PXENV_STATUS_TFTP_OPEN);
	sel.FileHandle = h;
	ok(pxe_dispatch(PXENV_FILE_SELECT, &sel) == PXENV_EXIT_SUCCESS);
	ok(sel.Ready == 0);

	stand_send(0);
	ok(pxe_dispatch(PXENV_FILE_SELECT, &sel) == PXENV_EXIT_SUCCESS);
	ok(sel.Ready == RDY_READ);
	sz.FileHandle = h;
	ok(pxe_dispatch(PXENV_GET_FILE_SIZE, &sz) == PXENV_EXIT_SUCCESS);
	ok(sz.FileSize == sizeof(FILE_DATA) - 1);
	ok(file_read(h, 5, &rd) == PXENV_EXIT_SUCCESS);
	ok(rd.BufferSize == 5);
	ok_mem(test_real_mem + 0x10000, "hello", 5);
	ok(file_read(h, 64, &rd) == PXENV_EXIT_SUCCESS);
	ok(rd.BufferSize == 6);
	ok_mem(test_real_mem + 0x10000, " world", 6);
	/* The end reads as nothing. */
	ok(file_read(h, 64, &rd) == PXENV_EXIT_SUCCESS);
	ok(rd.BufferSize == 0);
	cl.FileHandle = h;
	ok(pxe_dispatch(PXENV_FILE_CLOSE, &cl) == PXENV_EXIT_SUCCESS);
	ok(file_read(h, 64, &rd) == PXENV_EXIT_FAILURE);
	ok(rd.Status == PXENV_STATUS_TFTP_CLOSED);

	/* A transfer that fails after its data: the data, then the error. */
	ok(pxe_dispatch(PXENV_FILE_OPEN, &op) == PXENV_EXIT_SUCCESS);
	h = op.FileHandle;
	stand_send(-ECONNRESET);
	ok(file_read(h, 64, &rd) == PXENV_EXIT_SUCCESS && rd.BufferSize == 11);
	ok(file_read(h, 64, &rd) == PXENV_EXIT_FAILURE);
	ok(rd.Status == PXENV_STATUS_TFTP_CANNOT_READ_FROM_CONNECTION);

	/* Unknown schemes fail at once; handles left open close with the
	 * server. */
	strcpy((char *)test_real_mem + 0x8000, "nosuchscheme://x/y");
	ok(pxe_dispatch(PXENV_FILE_OPEN, &op) == PXENV_EXIT_FAILURE);
	ok(op.Status == PXENV_STATUS_UNSUPPORTED);
	strcpy((char *)test_real_mem + 0x8000, "pxetest://x/left");
	ok(pxe_dispatch(PXENV_FILE_OPEN, &op) == PXENV_EXIT_SUCCESS);
	test_pxe_down(nd);
	ok(stand == NULL);
}

UNIT_TEST(pxe_file_extras)
{
	struct net_device *nd = test_pxe_up();
	struct s_PXENV_FILE_API_CHECK chk = {
		.Size = sizeof(chk), .Magic = PXE_API_CHECK_MAGIC_IN };
	struct s_PXENV_FILE_CMDLINE cmd = { .BufferSize = 64 };
	struct s_PXENV_FILE_EXEC ex;
	struct s_PXENV_FILE_EXIT_HOOK hook = { .Hook = { 0x1234, 0x5678 } };
	char *val;

	ok(nd != NULL);
	if (!nd)
		return;
	ok(pxe_dispatch(PXENV_FILE_API_CHECK, &chk) == PXENV_EXIT_SUCCESS);
	ok(chk.Magic == PXE_API_CHECK_MAGIC_OUT);
	ok(chk.Provider == 0x45585067);
	ok(chk.Size == 20);
	/* FILE_OPEN (0xe0) to FILE_CMDLINE (0xe8). */
	ok(chk.APIMask == 0x1ff);
	chk.Magic = 0;
	ok(pxe_dispatch(PXENV_FILE_API_CHECK, &chk) == PXENV_EXIT_FAILURE);
	ok(chk.Status == PXENV_STATUS_BAD_FUNC);

	cmd.Buffer = test_segoff(0x8000);
	ok(pxe_dispatch(PXENV_FILE_CMDLINE, &cmd) == PXENV_EXIT_SUCCESS);
	ok(cmd.BufferSize == 9);
	ok_str((char *)test_real_mem + 0x8000, "cmd line");

	strcpy((char *)test_real_mem + 0x8100, "set pxe-exec-test 42");
	ex.Command = test_segoff(0x8100);
	ok(pxe_dispatch(PXENV_FILE_EXEC, &ex) == PXENV_EXIT_SUCCESS);
	val = expand_settings("${pxe-exec-test}");
	ok_str(val, "42");
	free(val);
	strcpy((char *)test_real_mem + 0x8100, "exit 3");
	ok(pxe_dispatch(PXENV_FILE_EXEC, &ex) == PXENV_EXIT_FAILURE);
	system("clear pxe-exec-test");

	ok(pxe_dispatch(PXENV_FILE_EXIT_HOOK, &hook) == PXENV_EXIT_SUCCESS);
	ok(pxe_exit_hook().offset == 0x1234 &&
	   pxe_exit_hook().segment == 0x5678);
	test_pxe_down(nd);
}
