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

/* The NBP is done with the network: close what it left open.  The
 * memory itself goes once it returns (pxe_stack_unloaded()). */
static uint16_t pxenv_unload_stack(void *params __unused)
{
	pxe_tftp_shutdown();
	pxe_udp_shutdown();
	pxe_file_shutdown();
	pxe_undi_shutdown();
	pxe_state.unloaded = true;
	return PXENV_STATUS_SUCCESS;
}

static uint16_t pxenv_get_cached_info(void *params)
{
	struct s_PXENV_GET_CACHED_INFO *p = params;
	/* Built here, then cut to the NBP's buffer. */
	static uint8_t scratch[PXE_BOOTPLAYER_LEN];
	uint8_t *buf = scratch;
	int len;

	if (p->PacketType < PXENV_PACKET_TYPE_DHCP_DISCOVER ||
	    p->PacketType > PXENV_PACKET_TYPE_CACHED_REPLY)
		return PXENV_STATUS_BAD_FUNC;
	if (!p->BufferSize)
		buf = pxe_state.basemem->cached[p->PacketType - 1];
	len = pxe_cached_packet(pxe_state.netdev, p->PacketType, buf,
				PXE_BOOTPLAYER_LEN);
	if (len == -ENOENT)
		return PXENV_STATUS_DHCP_NO_IP_ADDRESS;
	if (len < 0)
		return PXENV_STATUS_BAD_FUNC;
	if (!p->BufferSize) {
		/* Size 0 asks for a pointer to our own copy. */
		if (!virt_to_real(buf, &p->Buffer))
			return PXENV_STATUS_OUT_OF_RESOURCES;
		p->BufferSize = len;
		p->BufferLimit = PXE_BOOTPLAYER_LEN;
		return PXENV_STATUS_SUCCESS;
	}
	if (p->BufferSize > len)
		p->BufferSize = len;
	memcpy(real_to_virt(p->Buffer.segment, p->Buffer.offset), buf,
	       p->BufferSize);
	return PXENV_STATUS_SUCCESS;
}

PXE_CALLS(pxe_preboot_calls) = {
	{ PXENV_START_UNDI, pxenv_nothing },
	{ PXENV_STOP_UNDI, pxenv_nothing },
	{ PXENV_STOP_BASE, pxenv_nothing },
	{ PXENV_UNLOAD_STACK, pxenv_unload_stack },
	{ PXENV_GET_CACHED_INFO, pxenv_get_cached_info },
};
