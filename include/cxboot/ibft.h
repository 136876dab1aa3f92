/* The iSCSI Boot Firmware Table (iBFT, specification 1.03): how the
 * firmware tells the OS which iSCSI disks it used, through which NIC
 * and with which credentials, so that the OS can log in to the same
 * disks again.  This module lays the table out in a caller's buffer;
 * the platform puts it where its OS looks (arch_san_describe).
 *
 * The control structure has slots for two NICs and two targets: the
 * first two described drives are in the table, further ones are not. */
#ifndef CXBOOT_IBFT_H
#define CXBOOT_IBFT_H
#include <cxboot/compiler.h>

struct iscsi_description;

#define IBFT_MAX_TARGETS 2
/* Room for any table: the structures and every string at its longest
 * (iSCSI names are at most 223 bytes, CHAP names and secrets 255). */
#define IBFT_MAX_SIZE 4096

/* Build a table describing n sessions (1 <= n <= IBFT_MAX_TARGETS,
 * each with its netdev) into buf.  Returns the table's length, or
 * -EINVAL (bad n, no netdev), -ENOSPC (buf too small). */
int ibft_build(void *buf, size_t len,
	       const struct iscsi_description *descs, unsigned int n);

/* The same for the hooked SAN drives that are to be described (iSCSI,
 * with a netdev, not SAN_NO_DESCRIBE), in hook order.  Returns the
 * table's length, 0 when there is nothing to describe, or a negative
 * error. */
int ibft_build_san(void *buf, size_t len);

#endif
