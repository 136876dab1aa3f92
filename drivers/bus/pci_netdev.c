/* Network devices on PCI functions: what every PCI network driver does
 * to make a port of its function a network device, and to take it
 * away again. */
#include <stdio.h>
#include <cxboot/pci.h>
#include <net/netdevice.h>

int pci_netdev_register(struct pci_device *pci, struct net_device *netdev,
			unsigned int port)
{
	netdev->bus.type = NETDEV_BUS_PCI;
	netdev->bus.vendor = pci->vendor;
	netdev->bus.device = pci->device;
	netdev->bus.bdf = pci->bdf;
	netdev->bus.port = port;
	netdev->driver_name = pci->driver->name;
	netdev->bus_type = "PCI";
	snprintf(netdev->bus_location, sizeof(netdev->bus_location), "%s",
		 pci->name);
	return register_netdev(netdev);
}

void pci_netdev_unregister(struct net_device *netdev)
{
	unregister_netdev(netdev);
	netdev_put(netdev);
}
