/* Simulated PCI functions for the hosted build.
 *
 * A device model registers a function; from then on the firmware's own
 * PCI API reaches it exactly as it reaches hardware: pci_read32() and
 * friends become cfg_read/cfg_write, and readl()/writel() on a pointer
 * that ioremap() returned for one of its BARs become bar_read/bar_write
 * (offset within the BAR).  The model implements its whole configuration
 * space, BAR sizing included; at registration the platform plays the
 * BIOS and assigns every memory BAR an address in a simulated MMIO
 * window.  ioremap() only maps a range that an enabled BAR decodes.
 *
 * DMA: the devices reach memory only through bus addresses.  Every
 * buffer a driver hands to a device comes from malloc_phys() or
 * alloc_iob(), which draw from one DMA region; virt_to_bus() gives its
 * address there.  A model turns a bus address back into memory with
 * sim_dma(), which refuses (NULL) any range not wholly inside the region,
 * as a bad DMA faults on the hardware.
 *
 * Time: a model is asynchronous.  The platform calls poll() after every
 * register access of any simulated function and from every idle wait;
 * poll() advances the device to sim_usecs().  fds() names host file
 * descriptors the device waits on (its ports' sockets) so that an idle
 * wait wakes when a frame arrives, and next_usecs() says when it next has
 * something to do (0: nothing scheduled). */
#ifndef SIM_PCI_H
#define SIM_PCI_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct linux_pollfd;
struct sim_pci;

struct sim_pci_ops {
	/* Configuration space; reg aligned to size (1, 2 or 4). */
	uint32_t (*cfg_read)(struct sim_pci *fn, unsigned int reg,
			     unsigned int size);
	void (*cfg_write)(struct sim_pci *fn, unsigned int reg,
			  unsigned int size, uint32_t v);
	/* Memory BAR index (0-5, or SIM_PCI_ROM for the expansion ROM)
	 * at byte offset off; size 1, 2 or 4.
	 * Values are as on the bus: little-endian byte lanes in a CPU
	 * integer, the same as readl()/writel() take and give. */
	uint32_t (*bar_read)(struct sim_pci *fn, unsigned int bar,
			     uint64_t off, unsigned int size);
	void (*bar_write)(struct sim_pci *fn, unsigned int bar, uint64_t off,
			  unsigned int size, uint32_t v);
	/* Advance the device to the present; whether it did anything
	 * (ran a command, took a frame off the wire, ...). */
	bool (*poll)(struct sim_pci *fn);
	/* Host descriptors to wait on (POLLIN); returns how many filled. */
	int (*fds)(struct sim_pci *fn, struct linux_pollfd *fds, int max);
	/* sim_usecs() at which poll() next has work, or 0 for none. */
	uint64_t (*next_usecs)(struct sim_pci *fn);
};

struct sim_pci {
	uint32_t bdf;			/* PCI_BDF(bus, dev, fn) */
	const struct sim_pci_ops *op;
	void *priv;			/* the model's */
	/* Filled in by the platform at registration: memory BARs only
	 * (an I/O BAR is written 0 and left with size 0).  A range
	 * ioremap()ed keeps reaching the BAR it was mapped from. */
	uint64_t bar_addr[6];
	uint64_t bar_size[6];
	uint64_t rom_addr, rom_size;	/* the expansion-ROM BAR */
};

/* bar_read/bar_write's bar for the expansion-ROM BAR, once enabled */
#define SIM_PCI_ROM 6

/* Attach a function (before pci_probe_all() runs).  0 or -errno. */
int sim_pci_register(struct sim_pci *fn);

/* Memory for a DMA range [bus, bus+len), or NULL when any of it lies
 * outside the DMA region. */
void *sim_dma(uint64_t bus, size_t len);

/* Monotonic microseconds, the models' clock. */
uint64_t sim_usecs(void);

/* Poll every registered function (whether any did something), and
 * gather their descriptors and next deadlines (for the idle wait). */
bool sim_pci_poll_all(void);
int sim_pci_fds(struct linux_pollfd *fds, int max);
uint64_t sim_pci_next_usecs(void);

#endif
