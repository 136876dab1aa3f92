/* Booting: running an image, booting from one network device as its
 * DHCP server says (filename / next-server / root-path), and autoboot,
 * which tries every device in turn. */
#ifndef USR_AUTOBOOT_H
#define USR_AUTOBOOT_H
#include <cxboot/compiler.h>

struct image;
struct net_device;

/* Run an image; on failure print why and return the error. */
int boot_image(struct image *image);

/* Configure netdev (open, link, DHCP) and boot what DHCP names.
 * Returns only on failure (or when a booted script ends). */
int netboot(struct net_device *netdev);

/* netboot() each device in turn, the platform's preferred one and the
 * other ports of its PCI function first, until one boots.  Returns the
 * last error once none is left (after printing "No more ports"), or
 * -ECANCELED at once when the user presses Ctrl-C. */
int autoboot(void);

/* Open the device autoboot will try first, so that its link comes up
 * while the banner waits (a link can take seconds to come up).  Errors
 * are left for autoboot to report. */
void autoboot_prepare(void);

/* Set by the platform: the device to try first (a ROM's own NIC), or
 * NULL.  Unset means none. */
extern struct net_device *(*autoboot_preferred)(void);

/* Offer the command line: print a prompt and wait up to secs seconds
 * for Ctrl-B.  True if it was pressed. */
bool shell_banner(unsigned int secs);

#endif
