/* DHCP client: DISCOVER, OFFER, REQUEST, ACK (RFC 2131) carrying the
 * options PXE and iPXE-aware servers look for, and, when a ProxyDHCP
 * server offered boot information, a request to it on port 4011 (PXE
 * spec 2.1).  The lease becomes the read-only settings block netN.dhcp
 * and the ProxyDHCP answer netN.proxydhcp.
 *
 * Also offers the request builder and the settings block as separate
 * functions (see include/net/dhcp.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <byteswap.h>
#include <config/general.h>
#include <cxboot/refcnt.h>
#include <cxboot/timer.h>
#include <net/ethernet.h>
#include <net/udp.h>
#include <net/dhcp.h>

#ifndef VERSION
#define VERSION "0.0.0"
#endif

/* Retransmission: 1 s doubling to 8 s.  RFC 2131 §4.1 starts at 4 s;
 * a boot firmware has someone waiting and a lost first packet (a link
 * still settling) is common. */
#define DHCP_MIN_INTERVAL (1 * TICKS_PER_SEC)
#define DHCP_MAX_INTERVAL (8 * TICKS_PER_SEC)
/* After the first address offer, how long a ProxyDHCP server has to
 * make itself known before we request the address. */
#define DHCP_OFFER_WAIT (1 * TICKS_PER_SEC)
/* How long the ProxyDHCP server gets in all to answer on port 4011. */
#define DHCP_PROXY_TIMEOUT (3 * TICKS_PER_SEC)
/* While the link is down nothing gets out; look at it this often. */
#define DHCP_LINK_POLL (TICKS_PER_SEC / 10)
/* Room for any request we build. */
#define DHCP_TX_LEN 576

PROTO_STATS(dhcp_stats, "dhcp");

/* Option 55.  pxelinux's 209/210 and iPXE's 175/203 are listed so that
 * servers which send only what was asked for still send them. */
static const uint8_t param_list[] = {
	DHCP_OPT_NETMASK, DHCP_OPT_ROUTERS, DHCP_OPT_DNS,
	DHCP_OPT_LOG_SERVERS, DHCP_OPT_HOSTNAME, DHCP_OPT_DOMAIN,
	DHCP_OPT_ROOT_PATH, DHCP_OPT_MTU, DHCP_OPT_NTP, DHCP_OPT_VENDOR,
	DHCP_OPT_VENDOR_CLASS, DHCP_OPT_TFTP_SERVER, DHCP_OPT_BOOTFILE,
	DHCP_OPT_DOMAIN_SEARCH, DHCP_OPT_CLASSLESS_ROUTES,
	128, 129, 130, 131, 132, 133, 134, 135,   /* PXE vendor-specific */
	DHCP_OPT_EB, DHCP_OPT_ISCSI_IQN,
	DHCP_OPT_PXELINUX_CONFIG, DHCP_OPT_PXELINUX_PREFIX,
};

/* What we can do, announced inside option 175 (each with value 1). */
static const uint8_t eb_features[] = {
	EB_FEATURE_PXE_EXT, EB_FEATURE_ISCSI, EB_FEATURE_HTTP,
	EB_FEATURE_TFTP, EB_FEATURE_DNS, EB_FEATURE_BZIMAGE, EB_FEATURE_PXE,
};

/* ---- Building requests ---- */

/* VERSION ("major.minor.patch") as three bytes. */
static void version_bytes(uint8_t ver[3])
{
	const char *p = VERSION;
	char *end;
	int i;

	for (i = 0; i < 3; i++) {
		ver[i] = strtoul(p, &end, 10);
		p = *end == '.' ? end + 1 : end;
	}
}

/* The body of option 175; returns its length. */
static size_t eb_options(uint8_t *buf, size_t len)
{
	struct dhcp_writer w;
	uint8_t ver[3], one = 1;
	size_t i;

	dhcp_writer_init(&w, buf, len);
	version_bytes(ver);
	dhcp_put_option(&w, EB_OPT_VERSION, ver, sizeof(ver));
	for (i = 0; i < ARRAY_SIZE(eb_features); i++)
		dhcp_put_option(&w, eb_features[i], &one, 1);
	return w.pos - buf;
}

int dhcp_build_packet(void *buf, size_t len, const struct dhcp_tx_params *p)
{
	/* Interface type UNDI, version 2.1 (PXE spec) */
	static const uint8_t ndi[3] = { 1, 2, 1 };
	uint16_t max_len = htons(DHCP_MAX_MSG_LEN);
	uint16_t arch = htons(0);       /* x86 BIOS */
	uint8_t client_id[1 + ETH_ALEN], uuid[1 + 16], eb[64];
	struct dhcphdr *hdr = buf;
	struct dhcp_writer w;
	size_t used;

	if (len < BOOTP_MIN_LEN)
		return -ENOSPC;
	memset(buf, 0, len);
	hdr->op = BOOTP_REQUEST;
	hdr->htype = DHCP_HTYPE_ETHER;
	hdr->hlen = ETH_ALEN;
	hdr->xid = p->xid;
	hdr->secs = htons(p->secs);
	hdr->ciaddr = p->ciaddr;
	memcpy(hdr->chaddr, p->mac, ETH_ALEN);
	hdr->magic = htonl(DHCP_MAGIC);

	client_id[0] = DHCP_HTYPE_ETHER;
	memcpy(client_id + 1, p->mac, ETH_ALEN);
	uuid[0] = 0;                    /* type: UUID */
	memcpy(uuid + 1, p->uuid, 16);

	dhcp_writer_init(&w, hdr->options, len - DHCP_MIN_LEN);
	dhcp_put_option(&w, DHCP_OPT_MSG_TYPE, &p->type, 1);
	dhcp_put_option(&w, DHCP_OPT_MAX_MSG_SIZE, &max_len, 2);
	dhcp_put_option(&w, DHCP_OPT_CLIENT_ARCH, &arch, 2);
	dhcp_put_option(&w, DHCP_OPT_CLIENT_NDI, ndi, sizeof(ndi));
	dhcp_put_option(&w, DHCP_OPT_VENDOR_CLASS, DHCP_PXE_VENDOR_CLASS,
			strlen(DHCP_PXE_VENDOR_CLASS));
	/* Raw bytes rather than RFC 3004 form: server configurations
	 * compare the whole option with "iPXE" to tell a chainloaded
	 * client from the ROM that loaded it. */
	dhcp_put_option(&w, DHCP_OPT_USER_CLASS, "iPXE", 4);
	dhcp_put_option(&w, DHCP_OPT_PARAM_LIST, param_list,
			sizeof(param_list));
	dhcp_put_option(&w, DHCP_OPT_EB, eb, eb_options(eb, sizeof(eb)));
	dhcp_put_option(&w, DHCP_OPT_CLIENT_ID, client_id, sizeof(client_id));
	dhcp_put_option(&w, DHCP_OPT_CLIENT_UUID, uuid, sizeof(uuid));
	if (p->server.s_addr)
		dhcp_put_option(&w, DHCP_OPT_SERVER_ID, &p->server, 4);
	if (p->requested.s_addr)
		dhcp_put_option(&w, DHCP_OPT_REQUESTED_IP, &p->requested, 4);
	if (w.rc || w.pos >= w.end)
		return -ENOSPC;
	*w.pos++ = DHCP_OPT_END;
	used = w.pos - (uint8_t *)buf;
	return MAX(used, (size_t)BOOTP_MIN_LEN);
}

/* ---- Reading replies ---- */

static bool is_pxe_reply(const void *pkt, size_t len)
{
	char class[9];

	return dhcp_fetch_option(pkt, len, DHCP_OPT_VENDOR_CLASS, class,
				 sizeof(class)) >= (int)sizeof(class) &&
	       memcmp(class, "PXEClient", sizeof(class)) == 0;
}

bool dhcp_is_proxy_offer(const void *pkt, size_t len)
{
	const struct dhcphdr *hdr = pkt;

	return len >= DHCP_MIN_LEN && !hdr->yiaddr.s_addr &&
	       is_pxe_reply(pkt, len);
}

/* A one-byte option, or 0 when absent or of another size. */
static int byte_option(const void *pkt, size_t len, unsigned int tag)
{
	int8_t value;

	if (dhcp_fetch_option(pkt, len, tag, &value, 1) != 1)
		return 0;
	return value;
}

/* The server a reply names (option 54), or else the one that sent it. */
static struct in_addr reply_server(const void *pkt, size_t len,
				   struct in_addr src)
{
	struct in_addr id;

	if (dhcp_fetch_option(pkt, len, DHCP_OPT_SERVER_ID, &id, 4) == 4)
		return id;
	return src;
}

/* ---- The settings blocks ---- */

struct dhcp_settings {
	struct refcnt refcnt;
	struct settings settings;
	size_t len;
	uint8_t pkt[];
};

static int dhcp_settings_fetch(struct settings *s, struct setting *setting,
			       void *data, size_t len)
{
	struct dhcp_settings *ds =
		container_of(s, struct dhcp_settings, settings);

	if (!setting->tag)
		return -ENOENT;
	return dhcp_packet_setting(ds->pkt, ds->len, setting->tag, data, len);
}

/* What a server said stays as it said it; `set` goes to the device. */
static int dhcp_settings_store(struct settings *s,
			       const struct setting *setting,
			       const void *data, size_t len)
{
	return -EPERM;
}

static void dhcp_settings_clear(struct settings *s)
{
}

static const struct settings_ops dhcp_settings_ops = {
	.store = dhcp_settings_store,
	.fetch = dhcp_settings_fetch,
	.clear = dhcp_settings_clear,
};

static void dhcp_settings_free(struct refcnt *ref)
{
	free(container_of(ref, struct dhcp_settings, refcnt));
}

struct settings *dhcp_create_settings(const void *pkt, size_t len,
				      int order)
{
	struct dhcp_settings *ds = malloc(sizeof(*ds) + len);

	if (!ds)
		return NULL;
	ref_init(&ds->refcnt, dhcp_settings_free);
	settings_init(&ds->settings, &dhcp_settings_ops, &ds->refcnt, order);
	ds->len = len;
	memcpy(ds->pkt, pkt, len);
	return &ds->settings;
}

/* Our block name under the device, or NULL. */
static struct dhcp_settings *find_block(struct net_device *netdev,
					const char *name)
{
	struct settings *s;

	list_for_each_entry(s, &netdev_settings(netdev)->children, siblings) {
		if (s->op == &dhcp_settings_ops && strcmp(s->name, name) == 0)
			return container_of(s, struct dhcp_settings, settings);
	}
	return NULL;
}

/* Remove our block name from under the device, if there is one. */
static void forget(struct net_device *netdev, const char *name)
{
	struct dhcp_settings *ds = find_block(netdev, name);

	if (ds)
		unregister_settings(&ds->settings);
}

const void *dhcp_packet(struct net_device *netdev, const char *name,
			size_t *len)
{
	struct dhcp_settings *ds = find_block(netdev, name);

	if (!ds)
		return NULL;
	*len = ds->len;
	return ds->pkt;
}

/* Put pkt under the device as block name, replacing an earlier one. */
static int publish(struct net_device *netdev, const void *pkt, size_t len,
		   const char *name, int order)
{
	struct settings *s;
	int rc;

	forget(netdev, name);
	s = dhcp_create_settings(pkt, len, order);
	if (!s)
		return -ENOMEM;
	rc = register_settings(s, netdev_settings(netdev), name);
	ref_put(s->refcnt);
	return rc;
}

/* "proxydhcp/..." as iPXE scripts write it: the ProxyDHCP answer of
 * the device opened last. */
static struct settings *proxydhcp_resolve(void)
{
	struct net_device *netdev = last_opened_netdev();
	char path[32];

	if (!netdev)
		return NULL;
	snprintf(path, sizeof(path), "%s.proxydhcp", netdev->name);
	return find_settings(path);
}

SETTINGS_ALIAS(proxydhcp_alias) = {
	.name = "proxydhcp",
	.resolve = proxydhcp_resolve,
};

/* ---- The client ---- */

enum dhcp_state {
	DHCP_DISCOVERING,    /* broadcasting DISCOVER, collecting offers */
	DHCP_REQUESTING,     /* asking for the chosen address */
	DHCP_PROXYING,       /* leased; asking the ProxyDHCP server */
};

/* A copy of an offer worth keeping. */
struct dhcp_offer {
	void *pkt;           /* NULL: none yet */
	size_t len;
	struct in_addr server;
	int priority;
};

struct dhcp_session {
	struct refcnt refcnt;
	struct job *job;             /* NULL once finished */
	struct net_device *netdev;
	struct udp_conn conn;
	struct retry_timer timer;
	enum dhcp_state state;
	uint32_t xid;
	uint8_t uuid[16];
	unsigned long start;         /* ticks when we began */
	unsigned long deadline;      /* ticks when this phase gives up */
	unsigned long interval;      /* until the next retransmission */
	struct dhcp_offer offer;     /* best address offer */
	struct dhcp_offer proxy;     /* first ProxyDHCP offer */
	struct in_addr addr;         /* our address, once leased */
};

static void drop_offer(struct dhcp_offer *offer)
{
	free(offer->pkt);
	offer->pkt = NULL;
}

static void keep_offer(struct dhcp_offer *offer, const void *pkt,
		       size_t len, struct in_addr server, int priority)
{
	void *copy = malloc(len);

	/* Out of memory: keep what we had; a later offer may fit. */
	if (!copy)
		return;
	memcpy(copy, pkt, len);
	drop_offer(offer);
	offer->pkt = copy;
	offer->len = len;
	offer->server = server;
	offer->priority = priority;
}

static void dhcp_free(struct refcnt *ref)
{
	struct dhcp_session *dhcp =
		container_of(ref, struct dhcp_session, refcnt);

	drop_offer(&dhcp->offer);
	drop_offer(&dhcp->proxy);
	netdev_put(dhcp->netdev);
	free(dhcp);
}

static void dhcp_finish(struct dhcp_session *dhcp, int rc)
{
	struct job *job = dhcp->job;

	if (!job)
		return;
	dhcp->job = NULL;
	stop_timer(&dhcp->timer);
	udp_close(&dhcp->conn);
	job_finish(job, rc);
	ref_put(&dhcp->refcnt);
}

static void dhcp_cancel(struct job *job)
{
	dhcp_finish(job->priv, -ECANCELED);
}

/* Arm the timer, but never past the end of this phase. */
static void arm(struct dhcp_session *dhcp, unsigned long ticks)
{
	long left = (long)(dhcp->deadline - currticks());

	start_timer_fixed(&dhcp->timer,
			  MIN(ticks, left > 0 ? (unsigned long)left : 0));
}

/* Send this state's request and schedule its retransmission. */
static void dhcp_tx(struct dhcp_session *dhcp)
{
	struct net_device *netdev = dhcp->netdev;
	const struct dhcphdr *offer = dhcp->offer.pkt;
	struct dhcp_tx_params p = {
		.xid = dhcp->xid,
		.mac = netdev->ll_addr,
		.uuid = dhcp->uuid,
		.type = DHCPREQUEST,
	};
	struct in_addr dest = { htonl(INADDR_BROADCAST) };
	uint16_t port = DHCP_SERVER_PORT;
	struct io_buffer *iob;
	int len;

	if (!netdev_link_ok(netdev)) {
		arm(dhcp, DHCP_LINK_POLL);
		return;
	}
	arm(dhcp, dhcp->interval);
	dhcp->interval = MIN(dhcp->interval * 2, DHCP_MAX_INTERVAL);

	p.secs = MIN((currticks() - dhcp->start) / TICKS_PER_SEC, 0xffffUL);
	switch (dhcp->state) {
	case DHCP_DISCOVERING:
		p.type = DHCPDISCOVER;
		break;
	case DHCP_REQUESTING:
		p.server = dhcp->offer.server;
		p.requested = offer->yiaddr;
		break;
	case DHCP_PROXYING:
		p.ciaddr = dhcp->addr;
		p.server = dhcp->proxy.server;
		dest = dhcp->proxy.server;
		port = PXE_SERVER_PORT;
		break;
	}

	/* A failure to send is a lost packet: the timer tries again. */
	iob = udp_alloc_iob(DHCP_TX_LEN);
	if (!iob)
		return;
	len = dhcp_build_packet(iob->data, iob_tailroom(iob), &p);
	if (len < 0) {
		free_iob(iob);
		return;
	}
	iob_put(iob, len);
	udp_tx(&dhcp->conn, iob, dest, port, netdev);
}

static void dhcp_enter(struct dhcp_session *dhcp, enum dhcp_state state)
{
	dhcp->state = state;
	dhcp->interval = DHCP_MIN_INTERVAL;
	if (state == DHCP_PROXYING)
		dhcp->deadline = currticks() + DHCP_PROXY_TIMEOUT;
	dhcp_tx(dhcp);
}

/* The ProxyDHCP phase is over: reply is its answer (or its offer). */
static void dhcp_proxied(struct dhcp_session *dhcp, const void *reply,
			 size_t len)
{
	dhcp_finish(dhcp, publish(dhcp->netdev, reply, len, "proxydhcp",
				  PROXYDHCP_SETTINGS_ORDER));
}

static void dhcp_leased(struct dhcp_session *dhcp, const void *ack,
			size_t len)
{
	const struct dhcphdr *hdr = ack;
	int rc;

	rc = publish(dhcp->netdev, ack, len, "dhcp", DHCP_SETTINGS_ORDER);
	if (rc != 0 || !dhcp->proxy.pkt ||
	    byte_option(ack, len, DHCP_ENCAP_TAG(DHCP_OPT_EB,
						 EB_OPT_NO_PXEDHCP))) {
		dhcp_finish(dhcp, rc);
		return;
	}
	/* The lease is in place, so the request leaves from our address. */
	dhcp->addr = hdr->yiaddr;
	dhcp_enter(dhcp, DHCP_PROXYING);
}

static void dhcp_rx_offer(struct dhcp_session *dhcp, const void *pkt,
			  size_t len, struct in_addr server)
{
	const struct dhcphdr *hdr = pkt;
	bool first = !dhcp->offer.pkt;
	int priority;

	if (hdr->yiaddr.s_addr) {
		if (dhcp->state != DHCP_DISCOVERING)
			return;
		priority = byte_option(pkt, len,
				       DHCP_ENCAP_TAG(DHCP_OPT_EB,
						      EB_OPT_PRIORITY));
		if (first || priority > dhcp->offer.priority)
			keep_offer(&dhcp->offer, pkt, len, server, priority);
	} else if (dhcp_is_proxy_offer(pkt, len)) {
		if (!dhcp->proxy.pkt)
			keep_offer(&dhcp->proxy, pkt, len, server, 0);
	}
	if (dhcp->state != DHCP_DISCOVERING || !dhcp->offer.pkt)
		return;

	/* Nothing more to wait for once we have both kinds of offer, or
	 * the address server does PXE itself, already names a boot file
	 * (a ProxyDHCP server exists for networks whose DHCP server does
	 * not), or says not to bother. */
	if (dhcp->proxy.pkt || is_pxe_reply(dhcp->offer.pkt, dhcp->offer.len) ||
	    dhcp_packet_setting(dhcp->offer.pkt, dhcp->offer.len, TAG_FILE,
				NULL, 0) > 0 ||
	    byte_option(dhcp->offer.pkt, dhcp->offer.len,
			DHCP_ENCAP_TAG(DHCP_OPT_EB, EB_OPT_NO_PXEDHCP)))
		dhcp_enter(dhcp, DHCP_REQUESTING);
	else if (first)
		arm(dhcp, DHCP_OFFER_WAIT);
}

static void dhcp_rx_reply(struct dhcp_session *dhcp, const void *pkt,
			  size_t len, uint8_t type, struct in_addr server)
{
	switch (dhcp->state) {
	case DHCP_DISCOVERING:
	case DHCP_REQUESTING:
		if (type == DHCPOFFER) {
			dhcp_rx_offer(dhcp, pkt, len, server);
			return;
		}
		/* Other servers saw our REQUEST too; only ours may answer. */
		if (dhcp->state != DHCP_REQUESTING ||
		    server.s_addr != dhcp->offer.server.s_addr)
			return;
		if (type == DHCPACK &&
		    ((const struct dhcphdr *)pkt)->yiaddr.s_addr) {
			dhcp_leased(dhcp, pkt, len);
		} else if (type == DHCPNAK) {
			/* Start over, after a pause: a server that refuses
			 * every time must not get a packet storm. */
			drop_offer(&dhcp->offer);
			dhcp->state = DHCP_DISCOVERING;
			arm(dhcp, dhcp->interval);
		}
		break;
	case DHCP_PROXYING:
		if (type == DHCPACK &&
		    server.s_addr == dhcp->proxy.server.s_addr)
			dhcp_proxied(dhcp, pkt, len);
		break;
	}
}

static void dhcp_rx(struct udp_conn *conn, struct io_buffer *iob,
		    const struct udp_rx_info *info)
{
	struct dhcp_session *dhcp =
		container_of(conn, struct dhcp_session, conn);
	const struct dhcphdr *hdr = (const void *)iob->data;
	size_t len = iob_len(iob);
	struct in_addr server;
	uint8_t type;

	dhcp_stats.rx++;
	if (dhcp_validate(hdr, len) != 0) {
		dhcp_stats.drop++;
		goto out;
	}
	if (info->netdev != dhcp->netdev || hdr->op != BOOTP_REPLY ||
	    hdr->xid != dhcp->xid ||
	    memcmp(hdr->chaddr, dhcp->netdev->ll_addr, ETH_ALEN) != 0)
		goto out;
	/* Servers answer from 67; a ProxyDHCP server asked on 4011 answers
	 * from 4011, which also keeps a late duplicate ACK from the
	 * address server (perhaps the same host) out of that phase. */
	if (info->sport != (dhcp->state == DHCP_PROXYING ?
			    PXE_SERVER_PORT : DHCP_SERVER_PORT))
		goto out;
	if (dhcp_fetch_option(hdr, len, DHCP_OPT_MSG_TYPE, &type, 1) != 1)
		goto out;
	server = reply_server(hdr, len, info->src);
	dhcp_rx_reply(dhcp, hdr, len, type, server);
out:
	free_iob(iob);
}

static void dhcp_expired(struct retry_timer *timer, int fail)
{
	struct dhcp_session *dhcp =
		container_of(timer, struct dhcp_session, timer);

	if (dhcp->state == DHCP_DISCOVERING && dhcp->offer.pkt) {
		dhcp_enter(dhcp, DHCP_REQUESTING);
		return;
	}
	if ((long)(currticks() - dhcp->deadline) >= 0) {
		if (dhcp->state == DHCP_PROXYING)
			/* A silent ProxyDHCP server: its offer must do. */
			dhcp_proxied(dhcp, dhcp->proxy.pkt, dhcp->proxy.len);
		else
			dhcp_finish(dhcp, -ETIMEDOUT);
		return;
	}
	dhcp_tx(dhcp);
}

/* A transaction id unlikely to match another machine's, even one that
 * seeded its generator alike. */
static uint32_t make_xid(const uint8_t *mac)
{
	uint32_t xid = random();
	int i;

	for (i = 0; i < ETH_ALEN; i++)
		xid = (xid << 5 | xid >> 27) ^ mac[i];
	return xid;
}

/* Option 97: the machine's UUID if the platform knows one, else one
 * made from the MAC (RFC 4122 layout: version 1, zero time, node = MAC)
 * so that the same NIC always presents the same identity. */
void dhcp_client_uuid(struct net_device *netdev, uint8_t *uuid)
{
	static const uint8_t zero[16];
	struct setting setting = {
		.name = "uuid",
		.type = &setting_type_uuid,
	};

	if (fetch_setting(NULL, &setting, NULL, uuid, 16) == 16 &&
	    memcmp(uuid, zero, 16) != 0)
		return;
	memset(uuid, 0, 16);
	uuid[6] = 0x10;
	uuid[8] = 0x80;
	memcpy(uuid + 10, netdev->hw_addr, ETH_ALEN);
}

int start_dhcp(struct job *job, struct net_device *netdev)
{
	struct dhcp_session *dhcp;
	int rc;

	if (netdev->ll_protocol->ll_addr_len != ETH_ALEN) {
		rc = -ENOTSUP;
		goto err;
	}
	dhcp = zalloc(sizeof(*dhcp));
	if (!dhcp) {
		rc = -ENOMEM;
		goto err;
	}
	ref_init(&dhcp->refcnt, dhcp_free);
	dhcp->job = job;
	dhcp->netdev = netdev;
	ref_get(&netdev->refcnt);
	timer_init(&dhcp->timer, dhcp_expired, &dhcp->refcnt);
	rc = udp_open(&dhcp->conn, DHCP_CLIENT_PORT, dhcp_rx);
	if (rc != 0) {
		ref_put(&dhcp->refcnt);
		goto err;
	}
	dhcp->xid = make_xid(netdev->ll_addr);
	dhcp_client_uuid(netdev, dhcp->uuid);
	dhcp->start = currticks();
	dhcp->deadline = dhcp->start + DHCP_TIMEOUT_SEC * TICKS_PER_SEC;

	/* The old lease goes now: in INIT a client has no address, and
	 * requests must leave from 0.0.0.0. */
	forget(netdev, "dhcp");
	forget(netdev, "proxydhcp");

	job->cancel = dhcp_cancel;
	job->priv = dhcp;
	dhcp_enter(dhcp, DHCP_DISCOVERING);
	return 0;
err:
	job_finish(job, rc);
	return rc;
}
