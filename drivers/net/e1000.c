/* Intel 8254x gigabit Ethernet, as far as QEMU's "e1000" (82540EM,
 * 8086:100e) needs: registers in memory BAR 0, legacy receive and
 * transmit descriptors, the MAC address from receive address 0 (or the
 * EEPROM), link state from STATUS.LU.  Register offsets and bits follow
 * the PCI/PCI-X Family of Gigabit Ethernet Controllers Software
 * Developer's Manual (8254x).  Interrupts stay masked; everything is
 * polled. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/io.h>
#include <cxboot/malloc.h>
#include <cxboot/pci.h>
#include <cxboot/timer.h>
#include <net/ethernet.h>

/* Registers */
#define CTRL 0x0000
#define STATUS 0x0008
#define EERD 0x0014
#define ICR 0x00c0
#define IMC 0x00d8
#define RCTL 0x0100
#define TCTL 0x0400
#define TIPG 0x0410
#define RDBAL 0x2800
#define RDBAH 0x2804
#define RDLEN 0x2808
#define RDH 0x2810
#define RDT 0x2818
#define RDTR 0x2820
#define TDBAL 0x3800
#define TDBAH 0x3804
#define TDLEN 0x3808
#define TDH 0x3810
#define TDT 0x3818
#define TIDV 0x3820
#define MTA 0x5200
#define MTA_COUNT 128
#define RAL0 0x5400
#define RAH0 0x5404

#define CTRL_ASDE (1u << 5)
#define CTRL_SLU (1u << 6)
#define CTRL_RST (1u << 26)
#define CTRL_PHY_RST (1u << 31)

#define STATUS_LU (1u << 1)

#define EERD_START (1u << 0)
#define EERD_DONE (1u << 4)
#define EERD_ADDR_SHIFT 8
#define EERD_DATA_SHIFT 16

#define RCTL_EN (1u << 1)
#define RCTL_BAM (1u << 15)
#define RCTL_BSIZE_2048 (0u << 16)
#define RCTL_SECRC (1u << 26)

#define TCTL_EN (1u << 1)
#define TCTL_PSP (1u << 3)
#define TCTL_CT(n) ((n) << 4)
#define TCTL_COLD(n) ((n) << 12)

/* IPGT 10, IPGR1 8, IPGR2 6: the manual's values for copper (IEEE 802.3) */
#define TIPG_COPPER (10u | 8u << 10 | 6u << 20)

#define RAH_AV (1u << 31)

struct rx_desc {
	uint64_t addr;
	uint16_t len;
	uint16_t csum;
	uint8_t status;
	uint8_t errors;
	uint16_t special;
};
#define RXD_STAT_DD 0x01
#define RXD_STAT_EOP 0x02

struct tx_desc {
	uint64_t addr;
	uint16_t len;
	uint8_t cso;
	uint8_t cmd;
	uint8_t status;
	uint8_t css;
	uint16_t special;
};
#define TXD_CMD_EOP 0x01
#define TXD_CMD_IFCS 0x02
#define TXD_CMD_RS 0x08
#define TXD_STAT_DD 0x01

/* Ring lengths must be multiples of 128 bytes (8 descriptors). */
#define NUM_RX 32
#define NUM_TX 32
#define RING_ALIGN 128
#define RX_BUF_LEN 2048		/* RCTL.BSIZE */
#define LINK_CHECK_TICKS (TICKS_PER_SEC / 10)

struct e1000 {
	struct pci_device *pci;
	struct net_device *netdev;
	void *regs;
	volatile struct rx_desc *rx;
	volatile struct tx_desc *tx;
	struct io_buffer *rx_iob[NUM_RX];
	struct io_buffer *tx_iob[NUM_TX];
	/* Free-running producer and consumer counts */
	unsigned int rx_prod, rx_cons, tx_prod, tx_cons;
	unsigned long link_checked;
};

static uint32_t rd(struct e1000 *nic, unsigned int reg)
{
	return readl((uint8_t *)nic->regs + reg);
}

static void wr(struct e1000 *nic, unsigned int reg, uint32_t v)
{
	writel(v, (uint8_t *)nic->regs + reg);
}

/* A full reset stops all DMA and reloads the address from the EEPROM.
 * Interrupts are masked before and after, as the reset unmasks none but
 * may leave causes pending. */
static void e1000_reset(struct e1000 *nic)
{
	wr(nic, IMC, 0xffffffff);
	wr(nic, RCTL, 0);
	wr(nic, TCTL, 0);
	rd(nic, STATUS);	/* flush the posted writes */
	udelay(10000);
	wr(nic, CTRL, rd(nic, CTRL) | CTRL_RST);
	udelay(20000);
	wr(nic, IMC, 0xffffffff);
	rd(nic, ICR);
}

static int eeprom_read(struct e1000 *nic, unsigned int word, uint16_t *v)
{
	unsigned int i;
	uint32_t r;

	wr(nic, EERD, EERD_START | word << EERD_ADDR_SHIFT);
	for (i = 0; i < 1000; i++) {
		r = rd(nic, EERD);
		if (r & EERD_DONE) {
			*v = r >> EERD_DATA_SHIFT;
			return 0;
		}
		udelay(10);
	}
	return -ETIMEDOUT;
}

static int read_mac(struct e1000 *nic, uint8_t *mac)
{
	uint32_t lo = rd(nic, RAL0), hi = rd(nic, RAH0);
	unsigned int i;
	uint16_t w;
	int rc;

	if (hi & RAH_AV) {
		for (i = 0; i < 4; i++)
			mac[i] = lo >> (8 * i);
		mac[4] = hi;
		mac[5] = hi >> 8;
		return 0;
	}
	/* Words 0-2 of the EEPROM hold the address, low byte first. */
	for (i = 0; i < 3; i++) {
		rc = eeprom_read(nic, i, &w);
		if (rc)
			return rc;
		mac[2 * i] = w;
		mac[2 * i + 1] = w >> 8;
	}
	return 0;
}

static void write_mac(struct e1000 *nic, const uint8_t *mac)
{
	wr(nic, RAL0, mac[0] | mac[1] << 8 | mac[2] << 16 |
	   (uint32_t)mac[3] << 24);
	wr(nic, RAH0, mac[4] | mac[5] << 8 | RAH_AV);
}

static void check_link(struct e1000 *nic)
{
	nic->link_checked = currticks();
	if (rd(nic, STATUS) & STATUS_LU)
		netdev_link_up(nic->netdev);
	else
		netdev_link_down(nic->netdev);
}

/* Give the hardware every free receive descriptor.  It owns those from
 * RDH up to RDT - 1, so one slot always stays empty. */
static void rx_fill(struct e1000 *nic)
{
	unsigned int i, old = nic->rx_prod;

	while (nic->rx_prod - nic->rx_cons < NUM_RX - 1) {
		struct io_buffer *iob = alloc_iob(RX_BUF_LEN);

		if (!iob)
			break;
		i = nic->rx_prod % NUM_RX;
		nic->rx_iob[i] = iob;
		nic->rx[i].addr = virt_to_bus(iob->data);
		nic->rx[i].status = 0;
		nic->rx_prod++;
	}
	if (nic->rx_prod != old) {
		wmb();
		wr(nic, RDT, nic->rx_prod % NUM_RX);
	}
}

static void free_rings(struct e1000 *nic)
{
	unsigned int i;

	for (i = 0; i < NUM_RX; i++) {
		free_iob(nic->rx_iob[i]);
		nic->rx_iob[i] = NULL;
	}
	/* Transmit buffers belong to the core, which cancels them. */
	memset(nic->tx_iob, 0, sizeof(nic->tx_iob));
	free_phys((void *)nic->rx, NUM_RX * sizeof(*nic->rx));
	free_phys((void *)nic->tx, NUM_TX * sizeof(*nic->tx));
	nic->rx = NULL;
	nic->tx = NULL;
}

static int e1000_open(struct net_device *netdev)
{
	struct e1000 *nic = netdev->priv;
	uint64_t bus;
	unsigned int i;

	e1000_reset(nic);
	wr(nic, CTRL, (rd(nic, CTRL) & ~(CTRL_RST | CTRL_PHY_RST)) |
	   CTRL_SLU | CTRL_ASDE);
	write_mac(nic, netdev->ll_addr);
	for (i = 0; i < MTA_COUNT; i++)
		wr(nic, MTA + 4 * i, 0);

	nic->rx = malloc_phys(NUM_RX * sizeof(*nic->rx), RING_ALIGN);
	nic->tx = malloc_phys(NUM_TX * sizeof(*nic->tx), RING_ALIGN);
	if (!nic->rx || !nic->tx) {
		free_rings(nic);
		return -ENOMEM;
	}
	memset((void *)nic->rx, 0, NUM_RX * sizeof(*nic->rx));
	memset((void *)nic->tx, 0, NUM_TX * sizeof(*nic->tx));
	nic->rx_prod = nic->rx_cons = nic->tx_prod = nic->tx_cons = 0;

	bus = virt_to_bus((void *)nic->tx);
	wr(nic, TDBAL, bus);
	wr(nic, TDBAH, bus >> 32);
	wr(nic, TDLEN, NUM_TX * sizeof(*nic->tx));
	wr(nic, TDH, 0);
	wr(nic, TDT, 0);
	wr(nic, TIDV, 0);
	wr(nic, TIPG, TIPG_COPPER);
	wr(nic, TCTL, TCTL_EN | TCTL_PSP | TCTL_CT(0x0f) | TCTL_COLD(0x40));

	bus = virt_to_bus((void *)nic->rx);
	wr(nic, RDBAL, bus);
	wr(nic, RDBAH, bus >> 32);
	wr(nic, RDLEN, NUM_RX * sizeof(*nic->rx));
	wr(nic, RDH, 0);
	wr(nic, RDT, 0);
	wr(nic, RDTR, 0);
	rx_fill(nic);
	wr(nic, RCTL, RCTL_EN | RCTL_BAM | RCTL_BSIZE_2048 | RCTL_SECRC);

	check_link(nic);
	return 0;
}

static void e1000_close(struct net_device *netdev)
{
	struct e1000 *nic = netdev->priv;

	e1000_reset(nic);
	free_rings(nic);
}

static int e1000_transmit(struct net_device *netdev, struct io_buffer *iob)
{
	struct e1000 *nic = netdev->priv;
	volatile struct tx_desc *d;
	unsigned int i;

	if (nic->tx_prod - nic->tx_cons >= NUM_TX - 1)
		return -ENOBUFS;
	i = nic->tx_prod % NUM_TX;
	d = &nic->tx[i];
	d->addr = virt_to_bus(iob->data);
	d->len = iob_len(iob);
	d->cso = 0;
	d->cmd = TXD_CMD_EOP | TXD_CMD_IFCS | TXD_CMD_RS;
	d->status = 0;
	d->css = 0;
	d->special = 0;
	nic->tx_iob[i] = iob;
	nic->tx_prod++;
	wmb();
	wr(nic, TDT, nic->tx_prod % NUM_TX);
	return 0;
}

static void e1000_poll(struct net_device *netdev)
{
	struct e1000 *nic = netdev->priv;
	struct io_buffer *iob;
	unsigned int i;

	while (nic->tx_cons != nic->tx_prod) {
		i = nic->tx_cons % NUM_TX;
		if (!(nic->tx[i].status & TXD_STAT_DD))
			break;
		iob = nic->tx_iob[i];
		nic->tx_iob[i] = NULL;
		nic->tx_cons++;
		netdev_tx_complete(netdev, iob, 0);
	}

	while (nic->rx_cons != nic->rx_prod) {
		volatile struct rx_desc *d;

		i = nic->rx_cons % NUM_RX;
		d = &nic->rx[i];
		if (!(d->status & RXD_STAT_DD))
			break;
		rmb();
		iob = nic->rx_iob[i];
		nic->rx_iob[i] = NULL;
		nic->rx_cons++;
		/* Frames never span buffers at this size; a frame that
		 * did, or one with errors, is dropped. */
		if (!(d->status & RXD_STAT_EOP) || d->errors ||
		    d->len > RX_BUF_LEN) {
			netdev_rx_err(netdev, iob, -EIO);
			continue;
		}
		iob_put(iob, d->len);
		netdev_rx(netdev, iob);
	}
	rx_fill(nic);

	if (currticks() - nic->link_checked >= LINK_CHECK_TICKS)
		check_link(nic);
}

static const struct net_device_operations e1000_ops = {
	.open = e1000_open,
	.close = e1000_close,
	.transmit = e1000_transmit,
	.poll = e1000_poll,
};

static int e1000_probe(struct pci_device *pci)
{
	struct net_device *netdev;
	struct e1000 *nic;
	struct pci_bar bar;
	int rc;

	rc = pci_read_bar(pci, 0, &bar);
	if (rc)
		return rc;
	if (bar.flags & PCI_BAR_IO)
		return -ENODEV;
	netdev = alloc_etherdev(sizeof(*nic));
	if (!netdev)
		return -ENOMEM;
	nic = netdev->priv;
	nic->pci = pci;
	nic->netdev = netdev;
	rc = -ENOTSUP;
	nic->regs = ioremap(bar.start, bar.size);
	if (!nic->regs)
		goto fail;
	pci_enable(pci, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);

	e1000_reset(nic);
	rc = read_mac(nic, netdev->hw_addr);
	if (rc)
		goto fail;
	/* Bring the link up now: autonegotiation takes a while, and is
	 * then done by the time the interface is opened. */
	wr(nic, CTRL, (rd(nic, CTRL) & ~(CTRL_RST | CTRL_PHY_RST)) |
	   CTRL_SLU | CTRL_ASDE);

	netdev->op = &e1000_ops;
	rc = pci_netdev_register(pci, netdev, 1);
	if (rc)
		goto fail;
	pci->priv = nic;
	return 0;
fail:
	pci_disable(pci, PCI_COMMAND_MASTER);
	netdev_put(netdev);
	return rc;
}

static void e1000_remove(struct pci_device *pci)
{
	struct e1000 *nic = pci->priv;
	struct net_device *netdev = nic->netdev;

	e1000_reset(nic);
	pci_disable(pci, PCI_COMMAND_MASTER);
	pci_netdev_unregister(netdev);
}

static const struct pci_device_id e1000_ids[] = {
	PCI_ID(0x8086, 0x100e, "82540em"),
	PCI_ID(0x8086, 0x100f, "82545em"),
	PCI_ID(0x8086, 0x100c, "82544gc"),
};

PCI_DRIVER(e1000_driver) = {
	.name = "e1000",
	.ids = e1000_ids,
	.id_count = ARRAY_SIZE(e1000_ids),
	.probe = e1000_probe,
	.remove = e1000_remove,
};
