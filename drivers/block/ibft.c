/* Building the iSCSI Boot Firmware Table.
 *
 * Layout (iBFT specification 1.03): a 48-byte ACPI-style table header,
 * then the control, initiator, NIC and target structures, each on an
 * 8-byte boundary and each with a 6-byte structure header, then a heap
 * of strings.  A structure points at a string by (length, offset from
 * the start of the table); every string is followed by a NUL that the
 * length does not count; an absent string is (0, 0).  Addresses are 16
 * bytes, IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d); absent ones are all
 * zero.  Multi-byte numbers are little-endian.  The bytes of the whole
 * table sum to zero. */
#include <errno.h>
#include <string.h>
#include <byteswap.h>
#include <config/branding.h>
#include <cxboot/ibft.h>
#include <cxboot/san.h>
#include <cxboot/settings.h>
#include <net/ip.h>
#include <net/netdevice.h>

struct ibft_table_header {
	char signature[4];
	uint32_t length;
	uint8_t revision;
	uint8_t checksum;
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
	uint8_t reserved[12];
} __packed;

struct ibft_header {
	uint8_t id;
	uint8_t version;
	uint16_t length;
	uint8_t index;
	uint8_t flags;
} __packed;

struct ibft_string {
	uint16_t length;
	uint16_t offset;
} __packed;

struct ibft_control {
	struct ibft_header hdr;
	uint16_t extensions;
	uint16_t initiator;
	struct {
		uint16_t nic, target;
	} __packed slot[IBFT_MAX_TARGETS];
} __packed;

struct ibft_initiator {
	struct ibft_header hdr;
	uint8_t isns_server[16];
	uint8_t slp_server[16];
	uint8_t radius_server[2][16];
	struct ibft_string name;
} __packed;

struct ibft_nic {
	struct ibft_header hdr;
	uint8_t ip[16];
	uint8_t prefix_len;
	uint8_t origin;
	uint8_t gateway[16];
	uint8_t dns[2][16];
	uint8_t dhcp_server[16];
	uint16_t vlan;
	uint8_t mac[6];
	uint16_t pci_bdf;
	struct ibft_string hostname;
} __packed;

struct ibft_target {
	struct ibft_header hdr;
	uint8_t ip[16];
	uint16_t port;
	uint8_t lun[8];
	uint8_t chap_type;
	uint8_t nic;
	struct ibft_string name;
	struct ibft_string chap_name, chap_secret;
	struct ibft_string reverse_name, reverse_secret;
} __packed;

/* Linux refuses structures whose length is not exactly the spec's. */
_Static_assert(sizeof(struct ibft_table_header) == 48, "table header");
_Static_assert(sizeof(struct ibft_control) == 18, "control");
_Static_assert(sizeof(struct ibft_initiator) == 74, "initiator");
_Static_assert(sizeof(struct ibft_nic) == 102, "nic");
_Static_assert(sizeof(struct ibft_target) == 54, "target");

enum { IBFT_CONTROL = 1, IBFT_INITIATOR = 2, IBFT_NIC = 3, IBFT_TARGET = 4 };

#define IBFT_VALID 0x01
#define IBFT_BOOT_SELECTED 0x02
#define IBFT_NIC_GLOBAL 0x04        /* the address is not link-local */

#define IBFT_CHAP_NONE 0
#define IBFT_CHAP_ONE_WAY 1
#define IBFT_CHAP_MUTUAL 2

/* Where the NIC's address came from (Windows' NL_PREFIX_ORIGIN). */
#define IBFT_ORIGIN_MANUAL 1
#define IBFT_ORIGIN_DHCP 3

/* The table being built in buf[0..len): used bytes so far. */
struct ibft_builder {
	uint8_t *buf;
	size_t len, used;
};

/* Zeroed room for a structure at the next 8-byte boundary. */
static void *place(struct ibft_builder *b, size_t size)
{
	size_t at = (b->used + 7) & ~(size_t)7;
	void *p;

	if (at > b->len || size > b->len - at)
		return NULL;
	memset(b->buf + b->used, 0, at + size - b->used);
	p = b->buf + at;
	b->used = at + size;
	return p;
}

static uint16_t offset_of(const struct ibft_builder *b, const void *p)
{
	return cpu_to_le16((const uint8_t *)p - b->buf);
}

/* Put s (NULL or empty: absent) on the heap and point field at it. */
static int add_string(struct ibft_builder *b, struct ibft_string *field,
		      const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (!n)
		return 0;
	if (n + 1 > b->len - b->used || b->used + n + 1 > 0xffff)
		return -ENOSPC;
	memcpy(b->buf + b->used, s, n + 1);
	field->length = cpu_to_le16(n);
	field->offset = cpu_to_le16(b->used);
	b->used += n + 1;
	return 0;
}

static void put_ipv4(uint8_t *field, struct in_addr addr)
{
	if (addr.s_addr == INADDR_ANY)
		return;
	field[10] = field[11] = 0xff;
	memcpy(field + 12, &addr.s_addr, 4);
}

static void header(struct ibft_header *hdr, uint8_t id, size_t length,
		   unsigned int index, uint8_t flags)
{
	hdr->id = id;
	hdr->version = 1;
	hdr->length = cpu_to_le16(length);
	hdr->index = index;
	hdr->flags = flags;
}

static uint8_t prefix_len(struct in_addr netmask)
{
	uint32_t m = ntohl(netmask.s_addr);
	uint8_t n = 0;

	while (m & 0x80000000) {
		m <<= 1;
		n++;
	}
	return n;
}

/* The named IPv4 setting of nd, or 0.0.0.0. */
static struct in_addr fetch_addr(struct net_device *nd, const char *name)
{
	const struct setting *st = find_named_setting(name);
	uint32_t v;

	if (!st || fetch_ipv4_setting(netdev_settings(nd), st, &v) < 4)
		v = INADDR_ANY;
	return (struct in_addr){ v };
}

static uint8_t address_origin(struct net_device *nd)
{
	struct setting st = ip_setting;
	struct settings *origin;

	if (fetch_setting(netdev_settings(nd), &st, &origin, NULL, 0) >= 0 &&
	    strcmp(origin->name, "dhcp") == 0)
		return IBFT_ORIGIN_DHCP;
	return IBFT_ORIGIN_MANUAL;
}

/* The NIC as its settings describe it now. */
static int fill_nic(struct ibft_builder *b, struct ibft_nic *nic,
		    unsigned int index, struct net_device *nd)
{
	struct in_addr addr, netmask, gateway, dns[2] = { { 0 }, { 0 } };
	struct setting dns_st = dns_setting;
	char hostname[256];
	uint8_t flags = IBFT_VALID | IBFT_BOOT_SELECTED;

	if (ipv4_route_info(nd, &addr, &netmask, &gateway) == 0) {
		put_ipv4(nic->ip, addr);
		nic->prefix_len = prefix_len(netmask);
		put_ipv4(nic->gateway, gateway);
		if ((ntohl(addr.s_addr) >> 16) != 0xa9fe)   /* 169.254/16 */
			flags |= IBFT_NIC_GLOBAL;
	}
	header(&nic->hdr, IBFT_NIC, sizeof(*nic), index, flags);
	nic->origin = address_origin(nd);
	/* Option 6 is a list: the first two are primary and secondary. */
	fetch_setting(netdev_settings(nd), &dns_st, NULL, dns, sizeof(dns));
	put_ipv4(nic->dns[0], dns[0]);
	put_ipv4(nic->dns[1], dns[1]);
	if (nic->origin == IBFT_ORIGIN_DHCP)
		put_ipv4(nic->dhcp_server, fetch_addr(nd, "dhcp-server"));
	if (nd->ll_protocol && nd->ll_protocol->ll_addr_len == sizeof(nic->mac))
		memcpy(nic->mac, nd->ll_addr, sizeof(nic->mac));
	if (nd->bus.type == NETDEV_BUS_PCI)
		nic->pci_bdf = cpu_to_le16(nd->bus.bdf);
	if (fetch_string_setting(netdev_settings(nd), &hostname_setting,
				 hostname, sizeof(hostname)) < 0)
		hostname[0] = '\0';
	return add_string(b, &nic->hostname, hostname);
}

static int fill_target(struct ibft_builder *b, struct ibft_target *t,
		       unsigned int index, unsigned int nic,
		       const struct iscsi_description *d)
{
	bool chap = d->chap_user != NULL;
	bool mutual = chap && d->reverse_user != NULL;
	int rc;

	header(&t->hdr, IBFT_TARGET, sizeof(*t), index,
	       IBFT_VALID | IBFT_BOOT_SELECTED);
	put_ipv4(t->ip, d->target);
	t->port = cpu_to_le16(d->port);
	memcpy(t->lun, d->lun, sizeof(t->lun));
	t->chap_type = mutual ? IBFT_CHAP_MUTUAL
			      : chap ? IBFT_CHAP_ONE_WAY : IBFT_CHAP_NONE;
	t->nic = nic;
	rc = add_string(b, &t->name, d->target_name);
	if (rc == 0 && chap)
		rc = add_string(b, &t->chap_name, d->chap_user);
	if (rc == 0 && chap)
		rc = add_string(b, &t->chap_secret, d->chap_secret);
	if (rc == 0 && mutual)
		rc = add_string(b, &t->reverse_name, d->reverse_user);
	if (rc == 0 && mutual)
		rc = add_string(b, &t->reverse_secret, d->reverse_secret);
	return rc;
}

static void copy_padded(char *dst, size_t size, const char *src)
{
	memset(dst, 0, size);
	memcpy(dst, src, MIN(strlen(src), size));
}

static void finish_table(struct ibft_builder *b, struct ibft_table_header *t)
{
	uint8_t sum = 0;

	memcpy(t->signature, "iBFT", 4);
	t->length = cpu_to_le32(b->used);
	t->revision = 1;
	copy_padded(t->oem_id, sizeof(t->oem_id), PRODUCT_SHORT_NAME);
	copy_padded(t->oem_table_id, sizeof(t->oem_table_id),
		    PRODUCT_SHORT_NAME);
	for (size_t i = 0; i < b->used; i++)
		sum += b->buf[i];
	t->checksum = -sum;
}

/* The distinct NICs of descs, and which one each session uses. */
static unsigned int collect_nics(const struct iscsi_description *descs,
				 unsigned int n, struct net_device **nics,
				 unsigned int *nic_of)
{
	unsigned int nnics = 0, j;

	for (unsigned int i = 0; i < n; i++) {
		for (j = 0; j < nnics && nics[j] != descs[i].netdev; j++)
			;
		if (j == nnics)
			nics[nnics++] = descs[i].netdev;
		nic_of[i] = j;
	}
	return nnics;
}

int ibft_build(void *buf, size_t len,
	       const struct iscsi_description *descs, unsigned int n)
{
	struct ibft_builder b = { buf, len, 0 };
	struct net_device *nics[IBFT_MAX_TARGETS];
	unsigned int nic_of[IBFT_MAX_TARGETS], nnics, i;
	struct ibft_nic *nic[IBFT_MAX_TARGETS];
	struct ibft_target *target[IBFT_MAX_TARGETS];
	struct ibft_table_header *table;
	struct ibft_control *control;
	struct ibft_initiator *initiator;
	const char *initiator_name = NULL;
	int rc;

	if (!n || n > IBFT_MAX_TARGETS)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (!descs[i].netdev)
			return -EINVAL;
		if (!initiator_name)
			initiator_name = descs[i].initiator_name;
	}
	nnics = collect_nics(descs, n, nics, nic_of);

	/* The structures first, so that the heap follows them all. */
	table = place(&b, sizeof(*table));
	control = place(&b, sizeof(*control));
	initiator = place(&b, sizeof(*initiator));
	if (!table || !control || !initiator)
		return -ENOSPC;
	for (i = 0; i < nnics; i++) {
		nic[i] = place(&b, sizeof(*nic[i]));
		if (!nic[i])
			return -ENOSPC;
	}
	for (i = 0; i < n; i++) {
		target[i] = place(&b, sizeof(*target[i]));
		if (!target[i])
			return -ENOSPC;
	}

	header(&control->hdr, IBFT_CONTROL, sizeof(*control), 0, 0);
	control->initiator = offset_of(&b, initiator);
	header(&initiator->hdr, IBFT_INITIATOR, sizeof(*initiator), 0,
	       IBFT_VALID | IBFT_BOOT_SELECTED);
	rc = add_string(&b, &initiator->name, initiator_name);
	for (i = 0; rc == 0 && i < nnics; i++) {
		control->slot[i].nic = offset_of(&b, nic[i]);
		rc = fill_nic(&b, nic[i], i, nics[i]);
	}
	for (i = 0; rc == 0 && i < n; i++) {
		control->slot[i].target = offset_of(&b, target[i]);
		rc = fill_target(&b, target[i], i, nic_of[i], &descs[i]);
	}
	if (rc)
		return rc;
	finish_table(&b, table);
	return b.used;
}

int ibft_build_san(void *buf, size_t len)
{
	struct iscsi_description descs[IBFT_MAX_TARGETS];
	struct san_description d;
	struct san_device *s;
	unsigned int n = 0;

	list_for_each_entry(s, &san_devices, list) {
		if (n == IBFT_MAX_TARGETS)
			break;
		if (s->flags & SAN_NO_DESCRIBE)
			continue;
		if (san_describe(s, &d) == 0 && d.kind == SAN_KIND_ISCSI &&
		    d.iscsi.netdev)
			descs[n++] = d.iscsi;
	}
	return n ? ibft_build(buf, len, descs, n) : 0;
}
