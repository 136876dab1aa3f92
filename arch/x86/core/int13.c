/* SAN drives as BIOS drives: the INT 13h disk services (IBM PC BIOS,
 * and the Enhanced Disk Drive Specification 3.0 for 41h-48h) answered
 * from the SAN layer, every other drive passed on to the BIOS.  Our
 * drives count in the BIOS data area's number of hard disks (40:75h).
 * A disk holding an ISO 9660 file system is a CD-ROM drive (numbered
 * from E0h, not counted as a hard disk) with 2048-byte sectors and the
 * El Torito status call (4Bh); booting is sanboot.c's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/compiler.h>
#include <cxboot/pci.h>
#include <cxboot/san.h>
#include <net/netdevice.h>
#include <bios.h>
#include <bioshook.h>
#include <chs.h>
#include <eltorito.h>
#include <int13.h>

#define INT13_VECTOR 0x13

/* Status codes (AH) */
#define STATUS_OK 0x00
#define STATUS_INVALID 0x01
#define STATUS_NOT_FOUND 0x04	/* sector not found, read error */
#define STATUS_TIMEOUT 0x80
#define STATUS_WRITE_FAULT 0xcc

/* One SAN command carries at most this much of a longer transfer. */
#define MAX_CMD_BYTES 65536

#define CD_SECTOR 2048
#define CD_FIRST_DRIVE 0xe0
/* ISO 9660: the primary volume descriptor, type 1 and "CD001", at
 * byte 32 KiB */
#define ISO_PVD_OFFSET 0x8000

enum op { OP_READ, OP_WRITE, OP_VERIFY };

struct int13_drive {
	struct chs_geometry chs;
	uint8_t status;		/* of the last call (AH=01h) */
	unsigned int per_sector;	/* device blocks per INT 13h sector */
	bool cdrom;
	struct eltorito_image image;	/* what booted from it (4Bh) */
};

/* Disk address packet (AH=42h-44h, 47h) */
struct int13_dap {
	uint8_t size, reserved;
	uint16_t count;
	uint16_t off, seg;
	uint64_t lba;
	uint64_t flat;		/* if size >= 0x18 and seg:off FFFF:FFFF */
} __packed;

/* Drive parameters (AH=48h), with the EDD 3.0 device path */
struct int13_params {
	uint16_t size, flags;
	uint32_t cylinders, heads, sectors;
	uint64_t blocks;
	uint16_t blksize;
	uint32_t dpte;		/* FFFF:FFFF: none */
	/* device path information */
	uint16_t key;
	uint8_t path_len, reserved1;
	uint16_t reserved2;
	char bus[4];
	char interface[8];
	uint8_t interface_path[8];
	uint8_t device_path[16];
	uint8_t reserved3;
	uint8_t checksum;	/* bytes from key on sum to 0 */
} __packed;

#define PARAMS_V1_SIZE 0x1a
#define PARAMS_V2_SIZE 0x1e
#define PARAMS_CHS_VALID 0x0002
#define PARAMS_PATH_KEY 0xbedd

static uint32_t int13_old;		/* the BIOS's handler */
static unsigned int bios_disks;		/* its count of hard disks */
static unsigned int nr_hooked;

static uint8_t *bda_disks(void)
{
	return real_to_flat(0x40, 0x75);
}

static unsigned int ah(const struct bios_regs *r)
{
	return r->eax >> 8 & 0xff;
}

static void set_ah(struct bios_regs *r, unsigned int v)
{
	r->eax = (r->eax & ~0xff00) | (v & 0xff) << 8;
}

static void set_cf(struct bios_regs *r, bool on)
{
	r->eflags = on ? r->eflags | EFLAGS_CF : r->eflags & ~EFLAGS_CF;
}

static bool hard_disk(unsigned int drive)
{
	return drive >= 0x80 && drive < CD_FIRST_DRIVE;
}

/* Hard disks: the BIOS's and ours, whose numbers may leave gaps. */
static void bda_update(struct san_device *add, struct san_device *gone)
{
	unsigned int count = bios_disks;
	struct san_device *s;

	list_for_each_entry(s, &san_devices, list)
		if (s != gone && hard_disk(s->drive))
			count = MAX(count, (s->drive & 0x7f) + 1);
	if (add && hard_disk(add->drive))
		count = MAX(count, (add->drive & 0x7f) + 1);
	*bda_disks() = count;
}

/* Sectors as INT 13h counts them (2048 bytes on a CD-ROM) */
static uint64_t sectors(struct san_device *s)
{
	struct int13_drive *d = s->arch;

	return s->blocks / d->per_sector;
}

static int transfer(struct san_device *s, enum op op, uint64_t lba,
		    unsigned int count, uint8_t *buf, unsigned int *done)
{
	struct int13_drive *d = s->arch;
	size_t size = s->blksize * d->per_sector;
	unsigned int per_cmd = MAX(MAX_CMD_BYTES / size, 1);

	*done = 0;
	if (lba > sectors(s) || count > sectors(s) - lba)
		return STATUS_NOT_FOUND;
	while (*done < count) {
		unsigned int n = MIN(count - *done, per_cmd);
		uint64_t block = (lba + *done) * d->per_sector;
		uint8_t *at = buf + *done * size;
		int rc = 0;

		if (op == OP_READ)
			rc = san_read(s, block, n * d->per_sector, at);
		else if (op == OP_WRITE)
			rc = san_write(s, block, n * d->per_sector, at);
		if (rc)
			return rc == -ETIMEDOUT ? STATUS_TIMEOUT :
				op == OP_WRITE ? STATUS_WRITE_FAULT :
				STATUS_NOT_FOUND;
		*done += n;
	}
	return STATUS_OK;
}

/* AH=02h-04h: AL blocks at CX/DH to ES:BX; AL = blocks done. */
static int chs_rw(struct san_device *s, struct bios_regs *r, enum op op)
{
	struct int13_drive *d = s->arch;
	int64_t lba = chs_to_lba(&d->chs, r->ecx, r->edx >> 8);
	unsigned int count = r->eax & 0xff, done = 0;
	int status = STATUS_INVALID;

	if (lba < 0)
		status = STATUS_NOT_FOUND;
	else if (count)
		status = transfer(s, op, lba, count,
				  real_to_flat(r->es, r->ebx), &done);
	r->eax = (r->eax & ~0xff) | done;
	return status;
}

static struct int13_dap *dap(const struct bios_regs *r)
{
	struct int13_dap *p = real_to_flat(r->ds, r->esi);

	return p->size >= 0x10 ? p : NULL;
}

/* AH=42h-44h: the packet at DS:SI; its count becomes blocks done. */
static int ext_rw(struct san_device *s, struct bios_regs *r, enum op op)
{
	struct int13_dap *p = dap(r);
	unsigned int done;
	uint8_t *buf;
	int status;

	if (!p)
		return STATUS_INVALID;
	if (p->size >= 0x18 && p->off == 0xffff && p->seg == 0xffff) {
		if (p->flat >> 32)
			return STATUS_INVALID;
		buf = (uint8_t *)(uintptr_t)p->flat;
	} else {
		buf = real_to_flat(p->seg, p->off);
	}
	status = transfer(s, op, p->lba, p->count, buf, &done);
	p->count = done;
	return status;
}

/* AH=47h */
static int ext_seek(struct san_device *s, struct bios_regs *r)
{
	struct int13_dap *p = dap(r);

	if (!p)
		return STATUS_INVALID;
	return p->lba < sectors(s) ? STATUS_OK : STATUS_NOT_FOUND;
}

/* AH=08h: highest cylinder, sector and head; DL the number of disks. */
static int get_params(struct san_device *s, struct bios_regs *r)
{
	struct int13_drive *d = s->arch;

	r->ecx = (r->ecx & ~0xffff) | chs_max_cx(&d->chs);
	r->edx = (r->edx & ~0xffff) | chs_max_dh(&d->chs) << 8 |
		*bda_disks();
	return STATUS_OK;
}

/* AH=15h: a fixed disk of CX:DX blocks (AH is the type, not a status). */
static void get_type(struct san_device *s, struct bios_regs *r)
{
	uint32_t blocks = MIN(sectors(s), 0xffffffffULL);

	set_ah(r, 0x03);
	r->ecx = (r->ecx & ~0xffff) | blocks >> 16;
	r->edx = (r->edx & ~0xffff) | (blocks & 0xffff);
	set_cf(r, false);
}

/* AH=41h: EDD 3.0, with the extended access functions (42h-44h, 47h,
 * 48h: bit 0) and drive parameters with the device path (bit 2). */
static void ext_check(struct bios_regs *r)
{
	if ((r->ebx & 0xffff) != 0x55aa) {
		set_ah(r, STATUS_INVALID);
		set_cf(r, true);
		return;
	}
	set_ah(r, 0x30);
	r->ebx = (r->ebx & ~0xffff) | 0xaa55;
	r->ecx = (r->ecx & ~0xffff) | 0x0005;
	set_cf(r, false);
}

/* EDD device path: the port an iSCSI session runs over (PCI bus,
 * slot, function, no channel) and the SCSI target and LUN.  False if
 * there is none to give. */
static bool device_path(struct san_device *s, struct int13_params *p)
{
	struct san_description desc;
	struct iscsi_description *iscsi = &desc.iscsi;
	uint64_t lun;
	uint8_t sum = 0;

	if (san_describe(s, &desc) != 0 || desc.kind != SAN_KIND_ISCSI ||
	    !iscsi->netdev || iscsi->netdev->bus.type != NETDEV_BUS_PCI)
		return false;
	p->key = PARAMS_PATH_KEY;
	p->path_len = sizeof(*p) - offsetof(struct int13_params, key);
	memcpy(p->bus, "PCI ", 4);
	memcpy(p->interface, "SCSI    ", 8);
	p->interface_path[0] = PCI_BUS(iscsi->netdev->bus.bdf);
	p->interface_path[1] = PCI_SLOT(iscsi->netdev->bus.bdf);
	p->interface_path[2] = PCI_FUNC(iscsi->netdev->bus.bdf);
	p->interface_path[3] = 0xff;
	/* Target ID 0 (one target per session); the LUN as a number
	 * (SAM peripheral or flat addressing, first level). */
	lun = (iscsi->lun[0] & 0x3f) << 8 | iscsi->lun[1];
	memcpy(&p->device_path[2], &lun, sizeof(lun));
	for (uint8_t *b = (uint8_t *)&p->key; b < &p->checksum; b++)
		sum += *b;
	p->checksum = -sum;
	return true;
}

/* AH=48h: the buffer at DS:SI, whose first word is its size. */
static int ext_params(struct san_device *s, struct bios_regs *r)
{
	struct int13_drive *d = s->arch;
	uint8_t *buf = real_to_flat(r->ds, r->esi);
	struct int13_params p = {
		.flags = PARAMS_CHS_VALID,
		.cylinders = d->chs.cylinders,
		.heads = d->chs.heads,
		.sectors = d->chs.sectors,
		.blocks = sectors(s),
		.blksize = s->blksize * d->per_sector,
		.dpte = 0xffffffff,
	};
	uint16_t room;

	memcpy(&room, buf, sizeof(room));
	if (room < PARAMS_V1_SIZE)
		return STATUS_INVALID;
	p.size = room >= sizeof(p) && device_path(s, &p) ? sizeof(p) :
		room >= PARAMS_V2_SIZE ? PARAMS_V2_SIZE : PARAMS_V1_SIZE;
	memcpy(buf, &p, p.size);
	return STATUS_OK;
}

/* AH=4Bh (AL=00h terminate emulation, 01h status): the El Torito
 * specification packet at DS:SI.  No emulation: nothing to end. */
static int cd_status(struct san_device *s, struct bios_regs *r)
{
	struct int13_drive *d = s->arch;

	if (!d->cdrom || (r->eax & 0xff) > 0x01)
		return STATUS_INVALID;
	eltorito_status(real_to_flat(r->ds, r->esi), s->drive, &d->image);
	return STATUS_OK;
}

static void san_int13(struct san_device *s, struct bios_regs *r)
{
	struct int13_drive *d = s->arch;
	int status;

	switch (ah(r)) {
	case 0x00: status = STATUS_OK; break;
	case 0x01: status = d->status; break;
	case 0x02: status = chs_rw(s, r, OP_READ); break;
	case 0x03: status = chs_rw(s, r, OP_WRITE); break;
	case 0x04: status = chs_rw(s, r, OP_VERIFY); break;
	case 0x08: status = get_params(s, r); break;
	case 0x15: get_type(s, r); d->status = STATUS_OK; return;
	case 0x41: ext_check(r); return;
	case 0x42: status = ext_rw(s, r, OP_READ); break;
	case 0x43: status = ext_rw(s, r, OP_WRITE); break;
	case 0x44: status = ext_rw(s, r, OP_VERIFY); break;
	case 0x47: status = ext_seek(s, r); break;
	case 0x48: status = ext_params(s, r); break;
	case 0x4b: status = cd_status(s, r); break;
	default: status = STATUS_INVALID; break;
	}
	d->status = ah(r) == 0x01 ? STATUS_OK : status;
	set_ah(r, status);
	set_cf(r, status != STATUS_OK);
}

static void int13_call(struct bios_call *call)
{
	struct bios_regs *r = call->regs;
	struct san_device *s = san_find(r->edx & 0xff);

	if (s) {
		san_int13(s, r);
	} else if (ah(r) == 0x08 && (r->edx & 0x80)) {
		/* The BIOS's own disk, but the count includes ours. */
		bios_int_at(int13_old, r);
		if (!(r->eflags & EFLAGS_CF))
			r->edx = (r->edx & ~0xff) | *bda_disks();
	} else {
		call->chain = true;
	}
}

/* Is there an ISO 9660 file system on it? */
static bool iso9660(struct san_device *s)
{
	uint8_t *buf;
	bool found;

	if (s->blksize > CD_SECTOR || CD_SECTOR % s->blksize ||
	    s->blocks < (ISO_PVD_OFFSET + CD_SECTOR) / s->blksize)
		return false;
	buf = malloc(CD_SECTOR);
	if (!buf)
		return false;
	found = san_read(s, ISO_PVD_OFFSET / s->blksize,
			 CD_SECTOR / s->blksize, buf) == 0 &&
		buf[0] == 1 && !memcmp(buf + 1, "CD001", 5);
	free(buf);
	return found;
}

int arch_san_hook(struct san_device *s)
{
	struct int13_drive *d;
	int rc;

	if (!nr_hooked)
		bios_disks = *bda_disks();
	d = zalloc(sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->cdrom = iso9660(s);
	d->per_sector = d->cdrom ? CD_SECTOR / s->blksize : 1;
	if (!s->drive) {
		s->drive = d->cdrom ? CD_FIRST_DRIVE : 0x80 + bios_disks;
		while (san_find(s->drive))
			s->drive++;
	}
	if (s->drive > 0xff) {
		free(d);
		return -ENOSPC;
	}
	chs_geometry(s->blocks / d->per_sector, &d->chs);
	if (!nr_hooked) {
		rc = hook_bios_interrupt(INT13_VECTOR, int13_call, &int13_old);
		if (rc) {
			free(d);
			return rc;
		}
	}
	nr_hooked++;
	s->arch = d;
	bda_update(s, NULL);
	return 0;
}

void arch_san_unhook(struct san_device *s)
{
	free(s->arch);
	s->arch = NULL;
	bda_update(NULL, s);
	/* If someone hooked INT 13h after us, our entry stays and passes
	 * every call on. */
	if (--nr_hooked == 0)
		unhook_bios_interrupt(INT13_VECTOR, int13_call);
}

void int13_booted(unsigned int drive, const struct eltorito_image *image)
{
	struct san_device *s = san_find(drive);
	struct int13_drive *d = s ? s->arch : NULL;

	if (d)
		d->image = *image;
}
