/* The iSCSI login conversation (RFC 7143 6.3, 12, 13): which keys each
 * request carries, and what each response means.
 *
 * Security stage: AuthMethod=None without credentials; with them CHAP
 * (AuthMethod=CHAP, then CHAP_A=5, then CHAP_N/CHAP_R answering the
 * target's challenge, plus our own challenge when the target must prove
 * itself too).  Operational stage: our offer of the keys below, and the
 * values the target answers.  The engine (net/iscsi.c) sends what
 * iscsi_login_request() gives and feeds back each response. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/iscsi.h>

/* Exchanges before we take the target to be going round in circles. */
#define ISCSI_LOGIN_MAX_ROUNDS 16

void iscsi_login_init(struct iscsi_login *l, const char *initiator,
		      const char *target,
		      const struct iscsi_credentials *cred)
{
	memset(l, 0, sizeof(*l));
	l->initiator = initiator;
	l->target = target;
	l->cred = *cred;
	l->state = ISCSI_LOGIN_START;
	l->stage = ISCSI_STAGE_SECURITY;
	l->params.max_send = 8192;
	l->params.first_burst = ISCSI_FIRST_BURST;
	l->params.max_burst = ISCSI_MAX_BURST;
	l->params.initial_r2t = true;
	l->params.immediate_data = true;
}

static bool mutual(const struct iscsi_login *l)
{
	return l->cred.reverse_user && l->cred.reverse_secret;
}

static void add_operational(struct iscsi_text *t)
{
	iscsi_text_add(t, "HeaderDigest", "None");
	iscsi_text_add(t, "DataDigest", "None");
	iscsi_text_add(t, "MaxConnections", "1");
	iscsi_text_add(t, "InitialR2T", "No");
	iscsi_text_add(t, "ImmediateData", "Yes");
	iscsi_text_addf(t, "MaxRecvDataSegmentLength", "%u", ISCSI_MAX_RECV);
	iscsi_text_addf(t, "MaxBurstLength", "%u", ISCSI_MAX_BURST);
	iscsi_text_addf(t, "FirstBurstLength", "%u", ISCSI_FIRST_BURST);
	iscsi_text_add(t, "DefaultTime2Wait", "0");
	iscsi_text_add(t, "DefaultTime2Retain", "0");
	iscsi_text_add(t, "MaxOutstandingR2T", "1");
	iscsi_text_add(t, "DataPDUInOrder", "Yes");
	iscsi_text_add(t, "DataSequenceInOrder", "Yes");
	iscsi_text_add(t, "ErrorRecoveryLevel", "0");
}

static void add_chap_response(struct iscsi_login *l, struct iscsi_text *t)
{
	uint8_t resp[ISCSI_CHAP_RESPONSE_LEN];
	char hex[2 * sizeof(l->our_challenge) + 3];

	iscsi_chap_response(l->chap_id, l->cred.secret, l->chap_challenge,
			    l->chap_len, resp);
	iscsi_text_add(t, "CHAP_N", l->cred.user);
	iscsi_encode_hex(resp, sizeof(resp), hex);
	iscsi_text_add(t, "CHAP_R", hex);
	if (!mutual(l))
		return;
	/* Our challenge must not be the one we were given (RFC 7143
	 * 12.1.3): a target could otherwise reflect our own answer. */
	do {
		for (size_t i = 0; i < sizeof(l->our_challenge); i++)
			l->our_challenge[i] = random();
	} while (l->chap_len == sizeof(l->our_challenge) &&
		 memcmp(l->our_challenge, l->chap_challenge,
			l->chap_len) == 0);
	l->our_id = random();
	iscsi_text_addf(t, "CHAP_I", "%u", l->our_id);
	iscsi_encode_hex(l->our_challenge, sizeof(l->our_challenge), hex);
	iscsi_text_add(t, "CHAP_C", hex);
}

void iscsi_login_request(struct iscsi_login *l, struct iscsi_text *t,
			 uint8_t *flags)
{
	unsigned int next = l->stage == ISCSI_STAGE_SECURITY ?
			    ISCSI_STAGE_OPERATIONAL : ISCSI_STAGE_FULL;
	bool transit = true;

	switch (l->state) {
	case ISCSI_LOGIN_START:
		iscsi_text_add(t, "InitiatorName", l->initiator);
		iscsi_text_add(t, "TargetName", l->target);
		iscsi_text_add(t, "SessionType", "Normal");
		if (l->cred.user) {
			iscsi_text_add(t, "AuthMethod",
				       mutual(l) ? "CHAP" : "CHAP,None");
			transit = false;
		} else {
			iscsi_text_add(t, "AuthMethod", "None");
		}
		l->state = ISCSI_LOGIN_AUTH_METHOD;
		break;
	case ISCSI_LOGIN_CHAP_A:
		iscsi_text_addf(t, "CHAP_A", "%u", ISCSI_CHAP_MD5);
		transit = false;
		break;
	case ISCSI_LOGIN_CHAP_R:
		add_chap_response(l, t);
		break;
	case ISCSI_LOGIN_OPERATIONAL:
		add_operational(t);
		l->state = ISCSI_LOGIN_OPERATIONAL_SENT;
		break;
	default:
		/* Nothing more to say: only ask to move on. */
		break;
	}
	l->transit = transit;
	*flags = (transit ? ISCSI_LOGIN_TRANSIT : 0) | l->stage << 2 |
		 (transit ? next : 0);
}

/* A login that failed: say why, and which side refused. */
static int login_status(struct iscsi_login *l, unsigned int cls,
			unsigned int detail)
{
	if (cls == 2 && detail == 1) {
		if (l->cred.user)
			printf("iSCSI: the target refused our CHAP "
			       "credentials (username %s)\n", l->cred.user);
		else
			printf("iSCSI: the target requires authentication "
			       "(set username and password)\n");
		return -EACCES;
	}
	if (cls == 2 && detail == 2) {
		printf("iSCSI: initiator %s may not log in to %s\n",
		       l->initiator, l->target);
		return -EACCES;
	}
	if (cls == 2 && (detail == 3 || detail == 4)) {
		printf("iSCSI: the server has no target named %s\n",
		       l->target);
		return -ENOENT;
	}
	printf("iSCSI: login refused (status %02x%02x)\n", cls, detail);
	if (cls == 3 && (detail == 1 || detail == 2))
		return -ECONNREFUSED;
	return cls == 3 ? -EIO : -EPROTO;
}

static bool key_is(const char *data, size_t len, const char *key,
		   const char *want)
{
	char buf[16];
	const char *v = iscsi_text_get(data, len, key, buf, sizeof(buf));

	return v && strcmp(v, want) == 0;
}

/* The target's CHAP_A/CHAP_I/CHAP_C. */
static int take_challenge(struct iscsi_login *l, const char *data,
			  size_t len)
{
	char buf[2 * ISCSI_CHAP_CHALLENGE_MAX + 3], *end;
	const char *v;
	unsigned long id;
	int n;

	if (!key_is(data, len, "CHAP_A", "5")) {
		printf("iSCSI: the target offers no CHAP with MD5\n");
		return -ENOTSUP;
	}
	v = iscsi_text_get(data, len, "CHAP_I", buf, sizeof(buf));
	if (!v || !*v)
		return -EPROTO;
	/* A number, in decimal or "0x" hex (RFC 7143 6.1). */
	id = v[0] == '0' && (v[1] == 'x' || v[1] == 'X') ?
	     strtoul(v + 2, &end, 16) : strtoul(v, &end, 10);
	if (*end || id > 255)
		return -EPROTO;
	l->chap_id = id;
	v = iscsi_text_get(data, len, "CHAP_C", buf, sizeof(buf));
	n = v ? iscsi_decode_binary(v, l->chap_challenge,
				    sizeof(l->chap_challenge)) : -EINVAL;
	if (n < 0)
		return -EPROTO;
	l->chap_len = n;
	return 0;
}

/* Mutual CHAP: the target's answer to our challenge. */
static int check_target(struct iscsi_login *l, const char *data, size_t len)
{
	char name[ISCSI_NAME_MAX + 1], hex[64];
	uint8_t got[ISCSI_CHAP_RESPONSE_LEN + 1], want[sizeof(got)];
	const char *n = iscsi_text_get(data, len, "CHAP_N", name, sizeof(name));
	const char *r = iscsi_text_get(data, len, "CHAP_R", hex, sizeof(hex));

	iscsi_chap_response(l->our_id, l->cred.reverse_secret,
			    l->our_challenge, sizeof(l->our_challenge), want);
	if (!n || !r) {
		printf("iSCSI: the target did not answer our CHAP "
		       "challenge (mutual CHAP)\n");
		return -EACCES;
	}
	if (strcmp(n, l->cred.reverse_user) != 0 ||
	    iscsi_decode_binary(r, got, sizeof(got)) !=
	    ISCSI_CHAP_RESPONSE_LEN ||
	    memcmp(got, want, ISCSI_CHAP_RESPONSE_LEN) != 0) {
		printf("iSCSI: the target failed mutual CHAP (its name or "
		       "response does not match reverse-username and "
		       "reverse-password)\n");
		return -EACCES;
	}
	return 0;
}

/* A number the target answered for key, or def. */
static uint32_t number(const char *data, size_t len, const char *key,
		       uint32_t def)
{
	char buf[16], *end;
	const char *v = iscsi_text_get(data, len, key, buf, sizeof(buf));
	unsigned long n;

	if (!v || !*v)
		return def;
	n = strtoul(v, &end, 10);
	return *end || n < 512 || n > 0xffffff ? def : n;
}

static int take_operational(struct iscsi_login *l, const char *data,
			    size_t len)
{
	struct iscsi_params *p = &l->params;
	char buf[16];

	if ((iscsi_text_get(data, len, "HeaderDigest", buf, sizeof(buf)) &&
	     strcmp(buf, "None") != 0) ||
	    (iscsi_text_get(data, len, "DataDigest", buf, sizeof(buf)) &&
	     strcmp(buf, "None") != 0)) {
		printf("iSCSI: the target insists on digests\n");
		return -ENOTSUP;
	}
	p->max_send = number(data, len, "MaxRecvDataSegmentLength",
			     p->max_send);
	p->max_burst = MIN(number(data, len, "MaxBurstLength", p->max_burst),
			   (uint32_t)ISCSI_MAX_BURST);
	p->first_burst = MIN(number(data, len, "FirstBurstLength",
				    p->first_burst), p->max_burst);
	if (iscsi_text_get(data, len, "InitialR2T", buf, sizeof(buf)))
		p->initial_r2t = strcmp(buf, "No") != 0;
	if (iscsi_text_get(data, len, "ImmediateData", buf, sizeof(buf)))
		p->immediate_data = strcmp(buf, "Yes") == 0;
	return 0;
}

/* The security stage's answer to our first request. */
static int take_auth_method(struct iscsi_login *l, const char *data,
			    size_t len, bool moved)
{
	if (moved || key_is(data, len, "AuthMethod", "None")) {
		if (mutual(l)) {
			printf("iSCSI: the target would not authenticate "
			       "itself (mutual CHAP)\n");
			return -EACCES;
		}
		l->state = ISCSI_LOGIN_SECURITY_DONE;
		return 0;
	}
	if (!key_is(data, len, "AuthMethod", "CHAP")) {
		printf("iSCSI: no authentication method in common\n");
		return -EACCES;
	}
	if (!l->cred.user) {
		printf("iSCSI: the target requires CHAP (set username and "
		       "password)\n");
		return -EACCES;
	}
	l->state = ISCSI_LOGIN_CHAP_A;
	return 0;
}

int iscsi_login_response(struct iscsi_login *l, const struct iscsi_bhs *h,
			 const char *data, size_t len)
{
	unsigned int cls = h->b[ISCSI_OFF_LOGIN_CLASS];
	unsigned int detail = h->b[ISCSI_OFF_LOGIN_DETAIL];
	uint8_t flags = h->b[ISCSI_OFF_FLAGS];
	bool moved = (flags & ISCSI_LOGIN_TRANSIT) && l->transit;
	int rc = 0;

	if (cls == 1) {
		if (!iscsi_text_get(data, len, "TargetAddress", l->redirect,
				    sizeof(l->redirect))) {
			printf("iSCSI: redirected without an address\n");
			return -EPROTO;
		}
		return 2;
	}
	if (cls != 0)
		return login_status(l, cls, detail);
	if (++l->rounds > ISCSI_LOGIN_MAX_ROUNDS)
		return -EPROTO;
	switch (l->state) {
	case ISCSI_LOGIN_AUTH_METHOD:
		rc = take_auth_method(l, data, len, moved);
		break;
	case ISCSI_LOGIN_CHAP_A:
		rc = take_challenge(l, data, len);
		if (rc == 0)
			l->state = ISCSI_LOGIN_CHAP_R;
		break;
	case ISCSI_LOGIN_CHAP_R:
		if (mutual(l))
			rc = check_target(l, data, len);
		l->state = ISCSI_LOGIN_SECURITY_DONE;
		break;
	case ISCSI_LOGIN_SECURITY_DONE:
		break;
	case ISCSI_LOGIN_OPERATIONAL_SENT:
		rc = take_operational(l, data, len);
		break;
	default:
		rc = -EPROTO;
		break;
	}
	if (rc || !moved)
		return rc;
	l->stage = flags & 3;
	if (l->stage == ISCSI_STAGE_FULL) {
		l->state = ISCSI_LOGIN_DONE;
		return 1;
	}
	if (l->stage != ISCSI_STAGE_OPERATIONAL)
		return -EPROTO;
	l->state = ISCSI_LOGIN_OPERATIONAL;
	return 0;
}
