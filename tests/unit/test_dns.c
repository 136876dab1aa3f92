/* Unit tests for the DNS message helpers: name encoding, compressed
 * names (pointers, loops, every bound), queries, responses (CNAME
 * chains, truncation, NXDOMAIN, IDs and questions that do not match)
 * and RFC 3397 search lists. */
#include "test.h"
#include <errno.h>
#include <net/dns.h>

/* String literals holding NULs: sizeof - 1 drops the literal's own. */
#define BYTES(s) (const uint8_t *)(s), sizeof(s) - 1

#define QNAME "\7bootsrv\7example\4test\0"
#define HDR(flags, an) "\x12\x34" flags "\0\1\0" an "\0\0\0\0"
#define QUESTION QNAME "\0\1\0\1"
/* An A record for the name at offset 12, TTL 300 */
#define A_AT_Q "\xc0\x0c\0\1\0\1\0\0\1\x2c\0\4\xc6\x12\0\1"

/* The literal adds a NUL of its own: the name is sizeof - 1 bytes. */
static const uint8_t qname[] = QNAME;
#define QLEN (sizeof(qname) - 1)

UNIT_TEST(dns_encode)
{
	uint8_t wire[DNS_MAX_NAME];
	char text[300];

	ok(dns_encode_name("bootsrv.example.test", wire) == QLEN);
	ok_mem(wire, qname, QLEN);
	ok(dns_encode_name("bootsrv.example.test.", wire) == QLEN);
	ok_mem(wire, qname, QLEN);
	ok(dns_encode_name("", wire) == -EINVAL);
	ok(dns_encode_name(".", wire) == -EINVAL);
	ok(dns_encode_name("a..b", wire) == -EINVAL);
	ok(dns_encode_name(".a", wire) == -EINVAL);

	/* Labels of 63 bytes, not 64. */
	memset(text, 'x', 64);
	text[64] = '\0';
	ok(dns_encode_name(text, wire) == -EINVAL);
	text[63] = '\0';
	ok(dns_encode_name(text, wire) == 65);

	/* 253 characters of text make 255 bytes of wire, the most. */
	for (int i = 0; i < 253; i++)
		text[i] = i % 2 ? '.' : 'a';
	text[253] = '\0';
	ok(dns_encode_name(text, wire) == 255);
	ok(wire[254] == 0);
	text[253] = 'a';
	text[254] = '\0';
	ok(dns_encode_name(text, wire) == -EINVAL);
	text[253] = '.';
	ok(dns_encode_name(text, wire) == 255);

	ok(dns_name_text(qname, text, sizeof(text)) == 20);
	ok_str(text, "bootsrv.example.test");
	ok(dns_name_text(qname, text, 5) == 20);
	ok_str(text, "boot");
	ok(dns_name_text((const uint8_t *)"", text, sizeof(text)) == 0);
	ok_str(text, "");

	ok(dns_name_eq(qname, (const uint8_t *)"\7BootSrv\7EXAMPLE\4test"));
	ok(!dns_name_eq(qname, (const uint8_t *)"\7bootsrv\7example\0"));
	ok(!dns_name_eq(qname, (const uint8_t *)"\7bootsrw\7example\4test"));
}

UNIT_TEST(dns_names_compressed)
{
	/* "a.b" at 0, "c" + pointer to it at 5, a pointer to that at 9. */
	static const uint8_t msg[] = "\1a\1b\0\1c\xc0\0\xc0\5";
	uint8_t wire[DNS_MAX_NAME];
	size_t off;

	off = 0;
	ok(dns_read_name(msg, 11, &off, wire) == 5 && off == 5);
	ok_mem(wire, "\1a\1b", 5);
	off = 5;
	ok(dns_read_name(msg, 11, &off, wire) == 7 && off == 9);
	ok_mem(wire, "\1c\1a\1b", 7);
	off = 9;
	ok(dns_read_name(msg, 11, &off, wire) == 7 && off == 11);
	ok_mem(wire, "\1c\1a\1b", 7);

	/* Every shorter message is out of bounds for the last name. */
	for (size_t len = 9; len < 11; len++) {
		off = 9;
		ok(dns_read_name(msg, len, &off, wire) == -EBADMSG);
	}
	off = 5;
	ok(dns_read_name(msg, 8, &off, wire) == -EBADMSG);
	off = 0;
	ok(dns_read_name(msg, 4, &off, wire) == -EBADMSG);
	off = 11;
	ok(dns_read_name(msg, 11, &off, wire) == -EBADMSG);
}

UNIT_TEST(dns_names_hostile)
{
	uint8_t wire[DNS_MAX_NAME], msg[600];
	size_t off;

	/* A pointer to itself, and two pointing at each other. */
	off = 0;
	ok(dns_read_name(BYTES("\xc0\0"), &off, wire) == -EBADMSG);
	off = 0;
	ok(dns_read_name(BYTES("\xc0\2\xc0\0"), &off, wire) == -EBADMSG);
	/* A label and a pointer back to it: the name grows until too long. */
	off = 0;
	ok(dns_read_name(BYTES("\1a\xc0\0"), &off, wire) == -EBADMSG);
	/* Pointers past the end, and label types 01 and 10. */
	off = 0;
	ok(dns_read_name(BYTES("\xc0\x09\0"), &off, wire) == -EBADMSG);
	off = 0;
	ok(dns_read_name(BYTES("\x41" "a\0"), &off, wire) == -EBADMSG);
	off = 0;
	ok(dns_read_name(BYTES("\x81" "a\0"), &off, wire) == -EBADMSG);
	/* A label that runs past the end. */
	off = 0;
	ok(dns_read_name(BYTES("\5abc"), &off, wire) == -EBADMSG);

	/* 127 one-byte labels and the root make 255 bytes: the most; a
	 * 128th label is one too many.  Also through a pointer chain. */
	for (int i = 0; i < 128; i++) {
		msg[2 * i] = 1;
		msg[2 * i + 1] = 'a';
	}
	msg[256] = 0;
	off = 2;
	ok(dns_read_name(msg, 257, &off, wire) == 255 && off == 257);
	off = 0;
	ok(dns_read_name(msg, 257, &off, wire) == -EBADMSG);
	/* Pointer chains: 128 pointers are allowed, 129 are a loop. */
	for (int i = 0; i < 129; i++) {
		msg[300 + 2 * i] = 0xc0 | (300 + 2 * i + 2) >> 8;
		msg[300 + 2 * i + 1] = 300 + 2 * i + 2;
	}
	msg[300 + 2 * 129] = 0;
	off = 302;
	ok(dns_read_name(msg, 559, &off, wire) == 1 && off == 304);
	off = 300;
	ok(dns_read_name(msg, 559, &off, wire) == -EBADMSG);
}

UNIT_TEST(dns_query)
{
	static const char want[] = "\x12\x34\1\0\0\1\0\0\0\0\0\0" QUESTION;
	uint8_t buf[300];

	ok(dns_build_query(buf, sizeof(buf), 0x1234, qname) ==
	   sizeof(want) - 1);
	ok_mem(buf, want, sizeof(want) - 1);
	ok(dns_build_query(buf, sizeof(want) - 2, 0x1234, qname) == 0);
}

static int parse(const uint8_t *msg, size_t len, struct dns_answer *ans)
{
	memset(ans, 0xa5, sizeof(*ans));
	return dns_parse_response(msg, len, 0x1234, qname, ans);
}

UNIT_TEST(dns_response_a)
{
	static const char msg[] = HDR("\x81\x80", "\1") QUESTION A_AT_Q;
	struct dns_answer ans;

	ok(parse(BYTES(msg), &ans) == 0);
	ok(ans.addr.s_addr == htonl(0xc6120001));
	ok(ans.ttl == 300);
	/* Every shorter message is malformed. */
	for (size_t len = 0; len < sizeof(msg) - 1; len++)
		ok(parse((const uint8_t *)msg, len, &ans) == -EBADMSG);
}

UNIT_TEST(dns_response_cname_chain)
{
	/* alias -> mid -> bootsrv, records out of order, names
	 * compressed against each other; the least TTL counts. */
	static const char msg[] =
		"\x12\x34\x81\x80\0\1\0\3\0\0\0\0"
		"\5alias\7example\4test\0\0\1\0\1"          /* 12: question */
		"\3mid\xc0\x12\0\5\0\1\0\0\0\x3c\0\x0a"      /* 36: mid, cname: */
		"\7bootsrv\xc0\x12"                          /* 52: bootsrv */
		"\xc0\x34\0\1\0\1\0\0\1\x2c\0\4\xc6\x12\0\1" /* A */
		"\xc0\x0c\0\5\0\1\0\0\0\x78\0\2\xc0\x24";    /* alias -> mid */
	static const uint8_t alias[] = "\5alias\7example\4test";
	struct dns_answer ans;

	memset(&ans, 0, sizeof(ans));
	ok(dns_parse_response(BYTES(msg), 0x1234, alias, &ans) == 0);
	ok(ans.addr.s_addr == htonl(0xc6120001));
	ok(ans.ttl == 60);
	for (size_t len = 0; len < sizeof(msg) - 1; len++)
		ok(dns_parse_response((const uint8_t *)msg, len, 0x1234,
				      alias, &ans) == -EBADMSG);
}

UNIT_TEST(dns_response_cname_only)
{
	/* The chain leaves the message: ask again about its end. */
	static const char msg[] = HDR("\x81\x80", "\1") QUESTION
		"\xc0\x0c\0\5\0\1\0\0\0\x3c\0\6\3mid\xc0\x14";
	/* A loop of two aliases ends the same way, bounded. */
	static const char loop[] = HDR("\x81\x80", "\2") QUESTION
		"\xc0\x0c\0\5\0\1\0\0\0\x3c\0\6\3mid\xc0\x14"
		"\xc0\x32\0\5\0\1\0\0\0\x3c\0\2\xc0\x0c";
	struct dns_answer ans;

	ok(parse(BYTES(msg), &ans) == -EAGAIN);
	ok(dns_name_eq(ans.cname, (const uint8_t *)"\3mid\7example\4test"));
	ok(parse(BYTES(loop), &ans) == -EAGAIN);
}

UNIT_TEST(dns_response_errors)
{
	struct dns_answer ans;

	ok(parse(BYTES(HDR("\x81\x83", "\0") QUESTION), &ans) == -ENOHOST);
	ok(parse(BYTES(HDR("\x81\x82", "\0") QUESTION), &ans) == -EPROTO);
	ok(parse(BYTES(HDR("\x81\x85", "\0") QUESTION), &ans) == -EPROTO);
	ok(parse(BYTES(HDR("\x81\x80", "\0") QUESTION), &ans) == -ENODATA);
	/* Truncated: an error whatever the rest says. */
	ok(parse(BYTES(HDR("\x83\x80", "\1") QUESTION A_AT_Q), &ans) ==
	   -EMSGSIZE);
	ok(parse(BYTES(HDR("\x83\x80", "\0") QUESTION), &ans) == -EMSGSIZE);
	/* Not an answer to our question: another ID, a query, another
	 * opcode, no question, another name, type or class. */
	ok(parse(BYTES("\x12\x35\x81\x80\0\1\0\1\0\0\0\0" QUESTION A_AT_Q),
		 &ans) == -EBADMSG);
	ok(parse(BYTES(HDR("\x01\x80", "\1") QUESTION A_AT_Q), &ans) ==
	   -EBADMSG);
	ok(parse(BYTES(HDR("\x89\x80", "\1") QUESTION A_AT_Q), &ans) ==
	   -EBADMSG);
	ok(parse(BYTES("\x12\x34\x81\x80\0\0\0\1\0\0\0\0" A_AT_Q), &ans) ==
	   -EBADMSG);
	ok(parse(BYTES(HDR("\x81\x80", "\1") "\7bootsrv\7example\4tesu\0"
		       "\0\1\0\1" A_AT_Q), &ans) == -EBADMSG);
	ok(parse(BYTES(HDR("\x81\x80", "\1") QNAME "\0\x1c\0\1" A_AT_Q),
		 &ans) == -EBADMSG);
	ok(parse(BYTES(HDR("\x81\x80", "\1") QNAME "\0\1\0\3" A_AT_Q),
		 &ans) == -EBADMSG);
	/* An A record of the wrong size; data past the end. */
	ok(parse(BYTES(HDR("\x81\x80", "\1") QUESTION
		       "\xc0\x0c\0\1\0\1\0\0\1\x2c\0\5\xc6\x12\0\1\0"),
		 &ans) == -EBADMSG);
	ok(parse(BYTES(HDR("\x81\x80", "\1") QUESTION
		       "\xc0\x0c\0\1\0\1\0\0\1\x2c\0\5\xc6\x12\0\1"),
		 &ans) == -EBADMSG);
	/* More answers announced than there are. */
	ok(parse(BYTES(HDR("\x81\x80", "\2") QUESTION
		       "\xc0\x0c\0\x1c\0\1\0\0\1\x2c\0\0"), &ans) == -EBADMSG);
}

UNIT_TEST(dns_response_records)
{
	struct dns_answer ans;

	/* Records of other names and classes are passed over; a TTL
	 * with its top bit set counts as 0. */
	ok(parse(BYTES(HDR("\x81\x80", "\3") QUESTION
		       "\3mid\0\0\1\0\1\0\0\1\x2c\0\4\1\2\3\4"
		       "\xc0\x0c\0\1\0\3\0\0\1\x2c\0\4\1\2\3\5"
		       "\xc0\x0c\0\1\0\1\x80\0\0\0\0\4\1\2\3\6"), &ans) == 0);
	ok(ans.addr.s_addr == htonl(0x01020306));
	ok(ans.ttl == 0);
	/* Names compare without regard to case. */
	ok(parse(BYTES(HDR("\x81\x80", "\1") "\7BOOTSRV\7example\4TEST\0"
		       "\0\1\0\1" A_AT_Q), &ans) == 0);
}

UNIT_TEST(dns_search_list)
{
	/* RFC 3397's example: eng.apple.com and marketing.apple.com. */
	static const char list[] =
		"\3eng\5apple\3com\0\x09marketing\xc0\4";
	uint8_t wire[DNS_MAX_NAME];

	ok(dns_search_name(BYTES(list), 0, wire) == 0);
	ok(dns_name_eq(wire, (const uint8_t *)"\3eng\5apple\3com"));
	ok(dns_search_name(BYTES(list), 1, wire) == 0);
	ok(dns_name_eq(wire, (const uint8_t *)"\x09marketing\5apple\3com"));
	ok(dns_search_name(BYTES(list), 2, wire) == -ENOENT);
	ok(dns_search_name(BYTES(""), 0, wire) == -ENOENT);
	/* A pointer forward past the end; a list cut in a name. */
	ok(dns_search_name(BYTES("\xc0\x10"), 0, wire) == -EBADMSG);
	ok(dns_search_name((const uint8_t *)list, sizeof(list) - 2, 1,
			   wire) == -EBADMSG);
	ok(dns_search_name((const uint8_t *)list, sizeof(list) - 2, 0,
			   wire) == 0);
}
