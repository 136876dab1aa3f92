/* Shared pieces of the libFuzzer harnesses (tests/fuzz/common.c).
 *
 * The harnesses run the firmware's own code linked with the host C
 * library under AddressSanitizer and UBSan.  common.c stands in for the
 * platform: a clock that moves only when a harness says so, a console
 * that swallows output, and one fake Ethernet device whose received
 * frames come from the fuzzer and whose transmitted frames are kept for
 * the harness to look at.
 *
 * Inputs that carry several packets are a list of records:
 *
 *   ctl (1 byte)  len (2 bytes, big-endian)  data (len bytes)
 *
 * The last record may be cut short; it then holds what is left.  What
 * ctl means is up to each harness; fuzz_delay() gives the common
 * reading of its low three bits as a pause before the packet. */
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H
#include <cxboot/compiler.h>
#include <net/in.h>
#include <net/netdevice.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- failing ---- */

/* Print why and stop with a crash that libFuzzer records. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)))
	__noreturn;
#define fuzz_assert(cond)                                                 \
	do {                                                              \
		if (!(cond))                                              \
			fuzz_fail("%s:%d: %s", __FILE__, __LINE__, #cond);  \
	} while (0)

/* ---- records ---- */

struct fuzz_record {
	uint8_t ctl;
	const uint8_t *data;
	size_t len;
};

/* Take the next record from [*pos, end); false when none is left. */
bool fuzz_next_record(const uint8_t **pos, const uint8_t *end,
		      struct fuzz_record *rec);
/* The pause, in ms, that ctl's low three bits choose: 0, 1, 2, 10,
 * 250, 1000, 3000 or 10001 (just past IPv4's reassembly timeout). */
unsigned long fuzz_delay(uint8_t ctl);

/* ---- time ---- */

/* Move the clock forward by ms, firing every timer that falls due on
 * the way at its own time. */
void fuzz_advance(unsigned long ms);
/* Move the clock far enough (ten minutes) that every timer the code
 * under test may have started has fired and every retry has given up. */
void fuzz_settle(void);

/* ---- heap ---- */

/* Count heap blocks allocated and freed by this thread while on (a
 * harness turns it on for its whole run, libFuzzer's own work between
 * inputs stays out), and read how many are live; a harness compares
 * two readings. */
void fuzz_heap_watch(bool on);
long fuzz_live_blocks(void);

/* A copy of data in a block of exactly len bytes, so that reading one
 * byte past it is caught.  Free with free(). */
void *fuzz_dup(const void *data, size_t len);

/* ---- the fake device ---- */

extern const uint8_t fuzz_our_mac[6], fuzz_peer_mac[6];

/* The device (created, registered and opened on first use).  It has
 * no address: a harness stores ip/netmask in its settings if needed. */
struct net_device *fuzz_netdev(void);

/* Called with every frame the stack transmits (may be NULL). */
extern void (*fuzz_tx_hook)(const uint8_t *frame, size_t len);

/* Queue one received frame, in a buffer that ends exactly where the
 * frame does; the stack sees it at the next net_poll(). */
void fuzz_rx(const void *frame, size_t len);
/* Receive one frame and let the stack process everything queued. */
void fuzz_inject(const void *frame, size_t len);

/* Write the Ethernet and IPv4 headers of a frame from the peer's MAC to
 * ours carrying plen bytes of protocol proto (checksummed); returns
 * where the payload goes.  buf must hold them and the payload. */
uint8_t *fuzz_ip_frame(uint8_t *buf, struct in_addr src, struct in_addr dest,
		       uint8_t proto, size_t plen);
/* Build an Ethernet/IPv4/UDP frame from the peer's MAC to ours with
 * correct checksums.  Returns its length, or 0 if it does not fit. */
size_t fuzz_udp_frame(uint8_t *buf, size_t size, struct in_addr src,
		      struct in_addr dest, uint16_t sport, uint16_t dport,
		      const void *payload, size_t len);
/* Make an ARP request from (peer MAC, src) for target; returns 42. */
size_t fuzz_arp_request(uint8_t *buf, struct in_addr src,
			struct in_addr target);

/* A transmitted Ethernet/IPv4/UDP frame's payload and ports; false if
 * the frame is something else. */
bool fuzz_parse_udp(const uint8_t *frame, size_t len, uint16_t *sport,
		    uint16_t *dport, const uint8_t **payload, size_t *plen);

/* 198.18.0.N (RFC 2544 benchmarking range) */
struct in_addr fuzz_ip(unsigned int n);

#endif
