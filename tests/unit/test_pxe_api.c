/* Unit tests for the PXE API server: the PXENV+ and !PXE structures
 * byte by byte, the dispatcher's answer to calls it does not know, the
 * packets GET_CACHED_INFO hands out, the UNDI ISR protocol and UNDI
 * transmit, and the entry points' register conventions. */
#include <errno.h>
#include <stdlib.h>
#include <byteswap.h>
#include <cxboot/settings.h>
#include <net/dhcp.h>
#include <net/ethernet.h>
#include "test.h"
#include "testdev.h"
#include "test_pxe.h"
#include "../../arch/x86/interface/pxe/pxe_isr.h"

static uint8_t byte_sum(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

static uint16_t le16(const uint8_t *p)
{
	return p[0] | p[1] << 8;
}

UNIT_TEST(pxe_structures)
{
	struct net_device *nd = test_pxe_up();
	const uint8_t *env = (const uint8_t *)&test_pxe_basemem->pxenv;
	const uint8_t *pxe = (const uint8_t *)&test_pxe_basemem->pxe;
	uint32_t pxe_at = pxe - test_real_mem;
	uint8_t zero[8] = { 0 };

	ok(nd != NULL);
	if (!nd)
		return;
	ok_mem(env, "PXENV+", 6);
	ok(le16(env + 6) == 0x0201);
	ok(env[8] == 0x2c);
	ok(byte_sum(env, 0x2c) == 0);
	ok(le16(env + 0x0a) == 0x10 && le16(env + 0x0c) == 0x9800);
	ok(le16(env + 0x14) == 0x9840 && le16(env + 0x16) == 0x800);
	/* PXEPtr: the !PXE structure, as SEG:OFF. */
	ok(((uint32_t)le16(env + 0x2a) << 4) + le16(env + 0x28) == pxe_at);

	ok_mem(pxe, "!PXE", 4);
	ok(pxe[4] == 0x58);
	ok(byte_sum(pxe, 0x58) == 0);
	ok(pxe[6] == 0 && pxe[7] == 0);
	ok(le16(pxe + 0x10) == 0x20 && le16(pxe + 0x12) == 0x9800);
	ok_mem(pxe + 0x14, zero, 4);       /* no 32-bit entry */
	ok(pxe[0x1d] == 7);
	/* Stack descriptor: segment, its physical address, size. */
	ok(le16(pxe + 0x20) == 0x9840);
	ok(le16(pxe + 0x22) == 0x8400 && le16(pxe + 0x24) == 0x9);
	ok(le16(pxe + 0x26) == 0x800);
	/* Base-code code segment, the last descriptor. */
	ok(le16(pxe + 0x50) == 0x9800 && le16(pxe + 0x56) == 0x400);

	/* The checksum makes any bytes sum to 0. */
	ok(pxe_checksum("\x01\x02\x03", 3) == 0xfa);
	ok(pxe_checksum("", 0) == 0);
	test_pxe_down(nd);
}

UNIT_TEST(pxe_dispatch_unknown)
{
	struct net_device *nd;
	uint16_t block[8] = { 0xffff };

	/* Before any NBP runs, nothing is served. */
	ok(pxe_dispatch(PXENV_UDP_OPEN, block) == PXENV_EXIT_FAILURE);
	ok(block[0] == PXENV_STATUS_UNDI_INVALID_STATE);

	nd = test_pxe_up();
	ok(nd != NULL);
	if (!nd)
		return;
	block[0] = 0xffff;
	ok(pxe_dispatch(0x0042, block) == PXENV_EXIT_FAILURE);
	ok(block[0] == PXENV_STATUS_UNSUPPORTED);
	block[0] = 0xffff;
	ok(pxe_dispatch(PXENV_RESTART_TFTP, block) == PXENV_EXIT_FAILURE);
	ok(block[0] == PXENV_STATUS_UNSUPPORTED);
	block[0] = 0xffff;
	ok(pxe_dispatch(PXENV_UNDI_FORCE_INTERRUPT, block) ==
	   PXENV_EXIT_FAILURE);
	ok(block[0] == PXENV_STATUS_UNSUPPORTED);
	block[0] = 0xffff;
	ok(pxe_dispatch(PXENV_START_UNDI, block) == PXENV_EXIT_SUCCESS);
	ok(block[0] == PXENV_STATUS_SUCCESS);
	test_pxe_down(nd);
}

/* Unloading gives INT 1Ah back (pxelinux frees our base memory only
 * then); if it must stay, the status says which part stays. */
UNIT_TEST(pxe_unload_unhooks)
{
	struct net_device *nd = test_pxe_up();
	uint16_t block[8];

	ok(nd != NULL);
	if (!nd)
		return;
	test_pxe_unhooks = 0;
	block[0] = 0xffff;
	ok(pxe_dispatch(PXENV_UNLOAD_STACK, block) == PXENV_EXIT_SUCCESS);
	ok(block[0] == PXENV_STATUS_SUCCESS);
	ok(test_pxe_unhooks == 1);
	test_pxe_unhook_rc = -EBUSY;
	ok(pxe_dispatch(PXENV_UNLOAD_STACK, block) == PXENV_EXIT_FAILURE);
	ok(block[0] == PXENV_STATUS_KEEP_ALL);
	ok(pxe_dispatch(PXENV_STOP_UNDI, block) == PXENV_EXIT_FAILURE);
	ok(block[0] == PXENV_STATUS_KEEP_UNDI);
	ok(test_pxe_unhooks == 3);
	test_pxe_unhook_rc = 0;
	test_pxe_down(nd);
}

/* The entry points: PXENV+ takes BX and ES:DI, !PXE its stack, and
 * INT 1Ah AX=5650h points ES:BX at PXENV+. */
UNIT_TEST(pxe_entry_points)
{
	struct net_device *nd = test_pxe_up();
	uint16_t *block = (uint16_t *)(test_real_mem + 0x8000);
	uint16_t *stack = (uint16_t *)(test_real_mem + 0x7000);
	struct bios_regs r = { .eax = 0x12345650 };

	ok(nd != NULL);
	if (!nd)
		return;
	ok(pxe_int1a(&r));
	ok((r.eax & 0xffff) == PXENV_INSTALLED && (r.eax >> 16) == 0x1234);
	ok(real_to_virt(r.es, r.ebx & 0xffff) == &test_pxe_basemem->pxenv);
	ok(!(r.eflags & EFLAGS_CF));
	r.eax = 0x0000b101;
	ok(!pxe_int1a(&r));

	memset(&r, 0, sizeof(r));
	r.ebx = 0x0042;         /* unknown */
	r.es = 0x0800;
	r.edi = 0x0000;
	block[0] = 0xffff;
	pxe_entry_pxenv(&r);
	ok((r.eax & 0xffff) == PXENV_EXIT_FAILURE && (r.eflags & EFLAGS_CF));
	ok(block[0] == PXENV_STATUS_UNSUPPORTED);

	/* Far return address, then opcode, offset, segment. */
	stack[0] = 0x1111;
	stack[1] = 0x2222;
	stack[2] = PXENV_STOP_BASE;
	stack[3] = 0x0000;
	stack[4] = 0x0800;
	memset(&r, 0, sizeof(r));
	r.eflags = EFLAGS_CF;
	block[0] = 0xffff;
	pxe_entry_pxe(&r, 0x0700, 0x0000);
	ok((r.eax & 0xffff) == PXENV_EXIT_SUCCESS && !(r.eflags & EFLAGS_CF));
	ok(block[0] == PXENV_STATUS_SUCCESS);
	test_pxe_down(nd);
}

/* ---- GET_CACHED_INFO ---- */

/* A DHCPACK as a server sends it: the boot file as option 67 only. */
static size_t make_ack(uint8_t *pkt, uint32_t xid, const char *file)
{
	struct dhcphdr *h = (struct dhcphdr *)pkt;
	uint8_t *o = h->options;

	memset(pkt, 0, BOOTP_MIN_LEN);
	h->op = BOOTP_REPLY;
	h->htype = 1;
	h->hlen = 6;
	h->xid = xid;
	memcpy(&h->yiaddr, test_pxe_ip, 4);
	memcpy(&h->siaddr, test_pxe_peer_ip, 4);
	memcpy(h->chaddr, test_pxe_mac, 6);
	h->magic = htonl(DHCP_MAGIC);
	*o++ = DHCP_OPT_MSG_TYPE;
	*o++ = 1;
	*o++ = DHCPACK;
	*o++ = DHCP_OPT_BOOTFILE;
	*o++ = strlen(file);
	memcpy(o, file, strlen(file));
	o += strlen(file);
	*o++ = DHCP_OPT_END;
	return BOOTP_MIN_LEN;
}

static struct settings *add_lease(struct net_device *nd, const char *name,
				  const uint8_t *pkt, size_t len)
{
	struct settings *s = dhcp_create_settings(pkt, len, 0);

	register_settings(s, netdev_settings(nd), name);
	ref_put(s->refcnt);
	return s;
}

static uint16_t cached_info(unsigned int type, uint16_t size, uint32_t at,
			    struct s_PXENV_GET_CACHED_INFO *p)
{
	memset(p, 0, sizeof(*p));
	p->BufferLimit = 0x5a5a;
	p->PacketType = type;
	p->BufferSize = size;
	p->Buffer = test_segoff(at);
	return pxe_dispatch(PXENV_GET_CACHED_INFO, p);
}

UNIT_TEST(pxe_cached_info)
{
	struct net_device *nd = test_pxe_up();
	struct s_PXENV_GET_CACHED_INFO p;
	uint8_t ack[BOOTP_MIN_LEN], proxy[BOOTP_MIN_LEN], type;
	const struct dhcphdr *got;
	struct settings *s1, *s2;
	uint8_t *nbp = test_real_mem + 0x8000;

	ok(nd != NULL);
	if (!nd)
		return;
	/* No lease yet. */
	ok(cached_info(PXENV_PACKET_TYPE_DHCP_ACK, 0, 0, &p) ==
	   PXENV_EXIT_FAILURE);
	ok(p.Status == PXENV_STATUS_DHCP_NO_IP_ADDRESS);

	make_ack(ack, 0x44332211, "pxelinux.0");
	s1 = add_lease(nd, "dhcp", ack, sizeof(ack));

	/* Size 0: a pointer to our copy, in base memory. */
	ok(cached_info(PXENV_PACKET_TYPE_DHCP_ACK, 0, 0, &p) ==
	   PXENV_EXIT_SUCCESS);
	ok(p.Status == PXENV_STATUS_SUCCESS);
	/* As iPXE: the whole buffer, BufferLimit left alone. */
	ok(p.BufferSize == PXE_CACHED_LEN);
	ok(p.BufferLimit == 0x5a5a);
	got = real_to_virt(p.Buffer.segment, p.Buffer.offset);
	ok((const uint8_t *)got == test_pxe_basemem->cached[1]);
	/* The packet as it came, with the boot file also in its field. */
	ok_mem(got, ack, offsetof(struct dhcphdr, file));
	ok_str(got->file, "pxelinux.0");
	ok_mem(&got->magic, &((struct dhcphdr *)ack)->magic,
	       sizeof(ack) - offsetof(struct dhcphdr, magic));
	ok(((const uint8_t *)got)[sizeof(ack)] == 0);
	ok(((const uint8_t *)got)[PXE_CACHED_LEN - 1] == 0);

	/* No ProxyDHCP answer: the boot server's reply is the ACK. */
	ok(cached_info(PXENV_PACKET_TYPE_CACHED_REPLY, 0, 0, &p) ==
	   PXENV_EXIT_SUCCESS);
	got = real_to_virt(p.Buffer.segment, p.Buffer.offset);
	ok(got->xid == 0x44332211);
	make_ack(proxy, 0x55, "proxy.0");
	s2 = add_lease(nd, "proxydhcp", proxy, sizeof(proxy));
	ok(cached_info(PXENV_PACKET_TYPE_CACHED_REPLY, 0, 0, &p) ==
	   PXENV_EXIT_SUCCESS);
	got = real_to_virt(p.Buffer.segment, p.Buffer.offset);
	ok(got->xid == 0x55);
	ok_str(got->file, "proxy.0");
	/* Each type has a buffer of its own: the ACK is still there. */
	ok((const uint8_t *)got == test_pxe_basemem->cached[2]);
	ok(((struct dhcphdr *)test_pxe_basemem->cached[1])->xid ==
	   0x44332211);

	/* The NBP's own buffer: filled up to its size, no further. */
	memset(nbp, 0xa5, 128);
	ok(cached_info(PXENV_PACKET_TYPE_DHCP_ACK, 64, 0x8000, &p) ==
	   PXENV_EXIT_SUCCESS);
	ok(p.BufferSize == 64);
	ok_mem(nbp, ack, 64);
	ok(nbp[64] == 0xa5);

	/* The DHCPDISCOVER of the same exchange. */
	memset(nbp, 0, 600);
	ok(cached_info(PXENV_PACKET_TYPE_DHCP_DISCOVER, 600, 0x8000, &p) ==
	   PXENV_EXIT_SUCCESS);
	got = (const struct dhcphdr *)nbp;
	ok(p.BufferSize == 600);
	ok(got->op == BOOTP_REQUEST && got->xid == 0x44332211);
	ok_mem(got->chaddr, test_pxe_mac, 6);
	ok(dhcp_fetch_option(nbp, p.BufferSize, DHCP_OPT_MSG_TYPE, &type,
			     1) == 1 && type == DHCPDISCOVER);

	/* With option 52 lending the file field to options, it stays as
	 * it came. */
	unregister_settings(s1);
	make_ack(ack, 0x44332211, "pxelinux.0");
	{
		struct dhcphdr *h = (struct dhcphdr *)ack;
		uint8_t *end = memchr(h->options, DHCP_OPT_END, 40);

		end[0] = DHCP_OPT_OVERLOAD;
		end[1] = 1;
		end[2] = DHCP_OVERLOAD_FILE;
		end[3] = DHCP_OPT_END;
		/* A pad, then the end: the field starts with a 0. */
		h->file[0] = DHCP_OPT_PAD;
		h->file[1] = DHCP_OPT_END;
	}
	s1 = add_lease(nd, "dhcp", ack, sizeof(ack));
	ok(cached_info(PXENV_PACKET_TYPE_DHCP_ACK, 0, 0, &p) ==
	   PXENV_EXIT_SUCCESS);
	ok_mem(test_pxe_basemem->cached[1], ack, sizeof(ack));

	ok(cached_info(9, 0, 0, &p) == PXENV_EXIT_FAILURE);
	ok(p.Status == PXENV_STATUS_UNSUPPORTED);
	unregister_settings(s2);
	unregister_settings(s1);
	test_pxe_down(nd);
}

/* ---- UNDI ---- */

static struct io_buffer *make_frame(const uint8_t *dest, uint16_t proto,
				    size_t len)
{
	struct io_buffer *iob = alloc_iob(len);
	uint8_t *f = iob_put(iob, len);
	size_t i;

	memcpy(f, dest, 6);
	memcpy(f + 6, test_pxe_peer_mac, 6);
	f[12] = proto >> 8;
	f[13] = proto;
	for (i = 14; i < len; i++)
		f[i] = i;
	return iob;
}

static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const uint8_t mcast[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };

static uint16_t isr(struct pxe_isr *st, struct net_device *nd,
		    struct s_PXENV_UNDI_ISR *p, uint16_t func)
{
	memset(p, 0, sizeof(*p));
	p->FuncFlag = func;
	return pxe_isr_call(st, nd, p);
}

UNIT_TEST(pxe_isr_protocol)
{
	struct net_device *nd = test_pxe_up();
	struct s_PXENV_UNDI_ISR p;
	struct pxe_isr st;
	uint8_t *frame = test_real_mem + 0x6000;
	const uint8_t *seen;

	ok(nd != NULL);
	if (!nd)
		return;
	pxe_isr_init(&st, frame, 1536);
	ok(isr(&st, nd, &p, PXENV_UNDI_ISR_IN_START) == 0);
	ok(p.FuncFlag == PXENV_UNDI_ISR_OUT_NOT_OURS);

	pxe_isr_queue_rx(&st, make_frame(bcast, ETH_P_ARP, 60));
	pxe_isr_queue_rx(&st, make_frame(test_pxe_mac, ETH_P_IP, 100));
	pxe_isr_queue_rx(&st, make_frame(mcast, 0x86dd, 80));
	st.tx_done = 1;
	ok(isr(&st, nd, &p, PXENV_UNDI_ISR_IN_START) == 0);
	ok(p.FuncFlag == PXENV_UNDI_ISR_OUT_OURS);

	/* A finished transmission first, then the frames in order. */
	isr(&st, nd, &p, PXENV_UNDI_ISR_IN_PROCESS);
	ok(p.FuncFlag == PXENV_UNDI_ISR_OUT_TRANSMIT);
	isr(&st, nd, &p, PXENV_UNDI_ISR_IN_GET_NEXT);
	ok(p.FuncFlag == PXENV_UNDI_ISR_OUT_RECEIVE);
	ok(p.ProtType == P_ARP && p.PktType == P_BROADCAST);
	ok(p.FrameLength == 60 && p.BufferLength == 60);
	ok(p.FrameHeaderLength == ETH_HLEN);
	seen = real_to_virt(p.Frame.segment, p.Frame.offset);
	ok(seen == frame);
	ok_mem(seen, bcast, 6);
	ok(seen[59] == 59);
	isr(&st, nd, &p, PXENV_UNDI_ISR_IN_GET_NEXT);
	ok(p.FuncFlag == PXENV_UNDI_ISR_OUT_RECEIVE);
	ok(p.ProtType == P_IP && p.PktType == P_DIRECTED);
	ok(p.FrameLength == 100);
	ok_mem(seen, test_pxe_mac, 6);
	isr(&st, nd, &p, PXENV_UNDI_ISR_IN_GET_NEXT);
	ok(p.FuncFlag == PXENV_UNDI_ISR_OUT_RECEIVE);
	ok(p.ProtType == P_OTHER && p.PktType == P_MULTICAST);
	isr(&st, nd, &p, PXENV_UNDI_ISR_IN_GET_NEXT);
	ok(p.FuncFlag == PXENV_UNDI_ISR_OUT_DONE);
	isr(&st, nd, &p, PXENV_UNDI_ISR_IN_START);
	ok(p.FuncFlag == PXENV_UNDI_ISR_OUT_NOT_OURS);

	/* The filter: directed only leaves the broadcast out. */
	st.filter = FLTR_DIRECTED;
	pxe_isr_queue_rx(&st, make_frame(bcast, ETH_P_ARP, 60));
	pxe_isr_queue_rx(&st, make_frame(test_pxe_mac, ETH_P_IP, 70));
	isr(&st, nd, &p, PXENV_UNDI_ISR_IN_PROCESS);
	ok(p.FuncFlag == PXENV_UNDI_ISR_OUT_RECEIVE && p.FrameLength == 70);
	isr(&st, nd, &p, PXENV_UNDI_ISR_IN_GET_NEXT);
	ok(p.FuncFlag == PXENV_UNDI_ISR_OUT_DONE);

	/* A frame larger than the buffer is cut, its length told. */
	pxe_isr_queue_rx(&st, make_frame(test_pxe_mac, ETH_P_IP, 1600));
	isr(&st, nd, &p, PXENV_UNDI_ISR_IN_PROCESS);
	ok(p.FrameLength == 1600 && p.BufferLength == 1536);

	ok(isr(&st, nd, &p, 7) == PXENV_STATUS_UNDI_INVALID_PARAMETER);
	pxe_isr_queue_rx(&st, make_frame(bcast, ETH_P_ARP, 60));
	pxe_isr_flush(&st);
	isr(&st, nd, &p, PXENV_UNDI_ISR_IN_START);
	ok(p.FuncFlag == PXENV_UNDI_ISR_OUT_NOT_OURS);
	test_pxe_down(nd);
}

/* Through the dispatcher: open, send with a header we add, receive
 * what the device got (not our own stack), information calls. */
UNIT_TEST(pxe_undi_calls)
{
	struct net_device *nd = test_pxe_up();
	struct s_PXENV_UNDI_OPEN op = { .PktFilter = FLTR_DIRECTED | FLTR_BRDCST };
	struct s_PXENV_UNDI_TRANSMIT tx = { .Protocol = P_IP };
	struct s_PXENV_UNDI_TBD *tbd = (void *)(test_real_mem + 0x8000);
	struct s_PXENV_UNDI_GET_INFORMATION info;
	struct s_PXENV_UNDI_GET_MCAST_ADDRESS mc = { .InetAddr = htonl(0xe0010203) };
	struct s_PXENV_UNDI_ISR p;
	static const uint8_t want_mc[6] = { 0x01, 0x00, 0x5e, 0x01, 0x02, 0x03 };

	ok(nd != NULL);
	if (!nd)
		return;
	ok(pxe_dispatch(PXENV_UNDI_OPEN, &op) == PXENV_EXIT_SUCCESS);

	/* Header block "ab", then "cdef" from a data block. */
	memset(tbd, 0, sizeof(*tbd));
	memcpy(test_real_mem + 0x8100, "ab", 2);
	memcpy(test_real_mem + 0x8200, "cdef", 4);
	memcpy(test_real_mem + 0x8300, test_pxe_peer_mac, 6);
	tbd->ImmedLength = 2;
	tbd->Xmit = test_segoff(0x8100);
	tbd->DataBlkCount = 1;
	tbd->DataBlock[0].TDPtrType = 1;
	tbd->DataBlock[0].TDDataLen = 4;
	tbd->DataBlock[0].TDDataPtr = test_segoff(0x8200);
	tx.DestAddr = test_segoff(0x8300);
	tx.TBD = test_segoff(0x8000);
	test_ncap = 0;
	ok(pxe_dispatch(PXENV_UNDI_TRANSMIT, &tx) == PXENV_EXIT_SUCCESS);
	ok(test_ncap == 1);
	ok_mem(test_cap[0].data, test_pxe_peer_mac, 6);
	ok_mem(test_cap[0].data + 6, test_pxe_mac, 6);
	ok(test_cap[0].data[12] == 0x08 && test_cap[0].data[13] == 0x00);
	ok_mem(test_cap[0].data + 14, "abcdef", 6);

	/* A frame the device received goes to the NBP. */
	netdev_rx(nd, make_frame(test_pxe_mac, ETH_P_IP, 64));
	memset(&p, 0, sizeof(p));
	p.FuncFlag = PXENV_UNDI_ISR_IN_START;
	ok(pxe_dispatch(PXENV_UNDI_ISR, &p) == PXENV_EXIT_SUCCESS);
	ok(p.FuncFlag == PXENV_UNDI_ISR_OUT_OURS);
	p.FuncFlag = PXENV_UNDI_ISR_IN_PROCESS;
	pxe_dispatch(PXENV_UNDI_ISR, &p);
	ok(p.FuncFlag == PXENV_UNDI_ISR_OUT_TRANSMIT);
	p.FuncFlag = PXENV_UNDI_ISR_IN_GET_NEXT;
	pxe_dispatch(PXENV_UNDI_ISR, &p);
	ok(p.FuncFlag == PXENV_UNDI_ISR_OUT_RECEIVE && p.FrameLength == 64);
	ok(list_empty(&nd->rx_queue));

	ok(pxe_dispatch(PXENV_UNDI_GET_INFORMATION, &info) ==
	   PXENV_EXIT_SUCCESS);
	ok(info.HwType == ETHER_TYPE && info.HwAddrLen == 6);
	ok(info.MaxTranUnit == 1500);
	ok_mem(info.CurrentNodeAddress, test_pxe_mac, 6);
	ok(info.IntNumber == 0);
	ok(pxe_dispatch(PXENV_UNDI_GET_MCAST_ADDRESS, &mc) ==
	   PXENV_EXIT_SUCCESS);
	ok_mem(mc.MediaAddr, want_mc, 6);

	ok(pxe_dispatch(PXENV_UNDI_CLOSE, &p) == PXENV_EXIT_SUCCESS);
	p.FuncFlag = PXENV_UNDI_ISR_IN_START;
	ok(pxe_dispatch(PXENV_UNDI_ISR, &p) == PXENV_EXIT_FAILURE);
	ok(p.Status == PXENV_STATUS_UNDI_INVALID_STATE);
	test_pxe_down(nd);
}

/* What the NBP learns about the device. */
UNIT_TEST(pxe_undi_information)
{
	struct net_device *nd = test_pxe_up();
	struct s_PXENV_UNDI_GET_NIC_TYPE nic;
	struct s_PXENV_UNDI_GET_IFACE_INFO iface;
	struct s_PXENV_UNDI_GET_STATISTICS st;
	struct s_PXENV_UNDI_SET_STATION_ADDRESS sa = {
		.StationAddress = { 2, 0, 0, 0, 0, 0x0c } };
	struct s_PXENV_STATUS_ONLY none;

	ok(nd != NULL);
	if (!nd)
		return;
	/* Not on PCI: no NIC type to tell. */
	ok(pxe_dispatch(PXENV_UNDI_GET_NIC_TYPE, &nic) == PXENV_EXIT_FAILURE);
	nd->bus.type = NETDEV_BUS_PCI;
	nd->bus.vendor = 0x15b3;
	nd->bus.device = 0x1003;
	nd->bus.bdf = 0x0318;
	ok(pxe_dispatch(PXENV_UNDI_GET_NIC_TYPE, &nic) == PXENV_EXIT_SUCCESS);
	ok(nic.NicType == PCI_NIC);
	ok(nic.info.pci.Vendor_ID == 0x15b3 && nic.info.pci.Dev_ID == 0x1003);
	ok(nic.info.pci.BusDevFunc == 0x0318);

	ok(pxe_dispatch(PXENV_UNDI_GET_IFACE_INFO, &iface) ==
	   PXENV_EXIT_SUCCESS);
	ok_str((char *)iface.IfaceType, "DIX+802.3");
	ok(iface.ServiceFlags & SUPPORTED_BROADCAST);
	ok(!(iface.ServiceFlags & SUPPORTED_IRQ));

	nd->stats.tx_ok = 5;
	nd->stats.rx_ok = 7;
	nd->stats.rx_drop = 2;
	ok(pxe_dispatch(PXENV_UNDI_GET_STATISTICS, &st) == PXENV_EXIT_SUCCESS);
	ok(st.XmtGoodFrames == 5 && st.RcvGoodFrames == 7);
	ok(st.RcvResourceErrors == 2);
	ok(pxe_dispatch(PXENV_UNDI_CLEAR_STATISTICS, &none) ==
	   PXENV_EXIT_SUCCESS);
	pxe_dispatch(PXENV_UNDI_GET_STATISTICS, &st);
	ok(st.XmtGoodFrames == 0 && st.RcvGoodFrames == 0);

	/* A new address only while the device is closed. */
	ok(pxe_dispatch(PXENV_UNDI_SET_STATION_ADDRESS, &sa) ==
	   PXENV_EXIT_FAILURE);
	ok(sa.Status == PXENV_STATUS_UNDI_INVALID_STATE);
	ok(pxe_dispatch(PXENV_UNDI_SHUTDOWN, &none) == PXENV_EXIT_SUCCESS);
	ok(!netdev_is_open(nd));
	ok(pxe_dispatch(PXENV_UNDI_SET_STATION_ADDRESS, &sa) ==
	   PXENV_EXIT_SUCCESS);
	ok(nd->ll_addr[5] == 0x0c);
	nd->bus.type = NETDEV_BUS_NONE;
	test_pxe_down(nd);
}
