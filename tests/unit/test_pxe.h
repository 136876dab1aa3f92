/* What the PXE API tests share (test_pxe_env.c): real-mode memory (the
 * first MiB, and the bit above it that SEG:OFF reaches) as an array,
 * and a test device with an address on which the server is active. */
#ifndef TESTS_UNIT_TEST_PXE_H
#define TESTS_UNIT_TEST_PXE_H
#include <stdint.h>
#include <pxe.h>

#define TEST_REAL_MEM_SIZE 0x110000
extern uint8_t test_real_mem[TEST_REAL_MEM_SIZE];

/* Where pxe_test_up() puts the server's base memory, and the layout it
 * describes. */
#define TEST_PXE_BASE 0x90000
#define test_pxe_basemem ((struct pxe_basemem *)(test_real_mem + TEST_PXE_BASE))
extern const struct pxe_layout test_pxe_layout;

/* Our device: MAC 02:00:00:00:00:0a, 10.0.0.2/24; a peer at 10.0.0.1,
 * MAC 02:00:00:00:00:0b, already known by ARP. */
extern const uint8_t test_pxe_mac[6], test_pxe_peer_mac[6];
extern const uint8_t test_pxe_ip[4], test_pxe_peer_ip[4];

/* The glue's pxe_unhook_vectors(): how often it was called, and what
 * it returns (0 unless a test says otherwise). */
extern int test_pxe_unhook_rc;
extern unsigned int test_pxe_unhooks;

/* Bring the device up and activate the server on it with command
 * line "cmd line"; NULL on failure. */
struct net_device *test_pxe_up(void);
void test_pxe_down(struct net_device *nd);

/* A block in real-mode memory at linear address at, as SEG:OFF. */
static inline struct segoff16 test_segoff(uint32_t at)
{
	struct segoff16 p = { .segment = at >> 4, .offset = at & 0xf };

	return p;
}

#endif
