/* A model of one ConnectX-3 PCI function, for the hosted build and tests.
 *
 *   --connectx port1=eth:IFNAME[,port2=eth:IFNAME|auto:IFNAME|ib|none]
 *              [,devid=HEX][,seed=N][,trace=FILE][,fault=SPEC]
 *
 * fault=SPEC is one or more of these, separated by '+':
 *   cmd:OP:STATUS   every command with opcode OP completes with STATUS
 *   cqe:N           every Nth completion is an error CQE (syndrome 0x05)
 *   nolink:P        port P never reports link up
 *   nosense         SENSE_PORT answers "unknown" for ever
 * rate=MBPS sets the ports' line rate (default 10000); rom=FILE fills the
 * expansion-ROM BAR (1 MiB) with an image; stats=FILE makes the model
 * rewrite FILE at every CLOSE_HCA and reset with one line of counters:
 *   leaks=N dma_faults=N cq_overruns=N error_cqes=N rx_frames=N
 *   rx_dropped=N rx_filtered=N tx_frames=N
 * (leaks: contexts in hardware ownership and open ports at CLOSE_HCA, or
 * at a reset while the HCA was up; rx_dropped: frames that found no
 * receive WQE).
 *
 * With trace=FILE the model appends one line per completed HCR command:
 *   hcr op=0xOOO opmod=0xM inmod=0xIIIIIIII status=0xSS [in=HEX]
 * in= is the input mailbox (up to 512 bytes, trailing zeros trimmed) of
 * commands that take one. */
#ifndef CONNECTX_H
#define CONNECTX_H
#include <stdint.h>

struct cx_dev;

struct cx_config {
	uint16_t devid;			/* default 0x1003 */
	uint32_t seed;
	const char *port[3];		/* [1], [2]: "eth:IF", "auto:IF", "ib",
					 * "none" (NULL: none) */
	const char *trace;		/* file name or NULL */
	const char *fault;		/* SPEC or NULL */
	const char *rom;		/* expansion-ROM image file or NULL */
	const char *stats;		/* counters file or NULL */
	uint32_t bdf;
	unsigned int rate_mbps;		/* line rate, default 10000 */
};

/* Build a device without ports (not yet registered on the bus). */
struct cx_dev *cx_create(const struct cx_config *conf);
/* Build a device with its ports, trace and faults as conf says.  NULL on
 * a bad config, with a message printed. */
struct cx_dev *cx_create_config(const struct cx_config *conf);
/* Close its ports and trace and free it (never once registered). */
void cx_destroy(struct cx_dev *cx);
struct sim_pci *cx_pci(struct cx_dev *cx);
/* Parse a fault SPEC into the device; 0 or -EINVAL. */
int cx_set_faults(struct cx_dev *cx, const char *spec);

#endif
