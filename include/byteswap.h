/* Byte order conversion; the firmware runs little-endian. */
#ifndef _BYTESWAP_H
#define _BYTESWAP_H
#include <stdint.h>

#define htons(x) ((uint16_t)__builtin_bswap16(x))
#define ntohs(x) htons(x)
#define htonl(x) ((uint32_t)__builtin_bswap32(x))
#define ntohl(x) htonl(x)
#define cpu_to_le16(x) ((uint16_t)(x))
#define cpu_to_le32(x) ((uint32_t)(x))
#define le16_to_cpu(x) ((uint16_t)(x))
#define le32_to_cpu(x) ((uint32_t)(x))

#endif
