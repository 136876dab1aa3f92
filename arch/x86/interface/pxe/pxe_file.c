/* The gPXE/iPXE FILE extensions: open any URI the firmware can (so an
 * NBP such as lpxelinux loads over http://), read it without blocking,
 * run a command line in our shell, and the image's own command line. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/open.h>
#include <cxboot/process.h>
#include <usr/shell.h>
#include "pxe_call.h"

#define PXE_FILES 8

static struct pxe_download *pxe_files[PXE_FILES];

void pxe_file_shutdown(void)
{
	unsigned int i;

	for (i = 0; i < PXE_FILES; i++) {
		if (pxe_files[i])
			pxe_download_close(pxe_files[i]);
		pxe_files[i] = NULL;
	}
}

static struct pxe_download *pxe_file(uint16_t handle)
{
	return handle < PXE_FILES ? pxe_files[handle] : NULL;
}

static uint16_t pxenv_file_open(void *params)
{
	struct s_PXENV_FILE_OPEN *p = params;
	const char *name = real_to_virt(p->FileName.segment,
					p->FileName.offset);
	struct uri *uri;
	unsigned int i;
	int rc;

	for (i = 0; i < PXE_FILES && pxe_files[i]; i++)
		;
	if (i == PXE_FILES)
		return PXENV_STATUS_OUT_OF_RESOURCES;
	/* Relative names are relative to where the NBP came from. */
	uri = cwuri_resolve(name);
	if (!uri)
		return PXENV_STATUS_OUT_OF_RESOURCES;
	rc = pxe_download_open(&pxe_files[i], uri);
	free(uri);
	if (rc)
		return pxe_status(rc);
	p->FileHandle = i;
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_file_close(void *params)
{
	struct s_PXENV_FILE_CLOSE *p = params;
	struct pxe_download *d = pxe_file(p->FileHandle);

	if (!d)
		return PXENV_STATUS_TFTP_CLOSED;
	pxe_download_close(d);
	pxe_files[p->FileHandle] = NULL;
	return PXENV_STATUS_SUCCESS;
}

/* Data to read, or the end (with or without an error) to report. */
static bool pxe_file_ready(struct pxe_download *d)
{
	int rc;

	return pxe_download_avail(d) || pxe_download_done(d, &rc);
}

static uint16_t pxenv_file_select(void *params)
{
	struct s_PXENV_FILE_SELECT *p = params;
	struct pxe_download *d = pxe_file(p->FileHandle);

	if (!d)
		return PXENV_STATUS_TFTP_CLOSED;
	if (!pxe_file_ready(d))
		step();
	p->Ready = pxe_file_ready(d) ? RDY_READ : 0;
	return PXENV_STATUS_SUCCESS;
}

/* Never blocks: with nothing to read yet the NBP hears "try again"
 * (as from iPXE) and calls again; the end reads as 0 bytes. */
static uint16_t pxenv_file_read(void *params)
{
	struct s_PXENV_FILE_READ *p = params;
	struct pxe_download *d = pxe_file(p->FileHandle);
	int rc;

	if (!d)
		return PXENV_STATUS_TFTP_CLOSED;
	if (!pxe_file_ready(d))
		step();
	if (!pxe_download_avail(d)) {
		if (!pxe_download_done(d, &rc))
			return pxe_status(-EAGAIN);
		if (rc)
			return pxe_status(rc);
	}
	p->BufferSize = pxe_download_read(d,
		real_to_virt(p->Buffer.segment, p->Buffer.offset),
		p->BufferSize);
	return PXENV_STATUS_SUCCESS;
}

/* What is known so far: the announced size, else what has arrived. */
static uint16_t pxenv_get_file_size(void *params)
{
	struct s_PXENV_GET_FILE_SIZE *p = params;
	struct pxe_download *d = pxe_file(p->FileHandle);

	if (!d)
		return PXENV_STATUS_TFTP_CLOSED;
	p->FileSize = pxe_download_size(d);
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_file_exec(void *params)
{
	struct s_PXENV_FILE_EXEC *p = params;
	char *line = strdup(real_to_virt(p->Command.segment,
					 p->Command.offset));
	int rc;

	if (!line)
		return PXENV_STATUS_OUT_OF_RESOURCES;
	rc = system(line);
	free(line);
	/* The line is a script of its own: an `exit` or `goto` in it ends
	 * there, not in whatever runs the NBP. */
	shell_stopped(SHELL_STOP_SCRIPT);
	/* `exit N` gives N, which is no error number. */
	return rc ? pxe_status(rc < 0 ? rc : -EINVAL) : PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_file_cmdline(void *params)
{
	struct s_PXENV_FILE_CMDLINE *p = params;
	const char *cmdline = pxe_state.cmdline ? pxe_state.cmdline : "";
	size_t len = strlen(cmdline) + 1;

	memcpy(real_to_virt(p->Buffer.segment, p->Buffer.offset), cmdline,
	       MIN(len, (size_t)p->BufferSize));
	p->BufferSize = len;
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_file_exit_hook(void *params)
{
	struct s_PXENV_FILE_EXIT_HOOK *p = params;

	pxe_state.exit_hook = p->Hook;
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_file_api_check(void *params)
{
	struct s_PXENV_FILE_API_CHECK *p = params;
	uint32_t mask = 0;

	if (p->Magic != PXE_API_CHECK_MAGIC_IN)
		return PXENV_STATUS_BAD_FUNC;
	if (p->Size < sizeof(*p))
		return PXENV_STATUS_OUT_OF_RESOURCES;
	for_each_table_entry(call, pxe_calls, struct pxe_call)
		if (call->opcode >= PXENV_FILE_MIN &&
		    call->opcode <= PXENV_FILE_MAX)
			mask |= 1u << (call->opcode - PXENV_FILE_MIN);
	p->Size = sizeof(*p);
	p->Magic = PXE_API_CHECK_MAGIC_OUT;
	p->Provider = PXE_API_CHECK_PROVIDER;
	p->APIMask = mask;
	p->Flags = 0;
	return PXENV_STATUS_SUCCESS;
}

PXE_CALLS(pxe_file_calls) = {
	{ PXENV_FILE_OPEN, pxenv_file_open },
	{ PXENV_FILE_CLOSE, pxenv_file_close },
	{ PXENV_FILE_SELECT, pxenv_file_select },
	{ PXENV_FILE_READ, pxenv_file_read },
	{ PXENV_GET_FILE_SIZE, pxenv_get_file_size },
	{ PXENV_FILE_EXEC, pxenv_file_exec },
	{ PXENV_FILE_API_CHECK, pxenv_file_api_check },
	{ PXENV_FILE_EXIT_HOOK, pxenv_file_exit_hook },
	{ PXENV_FILE_CMDLINE, pxenv_file_cmdline },
};
