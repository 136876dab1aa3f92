/* The PXE API dispatcher: finds the handler for an opcode, turns its
 * result into the Status word and the exit code, and keeps the state
 * that lasts while an NBP runs. */
#include <errno.h>
#include <string.h>
#include <net/netdevice.h>
#include "pxe_call.h"

struct pxe_state pxe_state;

/* What each error means to an NBP (PXE 2.1 status codes). */
static const struct {
	int rc;
	uint16_t status;
} pxe_statuses[] = {
	{ -ENOENT, PXENV_STATUS_TFTP_FILE_NOT_FOUND },
	{ -ENXIO, PXENV_STATUS_TFTP_FILE_NOT_FOUND },
	{ -ENODEV, PXENV_STATUS_TFTP_FILE_NOT_FOUND },
	{ -EACCES, PXENV_STATUS_TFTP_ACCESS_VIOLATION },
	{ -EPERM, PXENV_STATUS_TFTP_ACCESS_VIOLATION },
	{ -ETIMEDOUT, PXENV_STATUS_TFTP_READ_TIMEOUT },
	{ -ECONNREFUSED, PXENV_STATUS_TFTP_CANNOT_OPEN_CONNECTION },
	{ -ECONNRESET, PXENV_STATUS_TFTP_CANNOT_READ_FROM_CONNECTION },
	{ -ECONNABORTED, PXENV_STATUS_TFTP_CANNOT_READ_FROM_CONNECTION },
	{ -EIO, PXENV_STATUS_TFTP_CANNOT_READ_FROM_CONNECTION },
	{ -EHOSTUNREACH, PXENV_STATUS_ARP_TIMEOUT },
	{ -ENETUNREACH, PXENV_STATUS_ARP_TIMEOUT },
	{ -ENETDOWN, PXENV_STATUS_ARP_TIMEOUT },
	{ -ENOMEM, PXENV_STATUS_OUT_OF_RESOURCES },
	{ -ENOBUFS, PXENV_STATUS_OUT_OF_RESOURCES },
	{ -ENOSPC, PXENV_STATUS_OUT_OF_RESOURCES },
	{ -ENFILE, PXENV_STATUS_OUT_OF_RESOURCES },
	{ -EBUSY, PXENV_STATUS_OUT_OF_RESOURCES },
	{ -ENOTSUP, PXENV_STATUS_UNSUPPORTED },
	{ -ENOSYS, PXENV_STATUS_UNSUPPORTED },
	{ -EPROTONOSUPPORT, PXENV_STATUS_UNSUPPORTED },
	{ -EAFNOSUPPORT, PXENV_STATUS_UNSUPPORTED },
	{ -EINVAL, PXENV_STATUS_BAD_FUNC },
	{ -E2BIG, PXENV_STATUS_BAD_FUNC },
	{ -EADDRINUSE, PXENV_STATUS_UDP_OPEN },
	{ -EFAULT, PXENV_STATUS_MCOPY_PROBLEM },
	{ -EFBIG, PXENV_STATUS_MCOPY_PROBLEM },
	{ -ECANCELED, PXENV_STATUS_BINL_CANCELED_BY_KEYSTROKE },
	/* "Not yet": what iPXE answers a FILE_READ with no data yet. */
	{ -EAGAIN, PXENV_STATUS_TFTP_OPEN },
};

uint16_t pxe_status(int rc)
{
	unsigned int i;

	if (rc == 0)
		return PXENV_STATUS_SUCCESS;
	for (i = 0; i < ARRAY_SIZE(pxe_statuses); i++)
		if (pxe_statuses[i].rc == rc)
			return pxe_statuses[i].status;
	return PXENV_STATUS_FAILURE;
}

static const struct pxe_call *pxe_find_call(uint16_t opcode)
{
	for_each_table_entry(call, pxe_calls, struct pxe_call)
		if (call->opcode == opcode)
			return call;
	return NULL;
}

uint16_t pxe_dispatch(uint16_t opcode, void *params)
{
	const struct pxe_call *call = pxe_find_call(opcode);
	uint16_t status = PXENV_STATUS_UNSUPPORTED;

	/* Calls are served while an NBP runs (pxe_activate()). */
	if (!pxe_state.netdev)
		status = PXENV_STATUS_UNDI_INVALID_STATE;
	else if (call)
		status = call->fn(params);
	/* Every parameter block starts with the Status word. */
	memcpy(params, &status, sizeof(status));
	return status == PXENV_STATUS_SUCCESS ? PXENV_EXIT_SUCCESS :
						PXENV_EXIT_FAILURE;
}

int pxe_activate(struct pxe_basemem *basemem, const struct pxe_layout *l,
		 struct net_device *netdev, const char *cmdline)
{
	struct segoff16 pxe_at;

	if (!virt_to_real(&basemem->pxe, &pxe_at))
		return -EFAULT;
	pxe_deactivate();
	memset(basemem, 0, sizeof(*basemem));
	pxe_fill_structs(&basemem->pxenv, &basemem->pxe, pxe_at, l);
	ref_get(&netdev->refcnt);
	pxe_state.netdev = netdev;
	pxe_state.basemem = basemem;
	pxe_state.cmdline = cmdline;
	return 0;
}

void pxe_deactivate(void)
{
	pxe_tftp_shutdown();
	pxe_udp_shutdown();
	pxe_file_shutdown();
	pxe_undi_shutdown();
	if (pxe_state.netdev)
		netdev_put(pxe_state.netdev);
	memset(&pxe_state, 0, sizeof(pxe_state));
}

bool pxe_stack_unloaded(void)
{
	return pxe_state.unloaded;
}

struct segoff16 pxe_exit_hook(void)
{
	return pxe_state.exit_hook;
}
