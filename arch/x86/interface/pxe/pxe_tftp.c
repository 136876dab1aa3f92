/* The TFTP calls.  One file is open at a time and read packet by
 * packet; the packets are cut from the download at the size TFTP_OPEN
 * granted, whatever block size the transfer itself agreed with the
 * server, so the NBP sees what a TFTP client of that size would: full
 * packets, then a short (possibly empty) last one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/in.h>
#include <net/tftp.h>
#include "pxe_call.h"

/* The most TFTP_OPEN grants: a packet that fits an Ethernet frame,
 * which is what iPXE grants too; less than 512 is raised to 512. */
#define PXE_TFTP_MAX_PACKET 1432

static struct {
	struct pxe_download *dl;
	unsigned int packet_size;
	uint16_t packet;              /* number of the last packet read */
} pxe_tftp;

/* A tftp:// URI for server, port (network order; 0: the default) and
 * name (a field of up to len bytes, NUL-terminated if shorter). */
static int pxe_tftp_start(struct pxe_download **dl, uint32_t server,
			  uint16_t port, const uint8_t *name, size_t len)
{
	struct in_addr addr = { .s_addr = server };
	char host[16], port_text[8], *path, *out;
	struct uri uri = { .scheme = "tftp", .host = host };
	size_t i, n = strnlen((const char *)name, len);
	int rc;

	if (!n)
		return -ENOENT;
	/* The path is percent-encoded: only '%' itself needs it here. */
	path = out = malloc(1 + 3 * n + 1);
	if (!path)
		return -ENOMEM;
	*out++ = '/';
	for (i = 0; i < n; i++) {
		if (name[i] == '%') {
			memcpy(out, "%25", 3);
			out += 3;
		} else {
			*out++ = name[i];
		}
	}
	*out = '\0';
	snprintf(host, sizeof(host), "%s", inet_ntoa(addr));
	snprintf(port_text, sizeof(port_text), "%u",
		 port ? ntohs(port) : TFTP_PORT);
	uri.port = port_text;
	uri.path = path;
	rc = pxe_download_open(dl, &uri);
	free(path);
	return rc;
}

void pxe_tftp_shutdown(void)
{
	if (pxe_tftp.dl)
		pxe_download_close(pxe_tftp.dl);
	pxe_tftp.dl = NULL;
}

static uint16_t pxenv_tftp_open(void *params)
{
	struct s_PXENV_TFTP_OPEN *p = params;
	unsigned int size = p->PacketSize;
	int rc;

	/* An NBP that opens again without closing means a new file. */
	pxe_tftp_shutdown();
	rc = pxe_tftp_start(&pxe_tftp.dl, p->ServerIPAddress, p->TFTPPort,
			    p->FileName, sizeof(p->FileName));
	if (rc)
		return pxe_status(rc);
	/* Open means the server answered: wait for the first data. */
	pxe_download_wait(pxe_tftp.dl, 1, false);
	if (pxe_download_done(pxe_tftp.dl, &rc) && rc) {
		pxe_tftp_shutdown();
		return pxe_status(rc);
	}
	pxe_tftp.packet_size = MIN(MAX(size, (unsigned)TFTP_DEFAULT_BLKSIZE),
				   (unsigned)PXE_TFTP_MAX_PACKET);
	pxe_tftp.packet = 0;
	p->PacketSize = pxe_tftp.packet_size;
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_tftp_read(void *params)
{
	struct s_PXENV_TFTP_READ *p = params;
	int rc;

	if (!pxe_tftp.dl)
		return PXENV_STATUS_TFTP_CLOSED;
	pxe_download_wait(pxe_tftp.dl, pxe_tftp.packet_size, false);
	if (pxe_download_done(pxe_tftp.dl, &rc) && rc &&
	    pxe_download_avail(pxe_tftp.dl) < pxe_tftp.packet_size)
		return pxe_status(rc);
	p->BufferSize = pxe_download_read(pxe_tftp.dl,
		real_to_virt(p->Buffer.segment, p->Buffer.offset),
		pxe_tftp.packet_size);
	p->PacketNumber = ++pxe_tftp.packet;
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_tftp_close(void *params __unused)
{
	pxe_tftp_shutdown();
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_tftp_get_fsize(void *params)
{
	struct s_PXENV_TFTP_GET_FSIZE *p = params;
	struct pxe_download *dl;
	int rc;

	rc = pxe_tftp_start(&dl, p->ServerIPAddress, 0, p->FileName,
			    sizeof(p->FileName));
	if (rc)
		return pxe_status(rc);
	pxe_download_wait(dl, ~(size_t)0, true);
	/* Without a size from the server, the whole file tells it. */
	if (!pxe_download_has_size(dl) && pxe_download_done(dl, &rc) && rc) {
		pxe_download_close(dl);
		return pxe_status(rc);
	}
	p->FileSize = pxe_download_size(dl);
	pxe_download_close(dl);
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_tftp_read_file(void *params)
{
	struct s_PXENV_TFTP_READ_FILE *p = params;
	uint8_t *buf = phys_to_virt(p->Buffer);
	struct pxe_download *dl;
	uint32_t pos = 0;
	int rc;

	rc = pxe_tftp_start(&dl, p->ServerIPAddress, 0, p->FileName,
			    sizeof(p->FileName));
	if (rc)
		return pxe_status(rc);
	for (;;) {
		pxe_download_wait(dl, 1, false);
		pos += pxe_download_read(dl, buf + pos, p->BufferSize - pos);
		if (pxe_download_avail(dl)) {
			rc = -ENOSPC;
			break;
		}
		if (pxe_download_done(dl, &rc))
			break;
	}
	pxe_download_close(dl);
	if (rc)
		return pxe_status(rc);
	p->BufferSize = pos;
	return PXENV_STATUS_SUCCESS;
}

PXE_CALLS(pxe_tftp_calls) = {
	{ PXENV_TFTP_OPEN, pxenv_tftp_open },
	{ PXENV_TFTP_READ, pxenv_tftp_read },
	{ PXENV_TFTP_CLOSE, pxenv_tftp_close },
	{ PXENV_TFTP_GET_FSIZE, pxenv_tftp_get_fsize },
	{ PXENV_TFTP_READ_FILE, pxenv_tftp_read_file },
};
