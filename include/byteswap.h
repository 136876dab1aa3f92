/* Byte order conversion; the firmware runs little-endian.  Hardware
 * structures that are big-endian (ConnectX mailboxes, rings, doorbells)
 * use the cpu_to_be / be_to_cpu forms and the be*_get/be*_put accessors,
 * which work at any alignment. */
#ifndef _BYTESWAP_H
#define _BYTESWAP_H
#include <stdint.h>
#include <string.h>

#define htons(x) ((uint16_t)__builtin_bswap16(x))
#define ntohs(x) htons(x)
#define htonl(x) ((uint32_t)__builtin_bswap32(x))
#define ntohl(x) htonl(x)
#define cpu_to_le16(x) ((uint16_t)(x))
#define cpu_to_le32(x) ((uint32_t)(x))
#define cpu_to_le64(x) ((uint64_t)(x))
#define le16_to_cpu(x) ((uint16_t)(x))
#define le32_to_cpu(x) ((uint32_t)(x))
#define le64_to_cpu(x) ((uint64_t)(x))
#define cpu_to_be16(x) ((uint16_t)__builtin_bswap16(x))
#define cpu_to_be32(x) ((uint32_t)__builtin_bswap32(x))
#define cpu_to_be64(x) ((uint64_t)__builtin_bswap64(x))
#define be16_to_cpu(x) cpu_to_be16(x)
#define be32_to_cpu(x) cpu_to_be32(x)
#define be64_to_cpu(x) cpu_to_be64(x)

static inline uint16_t be16_get(const void *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return be16_to_cpu(v);
}

static inline uint32_t be32_get(const void *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return be32_to_cpu(v);
}

static inline uint64_t be64_get(const void *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return be64_to_cpu(v);
}

static inline void be16_put(void *p, uint16_t v)
{
	v = cpu_to_be16(v);
	memcpy(p, &v, sizeof(v));
}

static inline void be32_put(void *p, uint32_t v)
{
	v = cpu_to_be32(v);
	memcpy(p, &v, sizeof(v));
}

static inline void be64_put(void *p, uint64_t v)
{
	v = cpu_to_be64(v);
	memcpy(p, &v, sizeof(v));
}

#endif
