/* The platform under the fuzz harnesses: a hand-moved clock, a silent
 * console, heap block counting, a fake Ethernet device, and helpers to
 * read records and build frames (see fuzz.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <byteswap.h>
#include <cxboot/console.h>
#include <cxboot/heap.h>
#include <cxboot/iobuf.h>
#include <cxboot/timer.h>
#include <net/ethernet.h>
#include <net/ip.h>
#include <net/udp.h>
#include "fuzz.h"

/* From the host C library and the sanitizer runtime; no host header
 * may be included here. */
long write(int fd, const void *buf, size_t len);
char *getenv(const char *name);
void abort(void) __noreturn;
int __sanitizer_install_malloc_and_free_hooks(
	void (*malloc_hook)(const volatile void *, size_t),
	void (*free_hook)(const volatile void *));

static void write_err(const char *s, size_t len)
{
	while (len) {
		long n = write(2, s, len);

		if (n <= 0)
			return;
		s += n;
		len -= n;
	}
}

void fuzz_fail(const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg) - 1, fmt, ap);
	va_end(ap);
	n = MIN((size_t)MAX(n, 0), sizeof(msg) - 2);
	msg[n++] = '\n';
	write_err("fuzz: ", 6);
	write_err(msg, n);
	abort();
}

/* ---- console: silent unless FUZZ_VERBOSE is set ---- */

static int verbose = -1;

static void con_putchar(int c)
{
	char ch = c;

	if (verbose < 0)
		verbose = getenv("FUZZ_VERBOSE") != NULL;
	if (verbose)
		write_err(&ch, 1);
}

static int con_getchar(void)
{
	return -1;
}

static int con_iskey(void)
{
	return 0;
}

static bool con_eof(void)
{
	return true;
}

CONSOLE(fuzz_console) = {
	.putchar = con_putchar,
	.getchar = con_getchar,
	.iskey = con_iskey,
	.eof = con_eof,
};

/* ---- time ---- */

static unsigned long now = 1000000;

unsigned long currticks(void)
{
	return now;
}

void udelay(unsigned long usecs)
{
	now += usecs / 1000;
}

void cpu_nap(unsigned long max_ticks)
{
	now += MIN(max_ticks, 100UL);
}

/* Fire every timer due now; the handlers may queue more work. */
static void run_due(void)
{
	unsigned int n;

	for (n = 0; timers_next() == 0; n++) {
		if (n == 100000)
			fuzz_fail("timers keep firing while no time passes");
		timers_run();
		net_poll();
	}
}

void fuzz_advance(unsigned long ms)
{
	unsigned long end = now + ms, next;

	for (;;) {
		run_due();
		next = timers_next();
		if (next == ULONG_MAX || next > end - now)
			break;
		now += next;
	}
	now = end;
	run_due();
}

void fuzz_settle(void)
{
	fuzz_advance(10 * 60 * TICKS_PER_SEC);
}

unsigned long fuzz_delay(uint8_t ctl)
{
	static const unsigned long ms[8] = {
		0, 1, 2, 10, 250, 1000, 3000, 10001
	};

	return ms[ctl & 7];
}

/* ---- records ---- */

bool fuzz_next_record(const uint8_t **pos, const uint8_t *end,
		      struct fuzz_record *rec)
{
	const uint8_t *p = *pos;
	size_t left = end - p, len = 0;

	if (!left)
		return false;
	rec->ctl = p[0];
	if (left >= 3)
		len = p[1] << 8 | p[2];
	p += MIN(left, (size_t)3);
	rec->data = p;
	rec->len = MIN(len, (size_t)(end - p));
	*pos = p + rec->len;
	return true;
}

/* ---- heap ---- */

static long live;
/* Only this thread's allocations while a harness runs are counted, not
 * libFuzzer's own bookkeeping between inputs. */
static _Thread_local bool watching;

static void on_malloc(const volatile void *ptr, size_t size)
{
	if (watching)
		__atomic_add_fetch(&live, 1, __ATOMIC_RELAXED);
}

static void on_free(const volatile void *ptr)
{
	if (watching)
		__atomic_sub_fetch(&live, 1, __ATOMIC_RELAXED);
}

void fuzz_heap_watch(bool on)
{
	static bool hooked;

	if (!hooked) {
		hooked = true;
		__sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
	}
	watching = on;
}

/* I/O buffers come from the DMA heap, which counts its own blocks. */
long fuzz_live_blocks(void)
{
	return __atomic_load_n(&live, __ATOMIC_RELAXED) + dma_heap()->used;
}

void *fuzz_dup(const void *data, size_t len)
{
	void *p = malloc(len ? len : 1);

	if (!p)
		fuzz_fail("out of memory");
	memcpy(p, data, len);
	return p;
}

/* ---- the fake device ---- */

const uint8_t fuzz_our_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0a };
const uint8_t fuzz_peer_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 };

void (*fuzz_tx_hook)(const uint8_t *frame, size_t len);

static int fake_open(struct net_device *netdev)
{
	return 0;
}

static void fake_close(struct net_device *netdev)
{
}

static int fake_transmit(struct net_device *netdev, struct io_buffer *iob)
{
	if (fuzz_tx_hook)
		fuzz_tx_hook(iob->data, iob_len(iob));
	netdev_tx_complete(netdev, iob, 0);
	return 0;
}

static void fake_poll(struct net_device *netdev)
{
}

static const struct net_device_operations fake_ops = {
	.open = fake_open,
	.close = fake_close,
	.transmit = fake_transmit,
	.poll = fake_poll,
};

struct net_device *fuzz_netdev(void)
{
	static struct net_device *netdev;

	if (netdev)
		return netdev;
	netdev = alloc_etherdev(0);
	if (!netdev)
		fuzz_fail("out of memory");
	netdev->op = &fake_ops;
	memcpy(netdev->hw_addr, fuzz_our_mac, ETH_ALEN);
	netdev->driver_name = "fuzz";
	netdev->bus_type = "fuzz";
	strcpy(netdev->bus_location, "fuzz:0");
	if (register_netdev(netdev) != 0 || netdev_open(netdev) != 0)
		fuzz_fail("cannot bring up the fake device");
	return netdev;
}

/* alloc_iob() leaves everything past the end poisoned, so that an
 * over-read of the frame is caught. */
void fuzz_rx(const void *frame, size_t len)
{
	struct io_buffer *iob = alloc_iob(len);

	if (!iob)
		fuzz_fail("out of memory");
	memcpy(iob_put(iob, len), frame, len);
	netdev_rx(fuzz_netdev(), iob);
}

void fuzz_inject(const void *frame, size_t len)
{
	fuzz_rx(frame, len);
	net_poll();
}

struct in_addr fuzz_ip(unsigned int n)
{
	struct in_addr a = { htonl(0xc6120000U | n) };

	return a;
}

uint8_t *fuzz_ip_frame(uint8_t *buf, struct in_addr src, struct in_addr dest,
		       uint8_t proto, size_t plen)
{
	struct ethhdr *eth = (struct ethhdr *)buf;
	struct iphdr *ip = (struct iphdr *)(eth + 1);

	memcpy(eth->h_dest, fuzz_our_mac, ETH_ALEN);
	memcpy(eth->h_source, fuzz_peer_mac, ETH_ALEN);
	eth->h_protocol = htons(ETH_P_IP);
	memset(ip, 0, sizeof(*ip));
	ip->verhdrlen = 0x45;
	ip->len = htons(sizeof(*ip) + plen);
	ip->ttl = 64;
	ip->protocol = proto;
	ip->src = src;
	ip->dest = dest;
	ip->chksum = tcpip_chksum(ip, sizeof(*ip));
	return (uint8_t *)(ip + 1);
}

size_t fuzz_udp_frame(uint8_t *buf, size_t size, struct in_addr src,
		      struct in_addr dest, uint16_t sport, uint16_t dport,
		      const void *payload, size_t len)
{
	struct udphdr *udp;
	size_t total = ETH_HLEN + sizeof(struct iphdr) + sizeof(*udp) + len;
	uint16_t sum;

	if (total > size || sizeof(struct iphdr) + sizeof(*udp) + len > 0xffff)
		return 0;
	udp = (struct udphdr *)fuzz_ip_frame(buf, src, dest, IP_UDP,
					     sizeof(*udp) + len);
	udp->src = htons(sport);
	udp->dest = htons(dport);
	udp->len = htons(sizeof(*udp) + len);
	udp->chksum = 0;
	memcpy(udp + 1, payload, len);
	sum = tcpip_continue_chksum(ipv4_pshdr_chksum(src, dest, IP_UDP,
						      sizeof(*udp) + len),
				    udp, sizeof(*udp) + len);
	udp->chksum = sum ? sum : 0xffff;
	return total;
}

size_t fuzz_arp_request(uint8_t *buf, struct in_addr src,
			struct in_addr target)
{
	static const uint8_t head[8] = { 0, 1, 8, 0, 6, 4, 0, 1 };
	uint8_t *a = buf + ETH_HLEN;

	memset(buf, 0xff, ETH_ALEN);
	memcpy(buf + 6, fuzz_peer_mac, ETH_ALEN);
	buf[12] = ETH_P_ARP >> 8;
	buf[13] = ETH_P_ARP & 0xff;
	memcpy(a, head, sizeof(head));
	memcpy(a + 8, fuzz_peer_mac, ETH_ALEN);
	memcpy(a + 14, &src, 4);
	memset(a + 18, 0, ETH_ALEN);
	memcpy(a + 24, &target, 4);
	return ETH_HLEN + 28;
}

bool fuzz_parse_udp(const uint8_t *frame, size_t len, uint16_t *sport,
		    uint16_t *dport, const uint8_t **payload, size_t *plen)
{
	const struct iphdr *ip = (const void *)(frame + ETH_HLEN);
	const struct udphdr *udp;
	size_t hlen, ulen;

	if (len < ETH_HLEN + sizeof(*ip) ||
	    frame[12] != ETH_P_IP >> 8 || frame[13] != (ETH_P_IP & 0xff) ||
	    ip->protocol != IP_UDP)
		return false;
	hlen = (ip->verhdrlen & 0xf) * 4;
	if (len < ETH_HLEN + hlen + sizeof(*udp))
		return false;
	udp = (const void *)(frame + ETH_HLEN + hlen);
	ulen = ntohs(udp->len);
	if (ulen < sizeof(*udp) || ETH_HLEN + hlen + ulen > len)
		return false;
	*sport = ntohs(udp->src);
	*dport = ntohs(udp->dest);
	*payload = (const uint8_t *)(udp + 1);
	*plen = ulen - sizeof(*udp);
	return true;
}
