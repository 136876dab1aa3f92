/* virtio-net over PCI (the NIC QEMU and other hypervisors offer).
 *
 * Both transports of the virtio specification: "legacy" (virtio 0.9.5,
 * all registers in I/O BAR 0) and "modern" (virtio 1.0, registers found
 * through vendor-specific PCI capabilities).  A transitional device
 * (1af4:1000) speaks both and is driven as modern when its capabilities
 * are reachable; a modern-only device is 1af4:1041.
 *
 * One receive queue (0) and one transmit queue (1), split virtqueues.
 * Every packet takes two descriptors, the virtio-net header and then the
 * frame, because a legacy device without ANY_LAYOUT insists on that; a
 * modern one accepts it as well.  No offloads are negotiated, so every
 * header is zero on transmit and ignored on receive.  Everything is
 * polled: the device is asked not to interrupt. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/io.h>
#include <cxboot/malloc.h>
#include <cxboot/pci.h>
#include <cxboot/timer.h>
#include <net/ethernet.h>

#define VIRTIO_VENDOR 0x1af4
#define VIRTIO_NET_TRANSITIONAL 0x1000
#define VIRTIO_NET_MODERN 0x1041

/* Device status */
#define STATUS_ACKNOWLEDGE 0x01
#define STATUS_DRIVER 0x02
#define STATUS_DRIVER_OK 0x04
#define STATUS_FEATURES_OK 0x08
#define STATUS_FAILED 0x80

/* Feature bits */
#define NET_F_MAC (1ULL << 5)
#define NET_F_STATUS (1ULL << 16)
#define F_VERSION_1 (1ULL << 32)

/* Device configuration (virtio_net_config) */
#define NET_CFG_MAC 0
#define NET_CFG_STATUS 6
#define NET_S_LINK_UP 0x1

/* Legacy registers in I/O BAR 0 */
#define LEG_DEVICE_FEATURES 0x00
#define LEG_GUEST_FEATURES 0x04
#define LEG_QUEUE_PFN 0x08
#define LEG_QUEUE_NUM 0x0c
#define LEG_QUEUE_SEL 0x0e
#define LEG_QUEUE_NOTIFY 0x10
#define LEG_STATUS 0x12
#define LEG_CONFIG 0x14		/* device configuration, MSI-X off */
#define LEG_CONFIG_MSIX 0x18	/* ... MSI-X on */
#define MSIX_CONTROL 2
#define MSIX_ENABLE 0x8000
#define LEG_QUEUE_ALIGN 4096
#define LEG_PFN_SHIFT 12

/* Modern: struct virtio_pci_cap in a vendor-specific capability */
#define CAP_CFG_TYPE 3
#define CAP_BAR 4
#define CAP_OFFSET 8
#define CAP_LENGTH 12
#define CAP_NOTIFY_MULT 16
#define CAP_COMMON 1
#define CAP_NOTIFY 2
#define CAP_ISR 3
#define CAP_DEVICE 4

/* Modern: common configuration (virtio_pci_common_cfg) */
#define COM_DFSELECT 0x00
#define COM_DF 0x04
#define COM_GFSELECT 0x08
#define COM_GF 0x0c
#define COM_STATUS 0x14
#define COM_Q_SELECT 0x16
#define COM_Q_SIZE 0x18
#define COM_Q_MSIX 0x1a
#define COM_Q_ENABLE 0x1c
#define COM_Q_NOFF 0x1e
#define COM_Q_DESC 0x20
#define COM_Q_AVAIL 0x28
#define COM_Q_USED 0x30
#define COM_LEN 0x38
#define NO_VECTOR 0xffff

/* Split virtqueue */
struct vring_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};
#define DESC_F_NEXT 1
#define DESC_F_WRITE 2

struct vring_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
};
#define AVAIL_F_NO_INTERRUPT 1

struct vring_used_elem {
	uint32_t id;
	uint32_t len;
};

struct vring_used {
	uint16_t flags;
	uint16_t idx;
	struct vring_used_elem ring[];
};
#define USED_F_NO_NOTIFY 1

#define RX_QUEUE 0
#define TX_QUEUE 1
#define MAX_QUEUE_SIZE 256
#define RX_FILL 64		/* receive buffers posted at most */
#define RX_BUF_LEN 1536		/* a full frame plus a VLAN tag */
#define LEGACY_HDR_LEN 10	/* virtio_net_hdr */
#define MODERN_HDR_LEN 12	/* ... with num_buffers */
#define LINK_CHECK_TICKS (TICKS_PER_SEC / 10)
#define RESET_WAIT_MS 1000

/* A register block: I/O ports when regs is NULL, else memory. */
struct vio_regs {
	unsigned long port;
	void *regs;
};

/* A virtqueue.  Packet slot i owns descriptors 2i (header) and 2i+1
 * (frame), chained once at set-up. */
struct vq {
	unsigned int index;
	unsigned int size;		/* descriptors, a power of two */
	unsigned int slots;		/* size / 2 */
	void *mem;
	size_t mem_len;
	volatile struct vring_desc *desc;
	volatile struct vring_avail *avail;
	volatile struct vring_used *used;
	uint16_t avail_idx;		/* our copy of avail->idx */
	uint16_t used_idx;		/* next used entry to reap */
	unsigned int notify_off;	/* modern: queue_notify_off */
	uint8_t *hdrs;			/* one header per slot */
	struct io_buffer **iob;		/* buffer per slot, or NULL */
};

struct virtnet {
	struct pci_device *pci;
	struct net_device *netdev;
	bool modern;
	struct vio_regs legacy;		/* legacy: the I/O BAR */
	struct vio_regs common, notify, cfg;	/* cfg also for legacy */
	uint32_t notify_mult, notify_len;
	uint64_t features;		/* negotiated */
	size_t hdr_len;
	struct vq rx, tx;
	unsigned int tx_next;		/* where to look for a free slot */
	unsigned long link_checked;
};

static uint32_t vio_read(const struct vio_regs *r, unsigned int off,
			 unsigned int size)
{
	if (!r->regs) {
		if (size == 1)
			return inb(r->port + off);
		return size == 2 ? inw(r->port + off) : inl(r->port + off);
	}
	if (size == 1)
		return readb((uint8_t *)r->regs + off);
	return size == 2 ? readw((uint8_t *)r->regs + off) :
			   readl((uint8_t *)r->regs + off);
}

static void vio_write(const struct vio_regs *r, unsigned int off,
		      unsigned int size, uint32_t v)
{
	if (!r->regs) {
		if (size == 1)
			outb(v, r->port + off);
		else if (size == 2)
			outw(v, r->port + off);
		else
			outl(v, r->port + off);
	} else if (size == 1) {
		writeb(v, (uint8_t *)r->regs + off);
	} else if (size == 2) {
		writew(v, (uint8_t *)r->regs + off);
	} else {
		writel(v, (uint8_t *)r->regs + off);
	}
}

/* --- transport: status, features, queue registration --- */

static uint8_t get_status(struct virtnet *vn)
{
	if (vn->modern)
		return vio_read(&vn->common, COM_STATUS, 1);
	return vio_read(&vn->legacy, LEG_STATUS, 1);
}

static void set_status(struct virtnet *vn, uint8_t status)
{
	if (vn->modern)
		vio_write(&vn->common, COM_STATUS, 1, status);
	else
		vio_write(&vn->legacy, LEG_STATUS, 1, status);
}

static void add_status(struct virtnet *vn, uint8_t bits)
{
	set_status(vn, get_status(vn) | bits);
}

/* Writing 0 resets the device, which then forgets its queues and does
 * no more DMA.  A modern device says it is done by reading back 0. */
static int reset(struct virtnet *vn)
{
	unsigned int ms;

	set_status(vn, 0);
	for (ms = 0; ms < RESET_WAIT_MS; ms++) {
		if (get_status(vn) == 0)
			return 0;
		udelay(1000);
	}
	return -ETIMEDOUT;
}

static uint64_t device_features(struct virtnet *vn)
{
	uint64_t f;

	if (!vn->modern)
		return vio_read(&vn->legacy, LEG_DEVICE_FEATURES, 4);
	vio_write(&vn->common, COM_DFSELECT, 4, 0);
	f = vio_read(&vn->common, COM_DF, 4);
	vio_write(&vn->common, COM_DFSELECT, 4, 1);
	return f | (uint64_t)vio_read(&vn->common, COM_DF, 4) << 32;
}

static void driver_features(struct virtnet *vn, uint64_t f)
{
	if (!vn->modern) {
		vio_write(&vn->legacy, LEG_GUEST_FEATURES, 4, f);
		return;
	}
	vio_write(&vn->common, COM_GFSELECT, 4, 0);
	vio_write(&vn->common, COM_GF, 4, f);
	vio_write(&vn->common, COM_GFSELECT, 4, 1);
	vio_write(&vn->common, COM_GF, 4, f >> 32);
}

/* Reset, announce ourselves and agree on features: the MAC address and
 * link status if offered, nothing that changes the packet format.  A
 * modern device must accept VERSION_1. */
static int negotiate(struct virtnet *vn)
{
	uint64_t offered, wanted;
	int rc;

	rc = reset(vn);
	if (rc)
		return rc;
	set_status(vn, STATUS_ACKNOWLEDGE);
	add_status(vn, STATUS_DRIVER);
	offered = device_features(vn);
	wanted = offered & (NET_F_MAC | NET_F_STATUS);
	if (vn->modern) {
		if (!(offered & F_VERSION_1))
			goto fail;
		wanted |= F_VERSION_1;
	}
	driver_features(vn, wanted);
	vn->features = wanted;
	if (vn->modern) {
		add_status(vn, STATUS_FEATURES_OK);
		if (!(get_status(vn) & STATUS_FEATURES_OK))
			goto fail;
	}
	return 0;
fail:
	add_status(vn, STATUS_FAILED);
	return -ENOTSUP;
}

static uint8_t cfg_read8(struct virtnet *vn, unsigned int off)
{
	return vio_read(&vn->cfg, off, 1);
}

static uint16_t cfg_read16(struct virtnet *vn, unsigned int off)
{
	return vio_read(&vn->cfg, off, 2);
}

static void notify(struct virtnet *vn, struct vq *vq)
{
	if (vn->modern)
		vio_write(&vn->notify, vq->notify_off * vn->notify_mult, 2,
			  vq->index);
	else
		vio_write(&vn->legacy, LEG_QUEUE_NOTIFY, 2, vq->index);
}

/* --- virtqueues --- */

/* The legacy layout, which also meets modern alignment rules:
 * descriptors, the available ring, then the used ring on the next
 * 4 KiB boundary. */
static size_t used_offset(unsigned int size)
{
	size_t n = 16 * size + 6 + 2 * size;

	return (n + LEG_QUEUE_ALIGN - 1) & ~(size_t)(LEG_QUEUE_ALIGN - 1);
}

static size_t ring_bytes(unsigned int size)
{
	size_t used = 6 + 8 * size;

	return used_offset(size) +
	       ((used + LEG_QUEUE_ALIGN - 1) & ~(size_t)(LEG_QUEUE_ALIGN - 1));
}

static void vq_free(struct vq *vq)
{
	free_phys(vq->mem, vq->mem_len);
	free_phys(vq->hdrs, vq->slots * MODERN_HDR_LEN);
	free(vq->iob);
	vq->mem = NULL;
	vq->hdrs = NULL;
	vq->iob = NULL;
}

static int vq_alloc(struct virtnet *vn, struct vq *vq, unsigned int size,
		    bool device_writes)
{
	unsigned int i;
	uint16_t flags = device_writes ? DESC_F_WRITE : 0;

	if (size < 2 || (size & (size - 1)))
		return -EINVAL;
	vq->size = size;
	vq->slots = size / 2;
	vq->mem_len = ring_bytes(size);
	vq->mem = malloc_phys(vq->mem_len, LEG_QUEUE_ALIGN);
	vq->hdrs = malloc_phys(vq->slots * MODERN_HDR_LEN, 16);
	vq->iob = zalloc(vq->slots * sizeof(vq->iob[0]));
	if (!vq->mem || !vq->hdrs || !vq->iob) {
		vq_free(vq);
		return -ENOMEM;
	}
	memset(vq->mem, 0, vq->mem_len);
	memset(vq->hdrs, 0, vq->slots * MODERN_HDR_LEN);
	vq->desc = vq->mem;
	vq->avail = (void *)((char *)vq->mem + 16 * size);
	vq->used = (void *)((char *)vq->mem + used_offset(size));
	vq->avail_idx = vq->used_idx = 0;
	for (i = 0; i < vq->slots; i++) {
		volatile struct vring_desc *hdr = &vq->desc[2 * i];

		hdr->addr = virt_to_bus(vq->hdrs + i * vn->hdr_len);
		hdr->len = vn->hdr_len;
		hdr->flags = flags | DESC_F_NEXT;
		hdr->next = 2 * i + 1;
		vq->desc[2 * i + 1].flags = flags;
	}
	/* We poll; interrupts would only disturb the BIOS. */
	vq->avail->flags = AVAIL_F_NO_INTERRUPT;
	return 0;
}

static int vq_setup_legacy(struct virtnet *vn, struct vq *vq, bool rx)
{
	unsigned int size;
	int rc;

	vio_write(&vn->legacy, LEG_QUEUE_SEL, 2, vq->index);
	size = vio_read(&vn->legacy, LEG_QUEUE_NUM, 2);
	if (!size)
		return -ENOENT;
	/* A legacy device fixes the size. */
	rc = vq_alloc(vn, vq, size, rx);
	if (rc)
		return rc;
	vio_write(&vn->legacy, LEG_QUEUE_PFN, 4,
		  virt_to_bus(vq->mem) >> LEG_PFN_SHIFT);
	return 0;
}

static void write64(struct vio_regs *r, unsigned int off, uint64_t v)
{
	vio_write(r, off, 4, v);
	vio_write(r, off + 4, 4, v >> 32);
}

static int vq_setup_modern(struct virtnet *vn, struct vq *vq, bool rx)
{
	unsigned int size;
	int rc;

	vio_write(&vn->common, COM_Q_SELECT, 2, vq->index);
	size = vio_read(&vn->common, COM_Q_SIZE, 2);
	if (!size)
		return -ENOENT;
	if (size > MAX_QUEUE_SIZE)
		size = MAX_QUEUE_SIZE;
	rc = vq_alloc(vn, vq, size, rx);
	if (rc)
		return rc;
	vio_write(&vn->common, COM_Q_SIZE, 2, size);
	vio_write(&vn->common, COM_Q_MSIX, 2, NO_VECTOR);
	vq->notify_off = vio_read(&vn->common, COM_Q_NOFF, 2);
	if ((uint64_t)vq->notify_off * vn->notify_mult + 2 > vn->notify_len)
		return -EINVAL;
	write64(&vn->common, COM_Q_DESC, virt_to_bus(vq->desc));
	write64(&vn->common, COM_Q_AVAIL, virt_to_bus(vq->avail));
	write64(&vn->common, COM_Q_USED, virt_to_bus(vq->used));
	vio_write(&vn->common, COM_Q_ENABLE, 2, 1);
	return 0;
}

/* Offer the slot's descriptor chain to the device (seen after kick). */
static void vq_post(struct vq *vq, unsigned int slot)
{
	vq->avail->ring[vq->avail_idx & (vq->size - 1)] = 2 * slot;
	vq->avail_idx++;
}

static void vq_kick(struct virtnet *vn, struct vq *vq)
{
	if (vq->avail->idx == vq->avail_idx)
		return;
	wmb();
	vq->avail->idx = vq->avail_idx;
	mb();
	if (!(vq->used->flags & USED_F_NO_NOTIFY))
		notify(vn, vq);
}

/* The next completed slot, or -1.  *len is what the device wrote. */
static int vq_reap(struct vq *vq, size_t *len)
{
	volatile struct vring_used_elem *e;
	uint32_t id;

	while (vq->used_idx != vq->used->idx) {
		rmb();
		e = &vq->used->ring[vq->used_idx & (vq->size - 1)];
		id = e->id;
		*len = e->len;
		vq->used_idx++;
		if (id < vq->size && !(id & 1) && vq->iob[id / 2])
			return id / 2;
	}
	return -1;
}

/* --- the network device --- */

static void rx_fill(struct virtnet *vn)
{
	struct vq *vq = &vn->rx;
	unsigned int i, posted = 0;

	for (i = 0; i < vq->slots; i++)
		if (vq->iob[i])
			posted++;
	for (i = 0; i < vq->slots && posted < RX_FILL; i++) {
		struct io_buffer *iob;

		if (vq->iob[i])
			continue;
		iob = alloc_iob(RX_BUF_LEN);
		if (!iob)
			break;
		vq->iob[i] = iob;
		vq->desc[2 * i + 1].addr = virt_to_bus(iob->data);
		vq->desc[2 * i + 1].len = RX_BUF_LEN;
		vq_post(vq, i);
		posted++;
	}
	vq_kick(vn, vq);
}

static void check_link(struct virtnet *vn)
{
	vn->link_checked = currticks();
	if (!(vn->features & NET_F_STATUS) ||
	    (cfg_read16(vn, NET_CFG_STATUS) & NET_S_LINK_UP))
		netdev_link_up(vn->netdev);
	else
		netdev_link_down(vn->netdev);
}

static void release_buffers(struct virtnet *vn)
{
	unsigned int i;

	for (i = 0; vn->rx.iob && i < vn->rx.slots; i++)
		free_iob(vn->rx.iob[i]);
	vq_free(&vn->rx);
	/* Transmit buffers belong to the core, which cancels them. */
	vq_free(&vn->tx);
}

static int virtnet_open(struct net_device *netdev)
{
	struct virtnet *vn = netdev->priv;
	int rc;

	rc = negotiate(vn);
	if (rc)
		return rc;
	vn->rx.index = RX_QUEUE;
	vn->tx.index = TX_QUEUE;
	vn->tx_next = 0;
	if (vn->modern) {
		rc = vq_setup_modern(vn, &vn->rx, true);
		if (!rc)
			rc = vq_setup_modern(vn, &vn->tx, false);
	} else {
		rc = vq_setup_legacy(vn, &vn->rx, true);
		if (!rc)
			rc = vq_setup_legacy(vn, &vn->tx, false);
	}
	if (rc)
		goto fail;
	add_status(vn, STATUS_DRIVER_OK);
	rx_fill(vn);
	check_link(vn);
	return 0;
fail:
	add_status(vn, STATUS_FAILED);
	reset(vn);
	release_buffers(vn);
	return rc;
}

static void virtnet_close(struct net_device *netdev)
{
	struct virtnet *vn = netdev->priv;

	reset(vn);
	release_buffers(vn);
}

static int virtnet_transmit(struct net_device *netdev, struct io_buffer *iob)
{
	struct virtnet *vn = netdev->priv;
	struct vq *vq = &vn->tx;
	unsigned int i, slot;

	for (i = 0; i < vq->slots; i++) {
		slot = (vn->tx_next + i) % vq->slots;
		if (!vq->iob[slot])
			break;
	}
	if (i == vq->slots)
		return -ENOBUFS;
	vn->tx_next = (slot + 1) % vq->slots;
	vq->iob[slot] = iob;
	vq->desc[2 * slot + 1].addr = virt_to_bus(iob->data);
	vq->desc[2 * slot + 1].len = iob_len(iob);
	vq_post(vq, slot);
	vq_kick(vn, vq);
	return 0;
}

static void virtnet_poll(struct net_device *netdev)
{
	struct virtnet *vn = netdev->priv;
	struct io_buffer *iob;
	size_t len;
	int slot;

	while ((slot = vq_reap(&vn->tx, &len)) >= 0) {
		iob = vn->tx.iob[slot];
		vn->tx.iob[slot] = NULL;
		netdev_tx_complete(netdev, iob, 0);
	}
	while ((slot = vq_reap(&vn->rx, &len)) >= 0) {
		iob = vn->rx.iob[slot];
		vn->rx.iob[slot] = NULL;
		if (len < vn->hdr_len || len - vn->hdr_len > RX_BUF_LEN) {
			netdev_rx_err(netdev, iob, -EIO);
			continue;
		}
		iob_put(iob, len - vn->hdr_len);
		netdev_rx(netdev, iob);
	}
	rx_fill(vn);
	if (currticks() - vn->link_checked >= LINK_CHECK_TICKS)
		check_link(vn);
}

static const struct net_device_operations virtnet_ops = {
	.open = virtnet_open,
	.close = virtnet_close,
	.transmit = virtnet_transmit,
	.poll = virtnet_poll,
};

/* --- finding the transport --- */

/* Map the region a virtio capability describes. */
static int map_cap(struct virtnet *vn, unsigned int cap, size_t min_len,
		   struct vio_regs *r, uint32_t *len)
{
	struct pci_device *pci = vn->pci;
	uint32_t offset = pci_read32(pci, cap + CAP_OFFSET);
	uint32_t length = pci_read32(pci, cap + CAP_LENGTH);
	struct pci_bar bar;
	int rc;

	if (length < min_len)
		return -EINVAL;
	rc = pci_read_bar(pci, pci_read8(pci, cap + CAP_BAR), &bar);
	if (rc)
		return rc;
	if ((uint64_t)offset + length > bar.size)
		return -EINVAL;
	if (len)
		*len = length;
	if (bar.flags & PCI_BAR_IO) {
		r->regs = NULL;
		r->port = bar.start + offset;
		return 0;
	}
	/* Beyond what this platform can address (a 64-bit BAR above
	 * 4 GiB on a 32-bit one). */
	r->regs = ioremap(bar.start + offset, length);
	return r->regs ? 0 : -ENOTSUP;
}

/* The modern registers, from the first capability of each type. */
static int find_modern(struct virtnet *vn)
{
	struct pci_device *pci = vn->pci;
	unsigned int cap, type, found = 0;
	int rc = 0;

	for (cap = pci_find_capability(pci, PCI_CAP_VENDOR); cap && !rc;
	     cap = pci_find_next_capability(pci, cap, PCI_CAP_VENDOR)) {
		type = pci_read8(pci, cap + CAP_CFG_TYPE);
		if (type > 31 || (found & (1u << type)))
			continue;
		switch (type) {
		case CAP_COMMON:
			rc = map_cap(vn, cap, COM_LEN, &vn->common, NULL);
			break;
		case CAP_NOTIFY:
			vn->notify_mult = pci_read32(pci, cap + CAP_NOTIFY_MULT);
			rc = map_cap(vn, cap, 2, &vn->notify,
				     &vn->notify_len);
			break;
		case CAP_DEVICE:
			rc = map_cap(vn, cap, NET_CFG_STATUS + 2, &vn->cfg,
				     NULL);
			break;
		default:
			continue;
		}
		found |= 1u << type;
	}
	if (rc)
		return rc;
	if ((found & (1u << CAP_COMMON | 1u << CAP_NOTIFY | 1u << CAP_DEVICE))
	    != (1u << CAP_COMMON | 1u << CAP_NOTIFY | 1u << CAP_DEVICE))
		return -ENOENT;
	return 0;
}

static int find_legacy(struct virtnet *vn)
{
	struct pci_bar bar;
	unsigned int msix = pci_find_capability(vn->pci, PCI_CAP_MSIX);
	unsigned int cfg = LEG_CONFIG;
	int rc = pci_read_bar(vn->pci, 0, &bar);

	if (rc)
		return rc;
	/* MSI-X, if something left it on, moves the device config. */
	if (msix && (pci_read16(vn->pci, msix + MSIX_CONTROL) & MSIX_ENABLE))
		cfg = LEG_CONFIG_MSIX;
	if (!(bar.flags & PCI_BAR_IO) || bar.size < cfg + NET_CFG_STATUS + 2)
		return -ENOENT;
	vn->legacy.regs = NULL;
	vn->legacy.port = bar.start;
	vn->cfg.regs = NULL;
	vn->cfg.port = bar.start + cfg;
	return 0;
}

static int virtnet_probe(struct pci_device *pci)
{
	struct net_device *netdev;
	struct virtnet *vn;
	unsigned int i;
	int rc;

	netdev = alloc_etherdev(sizeof(*vn));
	if (!netdev)
		return -ENOMEM;
	vn = netdev->priv;
	vn->pci = pci;
	vn->netdev = netdev;
	pci_enable(pci, PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
		   PCI_COMMAND_MASTER);

	rc = find_modern(vn);
	vn->modern = rc == 0;
	if (!vn->modern && pci->device == VIRTIO_NET_TRANSITIONAL)
		rc = find_legacy(vn);
	if (rc)
		goto fail;
	vn->hdr_len = vn->modern ? MODERN_HDR_LEN : LEGACY_HDR_LEN;

	/* Features are only agreed on for the MAC; the device stays reset
	 * until opened. */
	rc = negotiate(vn);
	if (rc)
		goto fail;
	if (vn->features & NET_F_MAC) {
		for (i = 0; i < ETH_ALEN; i++)
			netdev->hw_addr[i] = cfg_read8(vn, NET_CFG_MAC + i);
	} else {
		/* A locally administered address from the bus location. */
		netdev->hw_addr[0] = 0x02;
		netdev->hw_addr[4] = PCI_BUS(pci->bdf);
		netdev->hw_addr[5] = pci->bdf & 0xff;
	}
	reset(vn);

	netdev->op = &virtnet_ops;
	rc = pci_netdev_register(pci, netdev, 1);
	if (rc)
		goto fail;
	pci->priv = vn;
	return 0;
fail:
	pci_disable(pci, PCI_COMMAND_MASTER);
	netdev_put(netdev);
	return rc;
}

static void virtnet_remove(struct pci_device *pci)
{
	struct virtnet *vn = pci->priv;
	struct net_device *netdev = vn->netdev;

	reset(vn);
	pci_disable(pci, PCI_COMMAND_MASTER);
	pci_netdev_unregister(netdev);
}

static const struct pci_device_id virtnet_ids[] = {
	PCI_ID(VIRTIO_VENDOR, VIRTIO_NET_TRANSITIONAL, "virtio-net"),
	PCI_ID(VIRTIO_VENDOR, VIRTIO_NET_MODERN, "virtio-net (1.0)"),
};

PCI_DRIVER(virtnet_driver) = {
	.name = "virtio-net",
	.ids = virtnet_ids,
	.id_count = ARRAY_SIZE(virtnet_ids),
	.probe = virtnet_probe,
	.remove = virtnet_remove,
};
