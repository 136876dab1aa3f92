/* GET_CACHED_INFO's packets (arch/x86/interface/pxe/pxe_cached.c). */
#ifndef X86_PXE_CACHED_H
#define X86_PXE_CACHED_H
#include <net/netdevice.h>
#include <pxe_api.h>

/* Put packet type (PXENV_PACKET_TYPE_*) of netdev into buf, cut to len
 * bytes, zeroes after it.  Returns its length, -ENOENT if there is no such packet (no
 * lease), -ENOSPC or -EINVAL for an unknown type. */
int pxe_cached_packet(struct net_device *netdev, unsigned int type,
		      void *buf, size_t len);

#endif
