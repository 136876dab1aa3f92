/* SAN devices: disks opened from URIs (iscsi:, http:) through the block
 * operations of a data-transfer interface, and offered by the platform
 * as BIOS drives.  A drive may have several URIs, alternative paths to
 * one disk: the first that opens is used, the next when it fails.
 * san_read()/san_write() wait for the command, reconnecting (same path,
 * then the others) when the connection drops, for a bounded time. */
#ifndef CXBOOT_SAN_H
#define CXBOOT_SAN_H
#include <cxboot/compiler.h>
#include <cxboot/list.h>
#include <cxboot/refcnt.h>
#include <cxboot/xfer.h>
#include <net/in.h>

struct uri;
struct net_device;

#define SAN_MAX_PATHS 4
#define SAN_DEFAULT_DRIVE 0x80

/* Flags for san_hook() */
#define SAN_NO_DESCRIBE 0x01   /* not in the iBFT */

/* What the OS needs to find an iSCSI disk again (iBFT).  The strings
 * belong to the device and stay valid while it is open. */
struct iscsi_description {
	struct net_device *netdev;   /* the port the session runs over */
	struct in_addr target;
	uint16_t port;
	uint8_t lun[8];              /* SAM LUN structure, as in the PDUs */
	const char *target_name;
	const char *initiator_name;
	const char *chap_user, *chap_secret;        /* NULL: no CHAP */
	const char *reverse_user, *reverse_secret;  /* NULL: not mutual */
};

enum san_kind { SAN_KIND_NONE, SAN_KIND_ISCSI };

struct san_description {
	enum san_kind kind;
	union {
		struct iscsi_description iscsi;
	};
};

struct san_device {
	struct refcnt refcnt;
	struct list_head list;
	unsigned int drive;            /* BIOS drive number */
	unsigned int flags;
	struct uri *paths[SAN_MAX_PATHS];
	unsigned int npaths, path;     /* alternatives; the one in use */
	struct xfer block;             /* our end of the open device */
	bool busy;                     /* a command is in flight */
	int cmd_rc;                    /* its status, once !busy */
	int close_rc;                  /* why the device last closed */
	uint64_t blocks;               /* capacity, from the first open */
	size_t blksize;
	void *arch;                    /* the platform's per-drive state */
};

/* Open uris (npaths of them) as one drive and give it to the platform
 * (drive 0: the next free number).  *out, if not NULL, gets the device
 * (no reference taken: it lives until san_unhook). */
int san_hook(unsigned int drive, struct uri **uris, unsigned int npaths,
	     unsigned int flags, struct san_device **out);
int san_unhook(unsigned int drive);
struct san_device *san_find(unsigned int drive);
/* The hooked drives, in hook order. */
extern struct list_head san_devices;

/* Synchronous block I/O on count blocks at lba. */
int san_read(struct san_device *s, uint64_t lba, unsigned int count,
	     void *buf);
int san_write(struct san_device *s, uint64_t lba, unsigned int count,
	      const void *buf);
/* What the device says for the iBFT (SAN_KIND_NONE if nothing). */
int san_describe(struct san_device *s, struct san_description *desc);

/* The platform's side (INT 13h on the PC, a stand-in when hosted). */
/* Take a newly opened drive: choose s->drive if 0; may refuse. */
int arch_san_hook(struct san_device *s);
void arch_san_unhook(struct san_device *s);
/* Boot from a drive (hooked, or the BIOS's own: "sanboot --drive 0x80"
 * boots the local disk) as a BIOS would; returns only on failure. */
int arch_san_boot(unsigned int drive);
/* The set of described drives changed: rebuild what the OS reads. */
void arch_san_describe(void);

#endif
