/* Unit tests for the iBFT (drivers/block/ibft.c).  The table is read
 * back here with the offsets of the iBFT specification 1.03 written
 * out as numbers, not through the builder's structures, so a wrong
 * offset, length or flag in the builder fails. */
#include <errno.h>
#include <cxboot/ibft.h>
#include <cxboot/pci.h>
#include <cxboot/san.h>
#include <net/ethernet.h>
#include <net/netdevice.h>
#include "test.h"
#include "testdev.h"

/* Spec offsets and lengths. */
#define TABLE_HDR_LEN 48
#define CONTROL_LEN 18
#define INITIATOR_LEN 74
#define NIC_LEN 102
#define TARGET_LEN 54

static uint8_t table[IBFT_MAX_SIZE + 64];

static unsigned int rd16(const uint8_t *p)
{
	return p[0] | p[1] << 8;
}

static unsigned int rd32(const uint8_t *p)
{
	return rd16(p) | rd16(p + 2) << 16;
}

static bool sums_to_zero(const uint8_t *t, size_t len)
{
	uint8_t sum = 0;

	while (len--)
		sum += *t++;
	return sum == 0;
}

/* A 16-byte address field holding IPv4 text as ::ffff:a.b.c.d, or all
 * zero when want is NULL. */
static bool ip_is(const uint8_t *field, const char *want)
{
	static const uint8_t prefix[12] = { [10] = 0xff, [11] = 0xff };
	static const uint8_t zero[16];
	struct in_addr a;

	if (!want)
		return memcmp(field, zero, 16) == 0;
	inet_aton(want, &a);
	return memcmp(field, prefix, 12) == 0 &&
	       memcmp(field + 12, &a.s_addr, 4) == 0;
}

/* The (length, offset) pair at field: absent (0, 0) when want is NULL,
 * else want's bytes in the heap (past every structure: heap_start),
 * followed by a NUL, inside the table. */
static bool string_is(const uint8_t *t, size_t len, size_t heap_start,
		      const uint8_t *field, const char *want)
{
	unsigned int n = rd16(field), off = rd16(field + 2);

	if (!want)
		return n == 0 && off == 0;
	return n == strlen(want) && off >= heap_start && off + n < len &&
	       memcmp(t + off, want, n) == 0 && t[off + n] == 0;
}

/* The structure header at off: id, version 1, length, index, flags;
 * on an 8-byte boundary and inside the table. */
static bool struct_is(const uint8_t *t, size_t len, unsigned int off,
		      unsigned int id, unsigned int slen, unsigned int index,
		      unsigned int flags)
{
	return off && off % 8 == 0 && off + slen <= len && t[off] == id &&
	       t[off + 1] == 1 && rd16(t + off + 2) == slen &&
	       t[off + 4] == index && t[off + 5] == flags;
}

/* Control offsets */
#define C_INITIATOR (TABLE_HDR_LEN + 8)
#define C_NIC(i) (TABLE_HDR_LEN + 10 + 4 * (i))
#define C_TARGET(i) (TABLE_HDR_LEN + 12 + 4 * (i))

static unsigned int ctl(const uint8_t *t, unsigned int field)
{
	return rd16(t + field);
}

/* The end of the last structure the control points at. */
static size_t structures_end(const uint8_t *t)
{
	size_t end = TABLE_HDR_LEN + CONTROL_LEN;
	unsigned int off;

	for (unsigned int f = C_INITIATOR; f < TABLE_HDR_LEN + CONTROL_LEN;
	     f += 2) {
		off = rd16(t + f);
		if (off)
			end = MAX(end, off + (size_t)rd16(t + off + 2));
	}
	return end;
}

static bool table_header_ok(const uint8_t *t, int len)
{
	return len > 0 && memcmp(t, "iBFT", 4) == 0 &&
	       rd32(t + 4) == (unsigned int)len && t[8] == 1 &&
	       memcmp(t + 10, "cxboot", 6) == 0 && sums_to_zero(t, len) &&
	       /* the control structure follows at once, index 0 */
	       struct_is(t, len, TABLE_HDR_LEN, 1, CONTROL_LEN, 0, 0) &&
	       rd16(t + TABLE_HDR_LEN + 6) == 0;   /* no extensions */
}

/* ---- two NICs with settings as DHCP and by hand would leave them ---- */

static struct net_device *nd_dhcp, *nd_static;
static struct generic_settings lease;

static void store_ip(struct settings *s, const struct setting *st,
		     const char *text)
{
	struct in_addr a;

	inet_aton(text, &a);
	store_setting(s, st, &a, 4);
}

static struct net_device *make_nic(uint8_t last, uint32_t bdf)
{
	struct net_device *nd = alloc_etherdev(0);

	if (!nd)
		return NULL;
	nd->op = &test_dev_ops;
	memcpy(nd->hw_addr, (uint8_t[]){ 0x02, 0, 0, 0, 0x0a, last }, 6);
	nd->bus.type = NETDEV_BUS_PCI;
	nd->bus.bdf = bdf;
	if (register_netdev(nd)) {
		netdev_put(nd);
		return NULL;
	}
	return nd;
}

static bool setup_nics(void)
{
	struct in_addr dns[2];
	const struct setting *dhcp_server = find_named_setting("dhcp-server");

	nd_dhcp = make_nic(1, PCI_BDF(0, 3, 0));
	nd_static = make_nic(2, PCI_BDF(0x81, 0x1f, 7));
	if (!nd_dhcp || !nd_static || !dhcp_server)
		return false;
	/* A lease block named as DHCP names it. */
	generic_settings_init(&lease, NULL);
	if (register_settings(&lease.settings, netdev_settings(nd_dhcp),
			      "dhcp"))
		return false;
	store_ip(&lease.settings, &ip_setting, "198.18.0.10");
	store_ip(&lease.settings, &netmask_setting, "255.255.255.0");
	store_ip(&lease.settings, &gateway_setting, "198.18.0.1");
	store_ip(&lease.settings, dhcp_server, "198.18.0.5");
	inet_aton("198.18.0.53", &dns[0]);
	inet_aton("198.18.0.54", &dns[1]);
	store_setting(&lease.settings, &dns_setting, dns, sizeof(dns));
	store_setting(&lease.settings, &hostname_setting, "client1", 7);
	/* Set by hand on the device: a /17, nothing else. */
	store_ip(netdev_settings(nd_static), &ip_setting, "198.19.1.20");
	store_ip(netdev_settings(nd_static), &netmask_setting,
		 "255.255.128.0");
	return true;
}

static void teardown_nics(void)
{
	if (lease.settings.parent) {
		unregister_settings(&lease.settings);
		generic_settings_ops.clear(&lease.settings);
	}
	if (nd_static) {
		delete_setting(netdev_settings(nd_static), &ip_setting);
		delete_setting(netdev_settings(nd_static), &netmask_setting);
	}
	for (unsigned int i = 0; i < 2; i++) {
		struct net_device *nd = i ? nd_static : nd_dhcp;

		if (nd) {
			unregister_netdev(nd);
			netdev_put(nd);
		}
	}
	nd_dhcp = nd_static = NULL;
}

static const struct iscsi_description plain = {
	.target = { 0 },   /* set in the tests */
	.port = 3260,
	.lun = { 0x00, 0x01 },
	.target_name = "iqn.2026-01.test.cxboot:disk1",
	.initiator_name = "iqn.2026-01.test.cxboot:client",
};

static struct iscsi_description desc(struct net_device *nd,
				     const char *target, uint16_t port)
{
	struct iscsi_description d = plain;

	d.netdev = nd;
	inet_aton(target, &d.target);
	d.port = port;
	return d;
}

/* NIC at off: everything the settings of nd_dhcp say. */
static void check_dhcp_nic(const uint8_t *t, size_t len, size_t heap,
			   unsigned int off, unsigned int index)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0x0a, 1 };

	ok(struct_is(t, len, off, 3, NIC_LEN, index, 0x07));
	ok(ip_is(t + off + 6, "198.18.0.10"));
	ok(t[off + 22] == 24);                 /* prefix */
	ok(t[off + 23] == 3);                  /* origin: DHCP */
	ok(ip_is(t + off + 24, "198.18.0.1"));
	ok(ip_is(t + off + 40, "198.18.0.53"));
	ok(ip_is(t + off + 56, "198.18.0.54"));
	ok(ip_is(t + off + 72, "198.18.0.5"));
	ok(rd16(t + off + 88) == 0);           /* VLAN */
	ok_mem(t + off + 90, mac, 6);
	ok(rd16(t + off + 96) == 0x0018);      /* 00:03.0 */
	ok(string_is(t, len, heap, t + off + 98, "client1"));
}

static void check_static_nic(const uint8_t *t, size_t len, size_t heap,
			     unsigned int off, unsigned int index)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0x0a, 2 };

	ok(struct_is(t, len, off, 3, NIC_LEN, index, 0x07));
	ok(ip_is(t + off + 6, "198.19.1.20"));
	ok(t[off + 22] == 17);
	ok(t[off + 23] == 1);                  /* origin: manual */
	ok(ip_is(t + off + 24, NULL));
	ok(ip_is(t + off + 40, NULL));
	ok(ip_is(t + off + 56, NULL));
	ok(ip_is(t + off + 72, NULL));
	ok_mem(t + off + 90, mac, 6);
	ok(rd16(t + off + 96) == 0x81ff);      /* 81:1f.7 */
	ok(string_is(t, len, heap, t + off + 98, NULL));
}

/* Target at off: its fields against d. */
static void check_target(const uint8_t *t, size_t len, size_t heap,
			 unsigned int off, unsigned int index,
			 const struct iscsi_description *d, const char *ip,
			 unsigned int nic, unsigned int chap_type)
{
	ok(struct_is(t, len, off, 4, TARGET_LEN, index, 0x03));
	ok(ip_is(t + off + 6, ip));
	ok(rd16(t + off + 22) == d->port);
	ok_mem(t + off + 24, d->lun, 8);
	ok(t[off + 32] == chap_type);
	ok(t[off + 33] == nic);
	ok(string_is(t, len, heap, t + off + 34, d->target_name));
	ok(string_is(t, len, heap, t + off + 38,
		     chap_type ? d->chap_user : NULL));
	ok(string_is(t, len, heap, t + off + 42,
		     chap_type ? d->chap_secret : NULL));
	ok(string_is(t, len, heap, t + off + 46,
		     chap_type == 2 ? d->reverse_user : NULL));
	ok(string_is(t, len, heap, t + off + 50,
		     chap_type == 2 ? d->reverse_secret : NULL));
}

static void check_initiator(const uint8_t *t, size_t len, size_t heap,
			    const char *name)
{
	unsigned int off = ctl(t, C_INITIATOR);

	ok(struct_is(t, len, off, 2, INITIATOR_LEN, 0, 0x03));
	for (unsigned int i = 0; i < 4; i++)
		ok(ip_is(t + off + 6 + 16 * i, NULL));
	ok(string_is(t, len, heap, t + off + 70, name));
}

/* One target, no CHAP. */
static void check_one_target(void)
{
	struct iscsi_description d = desc(nd_dhcp, "198.18.0.2", 3260);
	int len = ibft_build(table, sizeof(table), &d, 1);
	size_t heap;

	ok(table_header_ok(table, len));
	if (!table_header_ok(table, len))
		return;
	heap = structures_end(table);
	check_initiator(table, len, heap, plain.initiator_name);
	check_dhcp_nic(table, len, heap, ctl(table, C_NIC(0)), 0);
	check_target(table, len, heap, ctl(table, C_TARGET(0)), 0, &d,
		     "198.18.0.2", 0, 0);
	ok(ctl(table, C_NIC(1)) == 0 && ctl(table, C_TARGET(1)) == 0);
	/* The structures do not overlap and come in the spec's order. */
	ok(ctl(table, C_INITIATOR) >= TABLE_HDR_LEN + CONTROL_LEN);
	ok(ctl(table, C_NIC(0)) >= ctl(table, C_INITIATOR) + INITIATOR_LEN);
	ok(ctl(table, C_TARGET(0)) >= ctl(table, C_NIC(0)) + NIC_LEN);
	/* Nothing past the last string. */
	ok(table[len - 1] == 0);
}

UNIT_TEST(ibft_single_target)
{
	ok(setup_nics());
	if (nd_dhcp && nd_static && lease.settings.parent)
		check_one_target();
	teardown_nics();
}

/* Two targets on two NICs: CHAP one way on the first, mutual on the
 * second. */
static void check_two_targets(void)
{
	struct iscsi_description d[2] = {
		desc(nd_dhcp, "198.18.0.2", 3260),
		desc(nd_static, "198.19.0.3", 3261),
	};
	size_t heap;
	int len;

	d[0].chap_user = "alice";
	d[0].chap_secret = "alicesecret1";
	d[0].reverse_user = NULL;
	d[1].target_name = "iqn.2026-01.test.cxboot:disk2";
	d[1].lun[0] = 0x40;
	d[1].lun[1] = 0x05;
	d[1].lun[7] = 0x99;
	d[1].chap_user = "bob";
	d[1].chap_secret = "bobsecret123";
	d[1].reverse_user = "target2";
	d[1].reverse_secret = "targetsecret2";
	len = ibft_build(table, sizeof(table), d, 2);
	ok(table_header_ok(table, len));
	if (!table_header_ok(table, len))
		return;
	heap = structures_end(table);
	check_initiator(table, len, heap, plain.initiator_name);
	check_dhcp_nic(table, len, heap, ctl(table, C_NIC(0)), 0);
	check_static_nic(table, len, heap, ctl(table, C_NIC(1)), 1);
	check_target(table, len, heap, ctl(table, C_TARGET(0)), 0, &d[0],
		     "198.18.0.2", 0, 1);
	check_target(table, len, heap, ctl(table, C_TARGET(1)), 1, &d[1],
		     "198.19.0.3", 1, 2);

	/* Both on one NIC: one NIC structure, both targets point at it. */
	d[1].netdev = nd_dhcp;
	len = ibft_build(table, sizeof(table), d, 2);
	ok(table_header_ok(table, len));
	heap = structures_end(table);
	ok(ctl(table, C_NIC(1)) == 0);
	check_dhcp_nic(table, len, heap, ctl(table, C_NIC(0)), 0);
	check_target(table, len, heap, ctl(table, C_TARGET(1)), 1, &d[1],
		     "198.19.0.3", 0, 2);
}

UNIT_TEST(ibft_two_targets)
{
	ok(setup_nics());
	if (nd_dhcp && nd_static && lease.settings.parent)
		check_two_targets();
	teardown_nics();
}

/* Bad requests, and every buffer too small: refused, with nothing
 * written past the end. */
static void check_limits(void)
{
	struct iscsi_description d[3] = {
		desc(nd_dhcp, "198.18.0.2", 3260),
		desc(nd_dhcp, "198.18.0.3", 3260),
		desc(nd_dhcp, "198.18.0.4", 3260),
	};
	bool clean = true, refused = true;
	int full;

	ok(ibft_build(table, sizeof(table), d, 0) == -EINVAL);
	ok(ibft_build(table, sizeof(table), d, 3) == -EINVAL);
	d[1].netdev = NULL;
	ok(ibft_build(table, sizeof(table), d, 2) == -EINVAL);
	d[1].netdev = nd_dhcp;
	full = ibft_build(table, sizeof(table), d, 2);
	ok(full > 0);
	for (int n = 0; n < full; n++) {
		memset(table, 0xa5, sizeof(table));
		refused = refused && ibft_build(table, n, d, 2) == -ENOSPC;
		for (size_t i = n; i < sizeof(table); i++)
			clean = clean && table[i] == 0xa5;
	}
	ok(refused);
	ok(clean);
	ok(ibft_build(table, full, d, 2) == full);
}

UNIT_TEST(ibft_limits)
{
	ok(setup_nics());
	if (nd_dhcp && nd_static && lease.settings.parent)
		check_limits();
	teardown_nics();
}

/* ---- the hooked drives: a stand-in block device that describes
 * itself, plugged into san_device ends as an opened path would be ---- */

struct fake_disk {
	struct san_device san;
	struct xfer end;
	struct san_description desc;
	int describe_rc;
};

static int fake_describe(struct xfer *x, struct san_description *desc)
{
	struct fake_disk *f = container_of(x, struct fake_disk, end);

	*desc = f->desc;
	return f->describe_rc;
}

static const struct xfer_ops fake_ops = { .block_describe = fake_describe };
static const struct xfer_ops san_end_ops = { 0 };

static void fake_hook(struct fake_disk *f, unsigned int drive,
		      unsigned int flags, const struct iscsi_description *d)
{
	memset(f, 0, sizeof(*f));
	ref_init(&f->san.refcnt, NULL);
	xfer_init(&f->san.block, &san_end_ops, NULL);
	xfer_init(&f->end, &fake_ops, NULL);
	xfer_plug(&f->san.block, &f->end);
	f->san.drive = drive;
	f->san.flags = flags;
	if (d) {
		f->desc.kind = SAN_KIND_ISCSI;
		f->desc.iscsi = *d;
	} else {
		f->describe_rc = -ENOTSUP;   /* e.g. an HTTP disk */
	}
	list_add_tail(&f->san.list, &san_devices);
}

static bool contains(const uint8_t *t, size_t len, const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(t + i, s, n) == 0)
			return true;
	return false;
}

static void check_san_drives(void)
{
	struct iscsi_description d[3] = {
		desc(nd_dhcp, "198.18.0.2", 3260),
		desc(nd_static, "198.19.0.3", 3261),
		desc(nd_dhcp, "198.18.0.9", 3262),
	};
	struct fake_disk disks[5];
	size_t heap;
	int len;

	d[0].target_name = "iqn.2026-01.test.cxboot:hidden";
	d[1].target_name = "iqn.2026-01.test.cxboot:second";
	/* Nothing hooked, or nothing to describe: no table. */
	ok(ibft_build_san(table, sizeof(table)) == 0);
	fake_hook(&disks[0], 0x80, SAN_NO_DESCRIBE, &d[0]);
	fake_hook(&disks[1], 0x81, 0, NULL);
	ok(ibft_build_san(table, sizeof(table)) == 0);
	/* Then two described iSCSI drives and one more beyond the
	 * table's slots. */
	fake_hook(&disks[2], 0x82, 0, &d[1]);
	fake_hook(&disks[3], 0x83, 0, &d[2]);
	fake_hook(&disks[4], 0x84, 0, &d[0]);
	len = ibft_build_san(table, sizeof(table));
	ok(table_header_ok(table, len));
	if (table_header_ok(table, len)) {
		heap = structures_end(table);
		check_static_nic(table, len, heap, ctl(table, C_NIC(0)), 0);
		check_dhcp_nic(table, len, heap, ctl(table, C_NIC(1)), 1);
		check_target(table, len, heap, ctl(table, C_TARGET(0)), 0,
			     &d[1], "198.19.0.3", 0, 0);
		check_target(table, len, heap, ctl(table, C_TARGET(1)), 1,
			     &d[2], "198.18.0.9", 1, 0);
		ok(!contains(table, len, "hidden"));
	}
	for (unsigned int i = 0; i < ARRAY_SIZE(disks); i++) {
		list_del(&disks[i].san.list);
		xfer_unplug(&disks[i].end);
	}
}

UNIT_TEST(ibft_san_drives)
{
	ok(setup_nics());
	if (nd_dhcp && nd_static && lease.settings.parent)
		check_san_drives();
	teardown_nics();
}
