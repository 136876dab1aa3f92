/* Unit tests for iSCSI root paths (net/iscsi_rootpath.c): the forms real
 * DHCP configurations and iPXE scripts use (server as a name, an
 * address or a bracketed IPv6 literal; empty fields defaulted; LUNs as
 * hex 16-bit groups; target names with colons), and what must be
 * refused rather than misread.  Where the real-world root paths of the
 * shared corpus are beside the source tree, each is parsed as its
 * expected column says. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <net/iscsi.h>
#include "../../arch/linux/linux_api.h"
#include "test.h"

struct rp_case {
	const char *path;       /* after "iscsi:" */
	const char *server;
	unsigned int port;
	uint8_t lun[8];
	const char *target;
};

/* Each form real root paths take (a host name, an address, the
 * protocol field, an explicit port, LUN 0 and 1, a bracketed IPv6
 * literal, colons in the target name), and edge cases. */
static const struct rp_case good[] = {
	{ "san.example.test::::iqn.2026-12.test.example:disk", "san.example.test",
	  3260, { 0 }, "iqn.2026-12.test.example:disk" },
	{ "storage_1::3260:0:vol7", "storage_1", 3260, { 0 }, "vol7" },
	{ "198.18.4.20::::iqn.2026-12.test.lab:node3", "198.18.4.20", 3260,
	  { 0 }, "iqn.2026-12.test.lab:node3" },
	{ "198.18.4.20::3260:0:iqn.2026-12.test.lab:node3",
	  "198.18.4.20", 3260, { 0 }, "iqn.2026-12.test.lab:node3" },
	{ "nas.lab.test:6:3260:0:iqn.2026-12.test.lab:boot",
	  "nas.lab.test", 3260, { 0 }, "iqn.2026-12.test.lab:boot" },
	{ "198.18.9.61:::1:iqn.2026-12.test.lab-root", "198.18.9.61",
	  3260, { 0, 1 }, "iqn.2026-12.test.lab-root" },
	{ "198.18.0.9::::iqn.2026-12.test.store:198.18.0.9-bob-snap2",
	  "198.18.0.9", 3260, { 0 },
	  "iqn.2026-12.test.store:198.18.0.9-bob-snap2" },
	{ "[2001:db8::7]::::iqn.2026-12.test.v6:disk", "[2001:db8::7]", 3260,
	  { 0 }, "iqn.2026-12.test.v6:disk" },
	/* The seed manual's example. */
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
	"198.18.0.5:::iqn.2026-12.test:disk", /* name as the LUN */
	"198.18.0.1",
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

/* The value of KEY= in a "key=value key=value ..." text, up to the next
 * space, into buf; false if absent. */
static bool field(const char *text, const char *key, char *buf, size_t size)
{
	size_t klen = strlen(key), n;
	const char *p = text;

	while ((p = strstr(p, key)) && p != text && p[-1] != ' ')
		p += klen;
	if (!p || p[klen] != '=')
		return false;
	p += klen + 1;
	n = strchr(p, ' ') ? (size_t)(strchr(p, ' ') - p) : strlen(p);
	if (n >= size)
		return false;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return true;
}

/* One row: ROOT-PATH, where it came from, what it must parse to
 * ("server=S port=P lun=L target=T") or, for a path to refuse, a text
 * naming EINVAL. */
static void corpus_row(char *line)
{
	char *origin = strchr(line, '\t'), *expect, server[256], port[8];
	char lun[8], target[300];
	struct iscsi_root_path rp;
	unsigned long l;
	uint8_t want[8] = { 0 };
	int rc;

	if (!origin || strncmp(line, "iscsi:", 6) != 0)
		return;
	*origin++ = '\0';
	expect = strchr(origin, '\t');
	if (!expect)
		return;
	expect++;
	rc = iscsi_parse_root_path(line + 6, &rp);
	if (strstr(expect, "EINVAL")) {
		ok(rc == -EINVAL);
		return;
	}
	ok(rc == 0);
	if (rc || !field(expect, "server", server, sizeof(server)) ||
	    !field(expect, "target", target, sizeof(target)))
		return;
	ok_str(rp.server, server);
	ok_str(rp.target, target);
	if (field(expect, "port", port, sizeof(port)))
		ok(rp.port == strtoul(port, NULL, 10));
	if (field(expect, "lun", lun, sizeof(lun))) {
		l = strtoul(lun, NULL, 16);
		want[0] = l >> 8;
		want[1] = l;
		ok_mem(rp.lun, want, 8);
	}
}

UNIT_TEST(iscsi_root_path_corpus)
{
	void *data;
	size_t len;
	char *line, *next;

	if (linux_read_file("../shared/corpora/dhcp/"
			    "iscsi-root-path-examples.tsv", &data, &len) < 0)
		return;	/* not beside this tree: nothing to check */
	for (line = data; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		corpus_row(line);
	}
	free(data);
}
