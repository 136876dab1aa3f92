/* Unit tests for iSCSI root paths (net/iscsi_rootpath.c): the forms real
 * DHCP configurations and iPXE scripts use (server as a name, an
 * address or a bracketed IPv6 literal; empty fields defaulted; LUNs as
 * hex 16-bit groups; target names with colons), and what must be
 * refused rather than misread. */
#include <errno.h>
#include <net/iscsi.h>
#include "test.h"

struct rp_case {
	const char *path;       /* after "iscsi:" */
	const char *server;
	unsigned int port;
	uint8_t lun[8];
	const char *target;
};

/* Root paths seen in real configurations (dhcpd.conf host blocks,
 * ironic's sanhook lines, blog posts), with what they mean. */
static const struct rp_case good[] = {
	{ "iscsi.example.com::::iqn.1992-01.com.example.iscsi:target",
	  "iscsi.example.com", 3260, { 0 },
	  "iqn.1992-01.com.example.iscsi:target" },
	{ "fake_host::3260:0:fake_iqn", "fake_host", 3260, { 0 },
	  "fake_iqn" },
	{ "192.168.10.254::::iqn.2019-08.win10.acfs:st1", "192.168.10.254",
	  3260, { 0 }, "iqn.2019-08.win10.acfs:st1" },
	{ "192.168.10.254::3260:0:iqn.2019-08.win10.acfs:main",
	  "192.168.10.254", 3260, { 0 }, "iqn.2019-08.win10.acfs:main" },
	{ "freenas.domain.tld:6:3260:0:iqn.2015-01.tld.domain:iscsiboot",
	  "freenas.domain.tld", 3260, { 0 },
	  "iqn.2015-01.tld.domain:iscsiboot" },
	{ "192.168.2.61:::1:iqn.2015-10.com.laptop-root", "192.168.2.61",
	  3260, { 0, 1 }, "iqn.2015-10.com.laptop-root" },
	{ "10.0.0.1:::1:iqn.2015-05.com.example:target1", "10.0.0.1", 3260,
	  { 0, 1 }, "iqn.2015-05.com.example:target1" },
	{ "192.168.191.254::::iqn.2016-06.lan.xd.store:10.0.0.5-alice-snap1",
	  "192.168.191.254", 3260, { 0 },
	  "iqn.2016-06.lan.xd.store:10.0.0.5-alice-snap1" },
	{ "[fe80::1]::::iqn.2010-04.org.ipxe:dolphin", "[fe80::1]", 3260,
	  { 0 }, "iqn.2010-04.org.ipxe:dolphin" },
	/* Our own edge cases. */
	{ "11.4.3.7::::iqn.2007-08.7.3.4.10:iscsiboot", "11.4.3.7", 3260,
	  { 0 }, "iqn.2007-08.7.3.4.10:iscsiboot" },
	/* Four colons before the name: LUN 0 of a target named "1:IQN". */
	{ "198.18.0.1::::1:iqn.x", "198.18.0.1", 3260, { 0 }, "1:iqn.x" },
	{ "h::3261:10:t", "h", 3261, { 0, 0x10 }, "t" },
	{ "h::65535:0-1-2-3:t", "h", 65535, { 0, 0, 0, 1, 0, 2, 0, 3 }, "t" },
	{ "h:::FfFf-abcd:t", "h", 3260, { 0xff, 0xff, 0xab, 0xcd }, "t" },
	{ "h:::4000:eui.0123456789abcdef", "h", 3260, { 0x40, 0 },
	  "eui.0123456789abcdef" },
};

static const char *const bad[] = {
	"10.0.0.5:::iqn.2024-01.com.example:target0", /* name as the LUN */
	"10.0.0.1",
	"",
	"h::::",                /* no target name */
	":::::t",               /* no server */
	"h::0::t",              /* port 0 */
	"h::65536::t",
	"h::32a::t",
	"h::003260::t",
	"h:17:::t",             /* not TCP */
	"h:66:::t",
	"h:::1-2-3-4-5:t",      /* five LUN levels */
	"h:::12345:t",          /* five digits in a level */
	"h:::1--2:t",
	"h:::-1:t",
	"h:::1-:t",
	"h:::g:t",
	"[fe80::1::::t",        /* unclosed bracket */
	"h:::",
};

UNIT_TEST(iscsi_root_path_good)
{
	struct iscsi_root_path rp;

	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		const struct rp_case *c = &good[i];

		ok(iscsi_parse_root_path(c->path, &rp) == 0);
		ok_str(rp.server, c->server);
		ok(rp.port == c->port);
		ok_mem(rp.lun, c->lun, 8);
		ok_str(rp.target, c->target);
	}
}

UNIT_TEST(iscsi_root_path_bad)
{
	struct iscsi_root_path rp;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		int rc = iscsi_parse_root_path(bad[i], &rp);

		if (rc != -EINVAL)
			printf("  accepted: %s\n", bad[i]);
		ok(rc == -EINVAL);
	}
}

UNIT_TEST(iscsi_root_path_limits)
{
	struct iscsi_root_path rp;
	char path[600];

	/* The longest iSCSI name fits; one more byte does not. */
	memset(path, 0, sizeof(path));
	memcpy(path, "h::::", 5);
	memset(path + 5, 'n', ISCSI_NAME_MAX);
	ok(iscsi_parse_root_path(path, &rp) == 0);
	ok(strlen(rp.target) == ISCSI_NAME_MAX);
	path[5 + ISCSI_NAME_MAX] = 'n';
	ok(iscsi_parse_root_path(path, &rp) == -EINVAL);
	/* A server name longer than DNS allows. */
	memset(path, 's', 300);
	strcpy(path + 300, "::::t");
	ok(iscsi_parse_root_path(path, &rp) == -EINVAL);
}
