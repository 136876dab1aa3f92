/* PCI: configuration space, enumeration, BARs, capabilities and the
 * driver table.
 *
 * At start-up every function on every bus is found and each one is
 * offered to the drivers whose ID list names it:
 *
 *   static const struct pci_device_id ids[] = {
 *           PCI_ID(0x8086, 0x100e, "82540em"),
 *   };
 *   PCI_DRIVER(e1000_driver) = {
 *           .name = "e1000", .ids = ids, .id_count = ARRAY_SIZE(ids),
 *           .probe = e1000_probe, .remove = e1000_remove,
 *   };
 *
 * A driver enables what it uses (pci_enable(pci, PCI_COMMAND_MEMORY |
 * PCI_COMMAND_MASTER)), maps its registers with ioremap() on a BAR from
 * pci_read_bar() and keeps its state in pci->priv.  A network driver
 * registers each port of the function with pci_netdev_register() and
 * takes it away with pci_netdev_unregister() once the device is quiet.  Before the firmware
 * hands the machine to an operating system, pci_remove_all() stops every
 * device, so that no DMA runs into memory that is no longer ours. */
#ifndef CXBOOT_PCI_H
#define CXBOOT_PCI_H
#include <cxboot/compiler.h>
#include <cxboot/list.h>
#include <cxboot/tables.h>

/* Configuration space header (type 0 unless noted) */
#define PCI_VENDOR_ID 0x00
#define PCI_DEVICE_ID 0x02
#define PCI_COMMAND 0x04
#define PCI_STATUS 0x06
#define PCI_REVISION 0x08
#define PCI_CLASS_PROG 0x09
#define PCI_HEADER_TYPE 0x0e
#define PCI_BAR0 0x10
#define PCI_SUBSYSTEM_VENDOR 0x2c
#define PCI_SUBSYSTEM_ID 0x2e
#define PCI_ROM_BAR 0x30
#define PCI_CAP_POINTER 0x34
#define PCI_INTERRUPT_LINE 0x3c

#define PCI_COMMAND_IO 0x0001
#define PCI_COMMAND_MEMORY 0x0002
#define PCI_COMMAND_MASTER 0x0004
#define PCI_COMMAND_INTX_DISABLE 0x0400

#define PCI_STATUS_CAP_LIST 0x0010

#define PCI_ROM_ENABLE 0x00000001
#define PCI_ROM_ADDR_MASK 0xfffff800

#define PCI_HEADER_MULTI 0x80
#define PCI_HEADER_LAYOUT 0x7f

/* Capability IDs */
#define PCI_CAP_PM 0x01
#define PCI_CAP_MSI 0x05
#define PCI_CAP_VENDOR 0x09
#define PCI_CAP_EXP 0x10
#define PCI_CAP_MSIX 0x11

#define PCI_ANY_ID 0xffff

/* bus:dev.fn packed as configuration mechanism #1 and ACPI number it */
#define PCI_BDF(bus, dev, fn) ((bus) << 8 | (dev) << 3 | (fn))
#define PCI_BUS(bdf) (((bdf) >> 8) & 0xff)
#define PCI_SLOT(bdf) (((bdf) >> 3) & 0x1f)
#define PCI_FUNC(bdf) ((bdf) & 0x7)

struct pci_device_id {
	uint16_t vendor, device;	/* PCI_ANY_ID matches any */
	const char *name;		/* the chip, for messages */
};
#define PCI_ID(_vendor, _device, _name) \
	{ .vendor = (_vendor), .device = (_device), .name = (_name) }

struct pci_device;

struct pci_driver {
	const char *name;
	const struct pci_device_id *ids;
	unsigned int id_count;
	/* 0 when the driver has taken the device; otherwise the next
	 * matching driver gets its chance. */
	int (*probe)(struct pci_device *pci);
	/* Stop the device (no more DMA) and release it. */
	void (*remove)(struct pci_device *pci);
};
#define PCI_DRIVER(name) TABLE_ENTRY(pci_drivers, struct pci_driver, name)

struct pci_device {
	struct list_head list;		/* every function found */
	uint32_t bdf;
	uint16_t vendor, device;
	uint16_t subsys_vendor, subsys_device;
	uint32_t class;			/* base << 16 | sub << 8 | prog-if */
	uint8_t revision;
	uint8_t header_type;		/* without PCI_HEADER_MULTI */
	uint16_t command_found;		/* PCI_COMMAND when first found */
	const struct pci_driver *driver;	/* bound driver, or NULL */
	const struct pci_device_id *id;		/* its matching entry */
	void *priv;			/* the driver's */
	char name[16];			/* "0000:00:03.0" */
};

/* Configuration space of a function; reg must be aligned to the size. */
uint8_t pci_read8(const struct pci_device *pci, unsigned int reg);
uint16_t pci_read16(const struct pci_device *pci, unsigned int reg);
uint32_t pci_read32(const struct pci_device *pci, unsigned int reg);
void pci_write8(const struct pci_device *pci, unsigned int reg, uint8_t v);
void pci_write16(const struct pci_device *pci, unsigned int reg, uint16_t v);
void pci_write32(const struct pci_device *pci, unsigned int reg, uint32_t v);

/* Set or clear PCI_COMMAND_* bits. */
void pci_enable(struct pci_device *pci, uint16_t bits);
void pci_disable(struct pci_device *pci, uint16_t bits);

/* A base address register, with its size found by probing. */
struct pci_bar {
	uint64_t start;			/* bus address or I/O port */
	uint64_t size;
	unsigned int flags;
};
#define PCI_BAR_IO 0x1
#define PCI_BAR_64 0x2
#define PCI_BAR_PREFETCH 0x4

/* BAR number index (0-5; the upper half of a 64-bit BAR is not a BAR
 * of its own).  -ENOENT if the device does not implement it. */
int pci_read_bar(struct pci_device *pci, unsigned int index,
		 struct pci_bar *bar);

/* Offset of the first capability with this ID, or 0. */
unsigned int pci_find_capability(struct pci_device *pci, unsigned int id);
/* The next one after the capability at offset pos, or 0. */
unsigned int pci_find_next_capability(struct pci_device *pci,
				      unsigned int pos, unsigned int id);

/* Every function found, in bus order. */
struct list_head *pci_devices(void);
#define for_each_pci_device(pci) \
	list_for_each_entry(pci, pci_devices(), list)

/* Find every function and offer the unbound ones to the drivers.  Runs
 * at start-up; calling it again picks up functions attached since. */
void pci_probe_all(void);
/* Stop and release every bound device, last probed first. */
void pci_remove_all(void);
/* Then, for a loader that gets the machine back and still drives its
 * devices (the PXE ROM under a .kkpxe): every function's command
 * register (decoding, bus mastering) as the firmware found it. */
void pci_restore_all(void);

/* Register netdev as port `port` (1, 2, ...) of pci: fills netdev->bus,
 * driver_name (pci->driver->name), bus_type/bus_location text, and
 * registers it. 0 or -errno (nothing registered). */
struct net_device;
int pci_netdev_register(struct pci_device *pci, struct net_device *netdev,
			unsigned int port);
/* Unregister and drop the reference (the driver stops DMA before). */
void pci_netdev_unregister(struct net_device *netdev);

/* The platform's configuration access.  pci_arch_buses() is how many
 * buses to scan (0: no PCI); size is 1, 2 or 4. */
unsigned int pci_arch_buses(void);
uint32_t pci_arch_read(uint32_t bdf, unsigned int reg, unsigned int size);
void pci_arch_write(uint32_t bdf, unsigned int reg, unsigned int size,
		    uint32_t v);

#endif
