/* IPv4 addresses and the Internet checksum. */
#ifndef NET_IN_H
#define NET_IN_H
#include <cxboot/compiler.h>
#include <byteswap.h>

struct in_addr {
	uint32_t s_addr;   /* network order */
};
#define INADDR_ANY 0
#define INADDR_BROADCAST 0xffffffffU

/* "198.18.0.1" (static buffer, rotates among a few) */
const char *inet_ntoa(struct in_addr in);
/* 1 on success, 0 on bad input */
int inet_aton(const char *text, struct in_addr *in);

/* Internet checksum (RFC 1071), returned ready to store into a header
 * (its bytes are in network order).  partial is 0xffff to start, or what
 * a previous call returned; a split must fall on an even offset, since a
 * 16-bit partial cannot say which byte of a word comes next.  Verifying
 * a block that holds its own checksum gives 0. */
uint16_t tcpip_continue_chksum(uint16_t partial, const void *data,
			       size_t len);
static inline uint16_t tcpip_chksum(const void *data, size_t len)
{
	return tcpip_continue_chksum(0xffff, data, len);
}

#endif
