/* Unit tests for the TFTP packet helpers: RRQ encoding, OACK parsing and
 * checking, block-number unwrapping and the retransmission timeout. */
#include "test.h"
#include <errno.h>
#include <net/tftp.h>

/* String literals holding NULs: sizeof - 1 drops the literal's own. */
#define BYTES(s) s, sizeof(s) - 1

UNIT_TEST(tftp_rrq)
{
	static const char want_full[] =
		"\0\1boot/vmlinuz\0octet\0blksize\0001468\0tsize\0000\0"
		"windowsize\00064";
	static const char want_bare[] = "\0\1/srv/x\0octet";
	struct tftp_options want = { .blksize = 1468, .windowsize = 64,
				     .has_tsize = true, .tsize = 0 };
	struct tftp_options none = { 0 };
	uint8_t buf[128];
	size_t len;

	len = tftp_build_rrq(buf, sizeof(buf), "boot/vmlinuz", &want);
	ok(len == sizeof(want_full));
	ok_mem(buf, want_full, sizeof(want_full));

	len = tftp_build_rrq(buf, sizeof(buf), "/srv/x", &none);
	ok(len == sizeof(want_bare));
	ok_mem(buf, want_bare, sizeof(want_bare));

	/* Too small: the full length is reported, nothing is overrun. */
	memset(buf, 0xa5, sizeof(buf));
	len = tftp_build_rrq(buf, 10, "boot/vmlinuz", &want);
	ok(len == sizeof(want_full));
	ok_mem(buf, want_full, 10);
	ok(buf[10] == 0xa5);
	ok(tftp_build_rrq(NULL, 0, "boot/vmlinuz", &want) ==
	   sizeof(want_full));
}

UNIT_TEST(tftp_oack_good)
{
	struct tftp_options o;

	ok(tftp_parse_oack(BYTES("blksize\0001468\0tsize\0008388608\0"
				 "windowsize\00032\0"), &o) == 0);
	ok(o.blksize == 1468);
	ok(o.windowsize == 32);
	ok(o.has_tsize && o.tsize == 8388608);

	/* Names are case-insensitive; unknown options are ignored. */
	ok(tftp_parse_oack(BYTES("BlkSize\000512\0timeout\0005\0"
				 "X-Vendor\0\0TSIZE\0000\0"), &o) == 0);
	ok(o.blksize == 512);
	ok(o.windowsize == 0);
	ok(o.has_tsize && o.tsize == 0);

	/* An OACK with nothing we know. */
	ok(tftp_parse_oack("", 0, &o) == 0);
	ok(o.blksize == 0 && o.windowsize == 0 && !o.has_tsize);

	/* Range limits themselves are fine. */
	ok(tftp_parse_oack(BYTES("blksize\0008\0windowsize\00065535\0"),
			   &o) == 0);
	ok(o.blksize == 8 && o.windowsize == 65535);
	ok(tftp_parse_oack(BYTES("blksize\00065464\0windowsize\0001\0"),
			   &o) == 0);
	ok(o.blksize == 65464 && o.windowsize == 1);
}

UNIT_TEST(tftp_oack_malformed)
{
	struct tftp_options o;

	/* Missing NULs. */
	ok(tftp_parse_oack(BYTES("blksize\0001468"), &o) == -EBADMSG);
	ok(tftp_parse_oack(BYTES("blksize"), &o) == -EBADMSG);
	ok(tftp_parse_oack(BYTES("blksize\0"), &o) == -EBADMSG);
	ok(tftp_parse_oack(BYTES("tsize\0001\0blks"), &o) == -EBADMSG);
	/* Empty name. */
	ok(tftp_parse_oack(BYTES("\0001468\0"), &o) == -EBADMSG);
	/* Garbage values. */
	ok(tftp_parse_oack(BYTES("blksize\0\0"), &o) == -EBADMSG);
	ok(tftp_parse_oack(BYTES("blksize\0001468x\0"), &o) == -EBADMSG);
	ok(tftp_parse_oack(BYTES("blksize\000+512\0"), &o) == -EBADMSG);
	ok(tftp_parse_oack(BYTES("blksize\000 512\0"), &o) == -EBADMSG);
	ok(tftp_parse_oack(BYTES("tsize\000-1\0"), &o) == -EBADMSG);
	ok(tftp_parse_oack(BYTES("windowsize\0000x10\0"), &o) == -EBADMSG);
	/* The same option twice. */
	ok(tftp_parse_oack(BYTES("blksize\000512\0BLKSIZE\000512\0"), &o) ==
	   -EBADMSG);
	ok(tftp_parse_oack(BYTES("tsize\0001\0tsize\0001\0"), &o) ==
	   -EBADMSG);
}

UNIT_TEST(tftp_oack_range)
{
	struct tftp_options o;

	ok(tftp_parse_oack(BYTES("blksize\0007\0"), &o) == -EINVAL);
	ok(tftp_parse_oack(BYTES("blksize\00065465\0"), &o) == -EINVAL);
	ok(tftp_parse_oack(BYTES("blksize\0000\0"), &o) == -EINVAL);
	ok(tftp_parse_oack(BYTES("windowsize\0000\0"), &o) == -EINVAL);
	ok(tftp_parse_oack(BYTES("windowsize\00065536\0"), &o) == -EINVAL);
	ok(tftp_parse_oack(BYTES("blksize\000"
				 "99999999999999999999999999\0"), &o) ==
	   -EINVAL);
	ok(tftp_parse_oack(BYTES("blksize\0004294967808\0"), &o) == -EINVAL);
}

UNIT_TEST(tftp_oack_check)
{
	struct tftp_options want = { .blksize = 1468, .windowsize = 64,
				     .has_tsize = true };
	struct tftp_options plain = { .has_tsize = true };
	struct tftp_options got;

	got = (struct tftp_options){ .blksize = 1468, .windowsize = 64 };
	ok(tftp_check_oack(&got, &want) == 0);
	got = (struct tftp_options){ .blksize = 1024, .windowsize = 8,
				     .has_tsize = true, .tsize = 5 };
	ok(tftp_check_oack(&got, &want) == 0);
	got = (struct tftp_options){ 0 };
	ok(tftp_check_oack(&got, &want) == 0);

	/* More than asked. */
	got = (struct tftp_options){ .blksize = 1469 };
	ok(tftp_check_oack(&got, &want) == -EINVAL);
	got = (struct tftp_options){ .windowsize = 65 };
	ok(tftp_check_oack(&got, &want) == -EINVAL);
	/* Not asked at all. */
	got = (struct tftp_options){ .blksize = 512 };
	ok(tftp_check_oack(&got, &plain) == -EINVAL);
	got = (struct tftp_options){ .windowsize = 1 };
	ok(tftp_check_oack(&got, &plain) == -EINVAL);
	got = (struct tftp_options){ .has_tsize = true };
	ok(tftp_check_oack(&got, &(struct tftp_options){ 0 }) == -EINVAL);
}

UNIT_TEST(tftp_block_unwrap)
{
	ok(tftp_unwrap_block(0, 1) == 1);
	ok(tftp_unwrap_block(1, 2) == 2);
	ok(tftp_unwrap_block(1, 1) == 1);
	ok(tftp_unwrap_block(10, 5) == 5);
	/* Across the wrap: 65535 is followed by 0. */
	ok(tftp_unwrap_block(65535, 0) == 65536);
	ok(tftp_unwrap_block(65534, 2) == 65538);
	ok(tftp_unwrap_block(65536, 65535) == 65535);
	ok(tftp_unwrap_block(65536, 1) == 65537);
	ok(tftp_unwrap_block(131071, 0) == 131072);
	ok(tftp_unwrap_block(70000, 70000 & 0xffff) == 70000);
	ok(tftp_unwrap_block(70000, (70000 + 64) & 0xffff) == 70064);
	/* Before the first block, a high number is an old one. */
	ok((int32_t)(tftp_unwrap_block(0, 65535) - 0) == -1);
	/* A 64 MiB file at 512-byte blocks ends at block 131072 (+1). */
	{
		uint32_t last = 0, n;

		for (n = 1; n <= 131073; n++) {
			last = tftp_unwrap_block(last, n & 0xffff);
			if (last != n)
				break;
		}
		ok(n == 131074);
	}
}
