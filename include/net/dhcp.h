/* DHCP client (RFC 2131/2132) with the PXE extensions and ProxyDHCP.
 * The lease appears as the settings block netN.dhcp (and
 * netN.proxydhcp), so every received option is a setting.
 *
 * Besides start_dhcp(), the packet codec is exported as pure functions
 * (no I/O, no global state) for unit tests and fuzzing: option walking,
 * validation, lookup by settings tag, and the request builder. */
#ifndef NET_DHCP_H
#define NET_DHCP_H
#include <cxboot/job.h>
#include <cxboot/settings.h>
#include <net/in.h>
#include <net/netdevice.h>

/* Configure netdev by DHCP.  job finishes with 0 or an error; the caller
 * waits with job_wait(), which may cancel it. */
int start_dhcp(struct job *job, struct net_device *netdev);

/* ---- Wire format ---- */

#define DHCP_SERVER_PORT 67
#define DHCP_CLIENT_PORT 68
#define PXE_SERVER_PORT 4011     /* ProxyDHCP requests after the lease */

#define BOOTP_REQUEST 1
#define BOOTP_REPLY 2
#define DHCP_HTYPE_ETHER 1
#define DHCP_MAGIC 0x63825363U   /* host order; network order on the wire */
#define DHCP_FLAG_BROADCAST 0x8000

struct dhcphdr {
	uint8_t op;
	uint8_t htype;
	uint8_t hlen;
	uint8_t hops;
	uint32_t xid;
	uint16_t secs;
	uint16_t flags;
	struct in_addr ciaddr;
	struct in_addr yiaddr;
	struct in_addr siaddr;
	struct in_addr giaddr;
	uint8_t chaddr[16];
	char sname[64];
	char file[128];
	uint32_t magic;
	uint8_t options[];
} __packed;

/* Shortest packet we accept (fixed header and magic cookie), and the
 * shortest we send (BOOTP's 300 bytes: some relays drop less). */
#define DHCP_MIN_LEN 240
#define BOOTP_MIN_LEN 300
/* What we announce in option 57: an Ethernet MTU less IP and UDP. */
#define DHCP_MAX_MSG_LEN 1472

/* Message types (option 53) */
#define DHCPDISCOVER 1
#define DHCPOFFER 2
#define DHCPREQUEST 3
#define DHCPDECLINE 4
#define DHCPACK 5
#define DHCPNAK 6
#define DHCPRELEASE 7
#define DHCPINFORM 8

/* Option codes */
#define DHCP_OPT_PAD 0
#define DHCP_OPT_NETMASK 1
#define DHCP_OPT_ROUTERS 3
#define DHCP_OPT_DNS 6
#define DHCP_OPT_LOG_SERVERS 7
#define DHCP_OPT_HOSTNAME 12
#define DHCP_OPT_DOMAIN 15
#define DHCP_OPT_ROOT_PATH 17
#define DHCP_OPT_MTU 26
#define DHCP_OPT_NTP 42
#define DHCP_OPT_VENDOR 43
#define DHCP_OPT_REQUESTED_IP 50
#define DHCP_OPT_LEASE_TIME 51
#define DHCP_OPT_OVERLOAD 52
#define DHCP_OPT_MSG_TYPE 53
#define DHCP_OPT_SERVER_ID 54
#define DHCP_OPT_PARAM_LIST 55
#define DHCP_OPT_MAX_MSG_SIZE 57
#define DHCP_OPT_VENDOR_CLASS 60
#define DHCP_OPT_CLIENT_ID 61
#define DHCP_OPT_TFTP_SERVER 66
#define DHCP_OPT_BOOTFILE 67
#define DHCP_OPT_USER_CLASS 77
#define DHCP_OPT_CLIENT_ARCH 93
#define DHCP_OPT_CLIENT_NDI 94
#define DHCP_OPT_CLIENT_UUID 97
#define DHCP_OPT_DOMAIN_SEARCH 119
#define DHCP_OPT_CLASSLESS_ROUTES 121
#define DHCP_OPT_EB 175          /* iPXE-style encapsulated options */
#define DHCP_OPT_ISCSI_IQN 203
#define DHCP_OPT_PXELINUX_CONFIG 209
#define DHCP_OPT_PXELINUX_PREFIX 210
#define DHCP_OPT_END 255

/* Option 52: which fixed fields carry more options */
#define DHCP_OVERLOAD_FILE 1
#define DHCP_OVERLOAD_SNAME 2

/* Sub-options of option 175 that servers set or test */
#define EB_OPT_PRIORITY 1        /* int8: higher offer wins */
#define EB_OPT_KEEP_SAN 8
#define EB_OPT_NO_PXEDHCP 176    /* skip the ProxyDHCP request */
#define EB_OPT_VERSION 235       /* major, minor, patch */
/* Feature flags (value: 1 byte); servers test their presence */
#define EB_FEATURE_PXE_EXT 16
#define EB_FEATURE_ISCSI 17
#define EB_FEATURE_HTTP 19
#define EB_FEATURE_TFTP 21
#define EB_FEATURE_DNS 23
#define EB_FEATURE_BZIMAGE 24
#define EB_FEATURE_PXE 33        /* PXE NBP image format */

/* The vendor class announced in option 60 (PXE spec: arch 0 = x86 BIOS,
 * UNDI 2.1) */
#define DHCP_PXE_VENDOR_CLASS "PXEClient:Arch:00000:UNDI:002001"

/* Sibling order of the two blocks under the device: "proxydhcp" is
 * searched first, so its boot filename beats the address server's. */
#define DHCP_SETTINGS_ORDER 0
#define PROXYDHCP_SETTINGS_ORDER (-1)

/* ---- Option codec (net/dhcpopts.c) ---- */

/* One option as found in a buffer. */
struct dhcp_option {
	uint8_t code;
	uint8_t len;
	const uint8_t *data;
};

/* Read the option at *pos (skipping pads) and advance past it.
 * Returns 1 with opt filled in, 0 at the end option or at end, or
 * -EINVAL when the option runs past end. */
int dhcp_next_option(const uint8_t **pos, const uint8_t *end,
		     struct dhcp_option *opt);

/* Check a received packet: length, magic cookie, Ethernet hardware
 * type and length, every option area well formed, option 52 valid and
 * only in the options field.  0 or -EINVAL. */
int dhcp_validate(const void *pkt, size_t len);

/* Copy option tag (a code, or DHCP_ENCAP_TAG(outer, inner)) into buf,
 * searching the options field and then the file and sname fields when
 * option 52 says they carry options.  Several instances of one code
 * are joined (RFC 3396).  Returns the full length (may exceed buflen),
 * -ENOENT, -EINVAL (malformed) or -ENOMEM. */
int dhcp_fetch_option(const void *pkt, size_t len, unsigned int tag,
		      void *buf, size_t buflen);

/* What the settings block answers for tag: options as above; TAG_YIADDR
 * and TAG_SIADDR (absent when zero); TAG_FILE and 67 (option 67, else
 * the file field); 66 (option 66, else the sname field).  Text fields
 * lose their trailing NULs.  Returns the full length or -ENOENT. */
int dhcp_packet_setting(const void *pkt, size_t len, unsigned int tag,
			void *buf, size_t buflen);

/* Appending options to a packet under construction. */
struct dhcp_writer {
	uint8_t *pos, *end;
	int rc;                  /* -ENOSPC once anything did not fit */
};
static inline void dhcp_writer_init(struct dhcp_writer *w, void *buf,
				    size_t len)
{
	w->pos = buf;
	w->end = w->pos + len;
	w->rc = 0;
}
void dhcp_put_option(struct dhcp_writer *w, uint8_t code, const void *data,
		     size_t len);

/* ---- Packets and settings (net/dhcp.c) ---- */

/* What varies between the requests we send. */
struct dhcp_tx_params {
	uint8_t type;                /* DHCPDISCOVER or DHCPREQUEST */
	uint32_t xid;                /* copied as is */
	uint16_t secs;               /* seconds since we started */
	const uint8_t *mac;          /* 6 bytes */
	const uint8_t *uuid;         /* 16 bytes, for option 97 */
	struct in_addr ciaddr;       /* our address (ProxyDHCP), else 0 */
	struct in_addr requested;    /* option 50, left out when 0 */
	struct in_addr server;       /* option 54, left out when 0 */
};

/* Build a request into buf.  Returns its length or -ENOSPC. */
int dhcp_build_packet(void *buf, size_t len, const struct dhcp_tx_params *p);

/* True for an offer from a ProxyDHCP server: no address, and a vendor
 * class starting "PXEClient". */
bool dhcp_is_proxy_offer(const void *pkt, size_t len);

/* A read-only block answering dhcp_packet_setting() from a private copy
 * of pkt.  The caller holds one reference (drop it with
 * ref_put(s->refcnt)); NULL when out of memory. */
struct settings *dhcp_create_settings(const void *pkt, size_t len,
				      int order);

/* The packet behind the device's block name ("dhcp": the DHCPACK,
 * "proxydhcp": the ProxyDHCP answer) exactly as it came, or NULL; valid
 * while that block stays registered (the PXE API hands it to NBPs). */
const void *dhcp_packet(struct net_device *netdev, const char *name,
			size_t *len);

/* Option 97's UUID for netdev (16 bytes): the machine's, else one made
 * from the MAC. */
void dhcp_client_uuid(struct net_device *netdev, uint8_t *uuid);

#endif
