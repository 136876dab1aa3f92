/* Inside the PXE API server: the call table every group file adds to,
 * the state shared while an NBP runs, and the download consumer that
 * TFTP and FILE handles read from. */
#ifndef X86_PXE_CALL_H
#define X86_PXE_CALL_H
#include <cxboot/tables.h>
#include <cxboot/uri.h>
#include <pxe.h>

/* A call's handler gets the flat parameter block and returns the PXE
 * status for it (PXENV_STATUS_SUCCESS or an error); the dispatcher
 * stores it in Status and derives the exit code. */
struct pxe_call {
	uint16_t opcode;
	uint16_t (*fn)(void *params);
};
#define PXE_CALLS(name) TABLE_ENTRY(pxe_calls, struct pxe_call, name[])

struct pxe_state {
	struct net_device *netdev;      /* held while active */
	struct pxe_basemem *basemem;
	const char *cmdline;
	struct segoff16 exit_hook;
	bool unloaded;
};
extern struct pxe_state pxe_state;

/* The PXE status that stands for a negative error number. */
uint16_t pxe_status(int rc);

/* Closing what each group keeps open (pxe_deactivate, UNLOAD_STACK). */
void pxe_tftp_shutdown(void);
void pxe_udp_shutdown(void);
void pxe_file_shutdown(void);
void pxe_undi_shutdown(void);

/* A download buffered for an NBP that reads it piece by piece: data
 * arrives in order and waits in a queue until read. */
struct pxe_download;
/* Start downloading uri; 0 or a negative error. */
int pxe_download_open(struct pxe_download **out, const struct uri *uri);
/* Move up to len bytes out of the queue; returns how many. */
size_t pxe_download_read(struct pxe_download *d, void *buf, size_t len);
size_t pxe_download_avail(const struct pxe_download *d);
/* Whether the transfer ended, and with what (0: all data arrived). */
bool pxe_download_done(const struct pxe_download *d, int *rc);
/* The size the protocol announced, else the bytes that arrived. */
uint64_t pxe_download_size(const struct pxe_download *d);
bool pxe_download_has_size(const struct pxe_download *d);
/* Run the main loop until want bytes wait or the transfer ended (or,
 * with size, until the size is known). */
void pxe_download_wait(struct pxe_download *d, size_t want, bool size);
/* Stop it and free what is queued. */
void pxe_download_close(struct pxe_download *d);

#endif
