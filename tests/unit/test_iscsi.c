/* Unit tests for the iSCSI pieces that are pure functions: header
 * fields, Data-In and R2T reading, login text, CHAP responses (vectors
 * computed apart with another MD5), the login conversation played
 * against a scripted target, SCSI CDBs and sense, and the initiator
 * name and credentials read from the settings. */
#include <errno.h>
#include <byteswap.h>
#include <stdlib.h>
#include <cxboot/settings.h>
#include <net/iscsi.h>
#include <net/iscsi_settings.h>
#include "test.h"

UNIT_TEST(iscsi_bhs_fields)
{
	struct iscsi_bhs h;

	iscsi_bhs_init(&h, ISCSI_OP_SCSI_CMD | ISCSI_IMMEDIATE, 0xc1,
		       0x01020304);
	ok(h.b[0] == 0x41 && h.b[1] == 0xc1);
	ok(iscsi_opcode(&h) == ISCSI_OP_SCSI_CMD);
	ok(h.b[16] == 1 && h.b[17] == 2 && h.b[18] == 3 && h.b[19] == 4);
	iscsi_set_data_len(&h, 0xabcdef);
	ok(h.b[5] == 0xab && h.b[6] == 0xcd && h.b[7] == 0xef);
	ok(iscsi_data_len(&h) == 0xabcdef);
	ok(iscsi_pad(0) == 0 && iscsi_pad(1) == 3 && iscsi_pad(3) == 1);
}

UNIT_TEST(iscsi_data_in_r2t)
{
	struct iscsi_bhs h;
	struct iscsi_data_in d;
	struct iscsi_r2t r;

	iscsi_bhs_init(&h, ISCSI_OP_DATA_IN, ISCSI_FINAL | ISCSI_DATA_STATUS,
		       7);
	iscsi_set_data_len(&h, 512);
	h.b[ISCSI_OFF_STATUS] = SCSI_CHECK_CONDITION;
	iscsi_put32(&h, ISCSI_OFF_STATSN, 99);
	iscsi_put32(&h, ISCSI_OFF_BUF_OFFSET, 4096);
	ok(iscsi_parse_data_in(&h, &d) == 0);
	ok(d.itt == 7 && d.len == 512 && d.offset == 4096);
	ok(d.has_status && d.status == SCSI_CHECK_CONDITION && d.statsn == 99);
	/* Status only in the final PDU. */
	h.b[ISCSI_OFF_FLAGS] = ISCSI_DATA_STATUS;
	ok(iscsi_parse_data_in(&h, &d) == -EPROTO);
	h.b[ISCSI_OFF_FLAGS] = 0;
	ok(iscsi_parse_data_in(&h, &d) == 0 && !d.has_status);

	iscsi_bhs_init(&h, ISCSI_OP_R2T, ISCSI_FINAL, 9);
	iscsi_put32(&h, ISCSI_OFF_TTT, 0x55);
	iscsi_put32(&h, ISCSI_OFF_BUF_OFFSET, 65536);
	iscsi_put32(&h, ISCSI_OFF_DESIRED_LEN, 8192);
	ok(iscsi_parse_r2t(&h, &r) == 0);
	ok(r.itt == 9 && r.ttt == 0x55 && r.offset == 65536 && r.len == 8192);
	iscsi_put32(&h, ISCSI_OFF_DESIRED_LEN, 0);
	ok(iscsi_parse_r2t(&h, &r) == -EPROTO);
}

UNIT_TEST(iscsi_text_keys)
{
	static const char seg[] = "A=1\0Key=value\0Key2=\0Broken\0Long=123456";
	char buf[6], text[40];
	struct iscsi_text t;

	ok_str(iscsi_text_get(seg, sizeof(seg) - 1, "A", buf, sizeof(buf)),
	       "1");
	ok_str(iscsi_text_get(seg, sizeof(seg) - 1, "Key", buf, sizeof(buf)),
	       "value");
	ok_str(iscsi_text_get(seg, sizeof(seg) - 1, "Key2", buf, sizeof(buf)),
	       "");
	ok(!iscsi_text_get(seg, sizeof(seg) - 1, "Ke", buf, sizeof(buf)));
	ok(!iscsi_text_get(seg, sizeof(seg) - 1, "Broken", buf, sizeof(buf)));
	/* Too long for the buffer: not found, never cut. */
	ok(!iscsi_text_get(seg, sizeof(seg) - 1, "Long", buf, sizeof(buf)));
	/* The last pair may lack its NUL. */
	ok_str(iscsi_text_get(seg, sizeof(seg) - 1, "Long", text,
			      sizeof(text)), "123456");

	iscsi_text_init(&t, text, 12);
	iscsi_text_add(&t, "Ab", "cd");
	iscsi_text_addf(&t, "N", "%u", 42);
	ok(t.len == 11 && !t.overflow);
	ok_mem(text, "Ab=cd\0N=42\0", 11);
	iscsi_text_add(&t, "X", "y");
	ok(t.overflow && t.len == 11);
}

static bool hex_is(const uint8_t *got, const char *want_hex)
{
	char buf[2 * ISCSI_CHAP_RESPONSE_LEN + 3];

	iscsi_encode_hex(got, ISCSI_CHAP_RESPONSE_LEN, buf);
	return strcmp(buf + 2, want_hex) == 0;
}

UNIT_TEST(iscsi_chap_vectors)
{
	uint8_t challenge[16], resp[ISCSI_CHAP_RESPONSE_LEN];
	static const uint8_t c5[] = { 0xa1, 0xb2, 0xc3, 0xd4, 0xe5 };

	for (int i = 0; i < 16; i++)
		challenge[i] = i;
	iscsi_chap_response(1, "secret-of-alice", challenge, 16, resp);
	ok(hex_is(resp, "07f37509b4786111bcc8acb29fa30f9b"));
	iscsi_chap_response(7, "alice-secret1", c5, 5, resp);
	ok(hex_is(resp, "904e51912b3a4940df748aebd61f27a3"));
	iscsi_chap_response(200, "", NULL, 0, resp);
	ok(hex_is(resp, "99e3a85d7220f86cac89b67c9839039f"));
}

UNIT_TEST(iscsi_binary_values)
{
	uint8_t out[8];
	static const uint8_t c5[] = { 0xa1, 0xb2, 0xc3, 0xd4, 0xe5 };
	char hex[16];

	ok(iscsi_decode_binary("0xa1B2c3d4e5", out, sizeof(out)) == 5);
	ok_mem(out, c5, 5);
	ok(iscsi_decode_binary("0bobLD1OU=", out, sizeof(out)) == 5);
	ok_mem(out, c5, 5);
	/* An odd number of digits has an implied leading zero. */
	ok(iscsi_decode_binary("0xabc", out, sizeof(out)) == 2);
	ok(out[0] == 0x0a && out[1] == 0xbc);
	ok(iscsi_decode_binary("0x", out, sizeof(out)) == -EINVAL);
	ok(iscsi_decode_binary("0xag", out, sizeof(out)) == -EINVAL);
	ok(iscsi_decode_binary("abcd", out, sizeof(out)) == -EINVAL);
	ok(iscsi_decode_binary("0b!!", out, sizeof(out)) == -EINVAL);
	ok(iscsi_decode_binary("0x112233445566778899", out, sizeof(out)) ==
	   -EINVAL);
	iscsi_encode_hex(c5, 5, hex);
	ok_str(hex, "0xa1b2c3d4e5");
}

/* ---- The login conversation, against a scripted target ---- */

static struct iscsi_login login;
static char req[1024];
static struct iscsi_text req_text;
static uint8_t req_flags;

static void next_request(void)
{
	iscsi_text_init(&req_text, req, sizeof(req));
	iscsi_login_request(&login, &req_text, &req_flags);
}

static const char *req_key(const char *key)
{
	static char buf[128];

	return iscsi_text_get(req, req_text.len, key, buf, sizeof(buf));
}

/* A response with flags (T, CSG, NSG), status and text. */
static int respond(uint8_t flags, unsigned int cls, unsigned int detail,
		   const char *text, size_t len)
{
	struct iscsi_bhs h;

	iscsi_bhs_init(&h, ISCSI_OP_LOGIN_RSP, flags, 0);
	h.b[ISCSI_OFF_LOGIN_CLASS] = cls;
	h.b[ISCSI_OFF_LOGIN_DETAIL] = detail;
	return iscsi_login_response(&login, &h, text, len);
}
#define RESPOND(flags, text) respond(flags, 0, 0, text, sizeof(text) - 1)

static const struct iscsi_credentials no_cred;

UNIT_TEST(iscsi_login_none)
{
	iscsi_login_init(&login, "iqn.i", "iqn.t", &no_cred);
	next_request();
	/* T=1, security stage to operational. */
	ok(req_flags == 0x81);
	ok_str(req_key("InitiatorName"), "iqn.i");
	ok_str(req_key("TargetName"), "iqn.t");
	ok_str(req_key("SessionType"), "Normal");
	ok_str(req_key("AuthMethod"), "None");
	ok(RESPOND(0x81, "AuthMethod=None\0TargetPortalGroupTag=1") == 0);
	next_request();
	ok(req_flags == 0x87);
	ok_str(req_key("HeaderDigest"), "None");
	ok_str(req_key("InitialR2T"), "No");
	ok_str(req_key("ImmediateData"), "Yes");
	ok_str(req_key("MaxRecvDataSegmentLength"), "65536");
	ok(!req_key("AuthMethod"));
	/* The target wants another round before it moves on. */
	ok(RESPOND(0x04, "MaxRecvDataSegmentLength=16384\0") == 0);
	next_request();
	ok(req_flags == 0x87 && req_text.len == 0);
	ok(RESPOND(0x87, "InitialR2T=Yes\0ImmediateData=No\0"
		   "FirstBurstLength=1024\0MaxBurstLength=999999999\0") == 1);
	ok(login.params.max_send == 16384);
	ok(login.params.initial_r2t && !login.params.immediate_data);
	ok(login.params.first_burst == 1024);
	ok(login.params.max_burst == ISCSI_MAX_BURST);
}

UNIT_TEST(iscsi_login_chap)
{
	struct iscsi_credentials cred = { .user = "alice",
					  .secret = "alice-secret1" };

	iscsi_login_init(&login, "iqn.i", "iqn.t", &cred);
	next_request();
	ok(req_flags == 0x00);
	ok_str(req_key("AuthMethod"), "CHAP,None");
	ok(RESPOND(0x00, "AuthMethod=CHAP\0") == 0);
	next_request();
	ok(req_flags == 0x00);
	ok_str(req_key("CHAP_A"), "5");
	ok(RESPOND(0x00, "CHAP_A=5\0CHAP_I=7\0CHAP_C=0xa1b2c3d4e5\0") == 0);
	next_request();
	ok(req_flags == 0x81);
	ok_str(req_key("CHAP_N"), "alice");
	ok_str(req_key("CHAP_R"), "0x904e51912b3a4940df748aebd61f27a3");
	ok(!req_key("CHAP_C"));
	/* The target refuses: authentication failure, never retried. */
	ok(respond(0x00, 2, 1, "", 0) == -EACCES);

	/* Only MD5 is spoken. */
	iscsi_login_init(&login, "iqn.i", "iqn.t", &cred);
	next_request();
	ok(RESPOND(0x00, "AuthMethod=CHAP\0") == 0);
	next_request();
	ok(RESPOND(0x00, "CHAP_A=7\0CHAP_I=7\0CHAP_C=0x01\0") == -ENOTSUP);
	/* The identifier may come in hex. */
	iscsi_login_init(&login, "iqn.i", "iqn.t", &cred);
	next_request();
	RESPOND(0x00, "AuthMethod=CHAP\0");
	next_request();
	ok(RESPOND(0x00, "CHAP_A=5\0CHAP_I=0x07\0CHAP_C=0bobLD1OU=\0") == 0);
	next_request();
	ok_str(req_key("CHAP_R"), "0x904e51912b3a4940df748aebd61f27a3");
	/* An identifier out of range. */
	iscsi_login_init(&login, "iqn.i", "iqn.t", &cred);
	next_request();
	ok(RESPOND(0x00, "AuthMethod=CHAP\0") == 0);
	next_request();
	ok(RESPOND(0x00, "CHAP_A=5\0CHAP_I=300\0CHAP_C=0x01\0") == -EPROTO);
	/* No credentials, and the target wants CHAP. */
	iscsi_login_init(&login, "iqn.i", "iqn.t", &no_cred);
	next_request();
	ok(RESPOND(0x00, "AuthMethod=CHAP\0") == -EACCES);
}

/* Mutual CHAP: the target answers our challenge with reverse_secret. */
static int mutual_answer(const char *name, const char *secret)
{
	uint8_t challenge[64], resp[ISCSI_CHAP_RESPONSE_LEN];
	char text[256], hex[2 * sizeof(resp) + 3];
	int len = iscsi_decode_binary(req_key("CHAP_C"), challenge,
				      sizeof(challenge));
	unsigned int id = strtoul(req_key("CHAP_I"), NULL, 10);

	ok(len == 16);
	iscsi_chap_response(id, secret, challenge, len, resp);
	iscsi_encode_hex(resp, sizeof(resp), hex);
	len = snprintf(text, sizeof(text), "CHAP_N=%s%cCHAP_R=%s%c", name, 0,
		       hex, 0);
	return respond(0x81, 0, 0, text, len);
}

static void mutual_start(const struct iscsi_credentials *cred)
{
	iscsi_login_init(&login, "iqn.i", "iqn.t", cred);
	next_request();
	/* No AuthMethod=None: the target must prove itself. */
	ok_str(req_key("AuthMethod"), "CHAP");
	RESPOND(0x00, "AuthMethod=CHAP\0");
	next_request();
	RESPOND(0x00, "CHAP_A=5\0CHAP_I=7\0CHAP_C=0xa1b2c3d4e5\0");
	next_request();
	ok_str(req_key("CHAP_R"), "0x904e51912b3a4940df748aebd61f27a3");
}

UNIT_TEST(iscsi_login_mutual)
{
	struct iscsi_credentials cred = { "alice", "alice-secret1",
					  "target", "target-secret" };

	mutual_start(&cred);
	ok(mutual_answer("target", "target-secret") == 0);
	next_request();
	ok(req_flags == 0x87 && req_key("HeaderDigest"));
	mutual_start(&cred);
	ok(mutual_answer("target", "wrong") == -EACCES);
	mutual_start(&cred);
	ok(mutual_answer("other", "target-secret") == -EACCES);
	/* A target that moves on without answering is refused too. */
	mutual_start(&cred);
	ok(RESPOND(0x81, "") == -EACCES);
	/* So is one that accepts no authentication at all. */
	iscsi_login_init(&login, "iqn.i", "iqn.t", &cred);
	next_request();
	ok(RESPOND(0x81, "AuthMethod=None\0") == -EACCES);
}

UNIT_TEST(iscsi_login_status)
{
	iscsi_login_init(&login, "iqn.i", "iqn.t", &no_cred);
	next_request();
	ok(respond(0x00, 1, 1, "TargetAddress=10.0.0.9:3261,1", 29) == 2);
	ok_str(login.redirect, "10.0.0.9:3261,1");
	ok(respond(0x00, 1, 2, "", 0) == -EPROTO);
	ok(respond(0x00, 2, 2, "", 0) == -EACCES);
	ok(respond(0x00, 2, 3, "", 0) == -ENOENT);
	ok(respond(0x00, 3, 1, "", 0) == -ECONNREFUSED);
	ok(respond(0x00, 3, 0, "", 0) == -EIO);
	/* Digests cannot be agreed. */
	iscsi_login_init(&login, "iqn.i", "iqn.t", &no_cred);
	next_request();
	RESPOND(0x81, "");
	next_request();
	ok(RESPOND(0x87, "HeaderDigest=CRC32C\0") == -ENOTSUP);
	/* A target that never moves on is given up on. */
	iscsi_login_init(&login, "iqn.i", "iqn.t", &no_cred);
	next_request();
	RESPOND(0x81, "");
	for (int i = 0, rc = 0; i < 40 && rc == 0; i++) {
		next_request();
		rc = RESPOND(0x04, "");
		if (rc)
			ok(rc == -EPROTO && i > 8);
	}
}

/* ---- SCSI ---- */

UNIT_TEST(iscsi_scsi_cdbs)
{
	uint8_t cdb[16];

	ok(scsi_cdb_rw(cdb, false, 0x12345678, 16, 512) == 8192);
	ok(cdb[0] == 0x28 && be32_get(&cdb[2]) == 0x12345678 &&
	   be16_get(&cdb[7]) == 16);
	ok(scsi_cdb_rw(cdb, true, 5, 1, 4096) == 4096 && cdb[0] == 0x2a);
	/* Past 2^32 blocks, or more than 65535 blocks: the 16-byte form. */
	ok(scsi_cdb_rw(cdb, false, 0x100000000ULL, 1, 512) == 512);
	ok(cdb[0] == 0x88 && be64_get(&cdb[2]) == 0x100000000ULL &&
	   be32_get(&cdb[10]) == 1);
	ok(scsi_cdb_rw(cdb, true, 0xffffffffULL, 2, 512) == 1024 &&
	   cdb[0] == 0x8a);
	ok(scsi_cdb_rw(cdb, false, 0, 65536, 512) == 65536 * 512 &&
	   cdb[0] == 0x88);
	ok(scsi_cdb_rw(cdb, false, 0, 0x800000, 512) == 0);
	ok(scsi_cdb_read_capacity10(cdb) == 8 && cdb[0] == 0x25);
	ok(scsi_cdb_read_capacity16(cdb) == 32 && cdb[0] == 0x9e &&
	   cdb[1] == 0x10 && be32_get(&cdb[10]) == 32);
	ok(scsi_cdb_inquiry(cdb, 36) == 36 && cdb[0] == 0x12 && cdb[4] == 36);
	ok(scsi_cdb_test_unit_ready(cdb) == 0 && cdb[0] == 0);
}

UNIT_TEST(iscsi_scsi_sense)
{
	static const uint8_t fixed[18] = { 0x70, 0, 0x05, 0, 0, 0, 0, 10,
					   0, 0, 0, 0, 0x21, 0x00 };
	static const uint8_t desc[8] = { 0x72, 0x06, 0x29, 0x01 };
	struct scsi_sense s;

	ok(scsi_parse_sense(fixed, sizeof(fixed), &s) == 0);
	ok(s.key == 5 && s.asc == 0x21 && s.ascq == 0);
	ok_str(scsi_sense_key_name(s.key), "ILLEGAL REQUEST");
	ok(scsi_parse_sense(desc, sizeof(desc), &s) == 0);
	ok(s.key == SCSI_SENSE_UNIT_ATTENTION && s.asc == 0x29 &&
	   s.ascq == 1);
	ok(scsi_parse_sense(fixed, 13, &s) == -EINVAL);
	ok(scsi_parse_sense(desc, 3, &s) == -EINVAL);
	ok(scsi_parse_sense(NULL, 0, &s) == -EINVAL);
}

/* ---- Settings ---- */

static void set_text(const char *name, const char *value)
{
	const struct setting *s = find_named_setting(name);

	ok(s != NULL);
	if (s && value)
		storef_setting(settings_root(), s, value);
	else if (s)
		delete_setting(settings_root(), s);
}

UNIT_TEST(iscsi_initiator_names)
{
	char *name;

	set_text("initiator-iqn", NULL);
	set_text("hostname", "Client-A");
	name = iscsi_initiator_name(NULL);
	ok_str(name, ISCSI_DEFAULT_IQN_PREFIX ":client-a");
	free(name);
	set_text("initiator-iqn", "iqn.2026-12.test:given");
	name = iscsi_initiator_name(NULL);
	ok_str(name, "iqn.2026-12.test:given");
	free(name);
	/* DHCP option 203 is the same setting. */
	ok(find_named_setting("initiator-iqn")->tag == 203);
	set_text("initiator-iqn", NULL);
	set_text("hostname", NULL);
}

UNIT_TEST(iscsi_credentials_from_settings)
{
	struct iscsi_secrets s;
	struct setting user = { .name = "username",
				.type = &setting_type_string };
	struct setting password = { .name = "password",
				    .type = &setting_type_string };

	storef_setting(settings_root(), &user, "alice");
	iscsi_get_credentials(&s);
	/* A user without a secret is no credential. */
	ok(!s.user && !s.secret && !s.reverse_user);
	iscsi_free_credentials(&s);
	storef_setting(settings_root(), &password, "pw");
	set_text("reverse-username", "tgt");
	iscsi_get_credentials(&s);
	ok_str(s.user, "alice");
	ok_str(s.secret, "pw");
	ok(!s.reverse_user && !s.reverse_secret);
	iscsi_free_credentials(&s);
	set_text("reverse-password", "tpw");
	iscsi_get_credentials(&s);
	ok_str(s.reverse_user, "tgt");
	ok_str(s.reverse_secret, "tpw");
	iscsi_free_credentials(&s);
	delete_setting(settings_root(), &user);
	delete_setting(settings_root(), &password);
	set_text("reverse-username", NULL);
	set_text("reverse-password", NULL);
}
