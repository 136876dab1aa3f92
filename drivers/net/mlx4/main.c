/* PCI probe and remove for the ConnectX family, and port sensing.
 *
 * Probe brings the HCA up just long enough to learn its ports (kind,
 * MAC), makes one network device per port, port 1 first, and resets the
 * device again: nothing runs until a port is opened.  An InfiniBand port
 * is listed too, as a device whose open explains it is not supported. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/io.h>
#include <cxboot/timer.h>
#include <net/ethernet.h>
#include "mlx4.h"

#define MLX_VENDOR 0x15b3
#define PORT_CAP_IB (1u << 24)
#define PORT_CAP_ETH (1u << 25)
#define SENSE_ETH 2
#define SENSE_POLL_MS 50
#define SENSE_TRIES 10

static int sense(struct mlx4 *mlx, unsigned int port)
{
	uint64_t out = 0;
	unsigned int i;

	for (i = 0; i < SENSE_TRIES; i++) {
		if (mlx4_cmd(mlx, MLX4_CMD_SENSE_PORT, 0, port, NULL, 0, NULL,
			     &out))
			return 0;
		if (out & 3)
			return out & 3;
		udelay(SENSE_POLL_MS * 1000);
	}
	return 0;
}

/* Which kind is the port?  A port able to be both is sensed; one the
 * sensing cannot decide counts as InfiniBand. */
static int port_kind(struct mlx4 *mlx, struct mlx4_port *port)
{
	uint32_t flags;
	int rc = mlx4_query_port(mlx, port->num, NULL, port->mac, &flags);

	if (rc)
		return rc;
	if ((flags & PORT_CAP_ETH) && (flags & PORT_CAP_IB) && mlx->caps.dpdp)
		port->link = sense(mlx, port->num) == SENSE_ETH ?
			     MLX4_PORT_ETH : MLX4_PORT_IB;
	else
		port->link = flags & PORT_CAP_ETH ? MLX4_PORT_ETH :
			     MLX4_PORT_IB;
	port->type = port->link == MLX4_PORT_ETH ? &mlx4_eth_port :
		     &mlx4_ib_port;
	return 0;
}

static int find_ports(struct mlx4 *mlx)
{
	unsigned int i;
	int rc = mlx4_hca_start(mlx);

	/* A port that cannot be queried is left out (the failing command
	 * has said why); the others still work. */
	for (i = 0; !rc && i < mlx->caps.num_ports; i++) {
		mlx->port[i].mlx = mlx;
		mlx->port[i].num = i + 1;
		if (port_kind(mlx, &mlx->port[i]))
			mlx->port[i].type = NULL;
	}
	if (!rc && !mlx->caps.num_ports)
		rc = -ENODEV;
	if (mlx->hca_up || mlx->fa.virt)
		mlx4_hca_stop(mlx);
	return rc;
}

/* --- the InfiniBand port, until it is supported --- */

static int ib_open(struct net_device *netdev)
{
	struct mlx4_port *port = netdev->priv;

	printf("%s: port %u is InfiniBand, which is not supported yet\n",
	       netdev->name, port->num);
	return -ENOTSUP;
}

static void ib_close(struct net_device *netdev __unused)
{
}

static int ib_transmit(struct net_device *netdev __unused,
		       struct io_buffer *iob __unused)
{
	return -ENOTSUP;
}

static void ib_poll(struct net_device *netdev __unused)
{
}

static const struct net_device_operations ib_ops = {
	.open = ib_open,
	.close = ib_close,
	.transmit = ib_transmit,
	.poll = ib_poll,
};

static int ib_probe(struct mlx4_port *port)
{
	struct net_device *netdev = alloc_etherdev(0);

	if (!netdev)
		return -ENOMEM;
	netdev->priv = port;
	netdev->op = &ib_ops;
	netdev_link_err(netdev, -ENOTSUP);
	port->netdev = netdev;
	return 0;
}

const struct mlx4_port_type mlx4_ib_port = {
	.name = "InfiniBand",
	.probe = ib_probe,
};

/* --- PCI --- */

static void unregister_ports(struct mlx4 *mlx)
{
	unsigned int i;

	for (i = MLX4_MAX_PORTS; i-- > 0;) {
		if (!mlx->port[i].netdev)
			continue;
		pci_netdev_unregister(mlx->port[i].netdev);
		mlx->port[i].netdev = NULL;
	}
}

static int register_ports(struct mlx4 *mlx)
{
	struct mlx4_port *port;
	unsigned int i;
	int rc;

	for (i = 0; i < mlx->caps.num_ports; i++) {
		port = &mlx->port[i];
		if (!port->type)
			continue;
		rc = port->type->probe(port);
		if (rc)
			return rc;
		rc = pci_netdev_register(mlx->pci, port->netdev, port->num);
		if (rc) {
			netdev_put(port->netdev);
			port->netdev = NULL;
			return rc;
		}
	}
	return 0;
}

static int map_bars(struct mlx4 *mlx)
{
	struct pci_bar bar0, bar2;
	int rc = pci_read_bar(mlx->pci, 0, &bar0);

	if (!rc)
		rc = pci_read_bar(mlx->pci, 2, &bar2);
	if (rc)
		return rc;
	if (bar0.size < MLX4_BAR0_LEN ||
	    bar2.size < (uint64_t)MLX4_UAR_PAGES * MLX4_PAGE)
		return -ENODEV;
	mlx->bar0 = ioremap(bar0.start, MLX4_BAR0_LEN);
	mlx->uar = ioremap(bar2.start, MLX4_UAR_PAGES * MLX4_PAGE);
	return mlx->bar0 && mlx->uar ? 0 : -ENOTSUP;
}

static void release(struct mlx4 *mlx)
{
	if (mlx->bar0)
		iounmap(mlx->bar0);
	if (mlx->uar)
		iounmap(mlx->uar);
	pci_disable(mlx->pci, PCI_COMMAND_MASTER);
	free(mlx);
}

static int mlx4_probe(struct pci_device *pci)
{
	struct mlx4 *mlx = zalloc(sizeof(*mlx));
	int rc;

	if (!mlx)
		return -ENOMEM;
	mlx->pci = pci;
	pci_enable(pci, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	rc = map_bars(mlx);
	if (!rc)
		rc = mlx4_reset(mlx);
	if (!rc)
		rc = find_ports(mlx);
	if (!rc)
		rc = register_ports(mlx);
	if (rc) {
		printf("%s: %s: %s\n", pci->name, pci->id->name,
		       strerror(rc));
		unregister_ports(mlx);
		release(mlx);
		return rc;
	}
	pci->priv = mlx;
	return 0;
}

static void mlx4_remove(struct pci_device *pci)
{
	struct mlx4 *mlx = pci->priv;

	/* Closing the devices (unregister) stops the HCA with the last. */
	unregister_ports(mlx);
	if (mlx->open_count) {
		mlx->open_count = 0;
		mlx4_hca_stop(mlx);
	}
	release(mlx);
}

static const struct pci_device_id mlx4_ids[] = {
	PCI_ID(MLX_VENDOR, 0x6340, "ConnectX IB SDR"),
	PCI_ID(MLX_VENDOR, 0x634a, "ConnectX IB DDR"),
	PCI_ID(MLX_VENDOR, 0x6732, "ConnectX IB DDR Gen2"),
	PCI_ID(MLX_VENDOR, 0x673c, "ConnectX IB QDR Gen2"),
	PCI_ID(MLX_VENDOR, 0x6746, "ConnectX-2 IB QDR"),
	PCI_ID(MLX_VENDOR, 0x6368, "ConnectX EN 10G"),
	PCI_ID(MLX_VENDOR, 0x6750, "ConnectX EN 10G Gen2"),
	PCI_ID(MLX_VENDOR, 0x676e, "ConnectX-2 EN 10G"),
	PCI_ID(MLX_VENDOR, 0x6778, "ConnectX-2 EN 10G"),
	PCI_ID(MLX_VENDOR, 0x6372, "ConnectX EN 10G"),
	PCI_ID(MLX_VENDOR, 0x675a, "ConnectX EN 10G Gen2"),
	PCI_ID(MLX_VENDOR, 0x1003, "ConnectX-3"),
	PCI_ID(MLX_VENDOR, 0x1007, "ConnectX-3 Pro"),
};

PCI_DRIVER(mlx4_driver) = {
	.name = "mlx4",
	.ids = mlx4_ids,
	.id_count = ARRAY_SIZE(mlx4_ids),
	.probe = mlx4_probe,
	.remove = mlx4_remove,
};

/* Later Mellanox adapters (Connect-IB, ConnectX-4 on, BlueField) are
 * another family with another command interface: say so rather than
 * leave the adapter silently without a driver. */
static int later_probe(struct pci_device *pci)
{
	printf("%s: ConnectX-4 and later (%04x:%04x) are not supported by "
	       "this driver\n", pci->name, pci->vendor, pci->device);
	return -ENOTSUP;
}

static void later_remove(struct pci_device *pci __unused)
{
}

static const struct pci_device_id later_ids[] = {
	PCI_ID(MLX_VENDOR, 0x1011, "Connect-IB"),
	PCI_ID(MLX_VENDOR, 0x1012, "Connect-IB VF"),
	PCI_ID(MLX_VENDOR, 0x1013, "ConnectX-4"),
	PCI_ID(MLX_VENDOR, 0x1014, "ConnectX-4 VF"),
	PCI_ID(MLX_VENDOR, 0x1015, "ConnectX-4 Lx"),
	PCI_ID(MLX_VENDOR, 0x1016, "ConnectX-4 Lx VF"),
	PCI_ID(MLX_VENDOR, 0x1017, "ConnectX-5"),
	PCI_ID(MLX_VENDOR, 0x1018, "ConnectX-5 VF"),
	PCI_ID(MLX_VENDOR, 0x1019, "ConnectX-5 Ex"),
	PCI_ID(MLX_VENDOR, 0x101a, "ConnectX-5 Ex VF"),
	PCI_ID(MLX_VENDOR, 0x101b, "ConnectX-6"),
	PCI_ID(MLX_VENDOR, 0x101c, "ConnectX-6 VF"),
	PCI_ID(MLX_VENDOR, 0x101d, "ConnectX-6 Dx"),
	PCI_ID(MLX_VENDOR, 0x101e, "ConnectX VF"),
	PCI_ID(MLX_VENDOR, 0x101f, "ConnectX-6 Lx"),
	PCI_ID(MLX_VENDOR, 0x1021, "ConnectX-7"),
	PCI_ID(MLX_VENDOR, 0x1023, "ConnectX-8"),
	PCI_ID(MLX_VENDOR, 0xa2d2, "BlueField"),
	PCI_ID(MLX_VENDOR, 0xa2d6, "BlueField-2"),
	PCI_ID(MLX_VENDOR, 0xa2dc, "BlueField-3"),
};

PCI_DRIVER(mlx4_later_driver) = {
	.name = "mlx4-unsupported",
	.ids = later_ids,
	.id_count = ARRAY_SIZE(later_ids),
	.probe = later_probe,
	.remove = later_remove,
};
