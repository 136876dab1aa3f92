/* Preboot calls: starting and stopping UNDI and the base code (we are
 * both, always started), unloading, and the cached DHCP packets. */
#include <errno.h>
#include <string.h>
#include "pxe_call.h"
#include "pxe_cached.h"

static uint16_t pxenv_nothing(void *params __unused)
{
	return PXENV_STATUS_SUCCESS;
}

/* The NBP is done with the network (UNLOAD_STACK, STOP_UNDI): close
 * what it left open and give INT 1Ah back, so that the NBP may take
 * our base memory (pxelinux checks INT 1Ah points outside it first).
 * If someone hooked it after us, our code must stay: keep_status says
 * so.  The block itself goes once the NBP returns
 * (pxe_stack_unloaded()). */
static uint16_t pxe_unload(uint16_t keep_status)
{
	pxe_tftp_shutdown();
	pxe_udp_shutdown();
	pxe_file_shutdown();
	pxe_undi_shutdown();
	pxe_state.unloaded = true;
	return pxe_unhook_vectors() ? keep_status : PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_unload_stack(void *params __unused)
{
	return pxe_unload(PXENV_STATUS_KEEP_ALL);
}

static uint16_t pxenv_stop_undi(void *params __unused)
{
	return pxe_unload(PXENV_STATUS_KEEP_UNDI);
}

/* As iPXE: the packet padded with zeroes to the whole buffer, whose
 * size is what BufferSize tells; BufferLimit is left alone, since some
 * NBPs pass a block from before the spec added it. */
static uint16_t pxenv_get_cached_info(void *params)
{
	struct s_PXENV_GET_CACHED_INFO *p = params;
	static uint8_t scratch[PXE_CACHED_LEN];
	unsigned int type = p->PacketType;
	uint8_t *buf = scratch;
	int rc;

	if (type < PXENV_PACKET_TYPE_DHCP_DISCOVER ||
	    type > PXENV_PACKET_TYPE_CACHED_REPLY)
		return PXENV_STATUS_UNSUPPORTED;
	if (!p->BufferSize)
		buf = pxe_state.basemem->cached[type - 1];
	rc = pxe_cached_packet(pxe_state.netdev, type, buf, PXE_CACHED_LEN);
	if (rc == -ENOENT)
		return PXENV_STATUS_DHCP_NO_IP_ADDRESS;
	if (rc < 0)
		return pxe_status(rc);
	if (!p->BufferSize) {
		/* Size 0 asks for a pointer to our own copy. */
		if (!virt_to_real(buf, &p->Buffer))
			return PXENV_STATUS_OUT_OF_RESOURCES;
		p->BufferSize = PXE_CACHED_LEN;
		return PXENV_STATUS_SUCCESS;
	}
	p->BufferSize = MIN(p->BufferSize, (uint16_t)PXE_CACHED_LEN);
	memcpy(real_to_virt(p->Buffer.segment, p->Buffer.offset), buf,
	       p->BufferSize);
	return PXENV_STATUS_SUCCESS;
}

PXE_CALLS(pxe_preboot_calls) = {
	{ PXENV_START_UNDI, pxenv_nothing },
	{ PXENV_STOP_UNDI, pxenv_stop_undi },
	{ PXENV_STOP_BASE, pxenv_nothing },
	{ PXENV_UNLOAD_STACK, pxenv_unload_stack },
	{ PXENV_GET_CACHED_INFO, pxenv_get_cached_info },
};
