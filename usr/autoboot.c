/* Booting from the network as the DHCP server directs, device after
 * device (the ConnectX EN PXE manual, §6.2 "Starting Boot" and §7.3.4
 * "autoboot"), and the `autoboot` command.
 *
 * Ports are tried in the order they were registered, the platform's
 * preferred one (a ROM's own NIC) and the other ports of its function
 * first.  A port whose link stays down for the link-wait setting is
 * given up and the next one tried.
 *
 * For one device: open it, wait for the link, run DHCP; then fetch
 * ${filename} (after ${...} expansion) and run it.  A filename that is
 * not a URI names a file on the TFTP server ${next-server}.  A
 * ${root-path} that names a disk (iscsi:..., http://...) is hooked as
 * a SAN drive first, and booted when there is no filename (seed 001
 * §9.1); with a filename (an installer) it stays for the OS to use.  A
 * root path of any other kind (an NFS root for the kernel) is not
 * ours. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/console.h>
#include <cxboot/image.h>
#include <cxboot/settings.h>
#include <cxboot/timer.h>
#include <cxboot/process.h>
#include <cxboot/uri.h>
#include <net/in.h>
#include <net/netdevice.h>
#include <usr/autoboot.h>
#include <usr/ifmgmt.h>
#include <usr/imgmgmt.h>
#include <usr/parseopt.h>
#include <usr/san.h>
#include <usr/shell.h>
#include <cxboot/open.h>
#include <cxboot/san.h>

struct net_device *(*autoboot_preferred)(void);

int boot_image(struct image *image)
{
	int rc;

	if (!image->type && image_probe(image) != 0) {
		printf("%s: %s (not a kernel, script or other known kind of "
		       "image)\n", image->name, strerror(-ENOEXEC));
		return -ENOEXEC;
	}
	rc = image_exec(image);
	/* A script's exit N is its own business. */
	if (rc < 0 && rc != -ECANCELED)
		printf("Could not boot %s: %s\n", image->name, strerror(rc));
	return rc;
}

/* Where a setting comes from for this device: the value the user set
 * without a scope wins over what the device's servers said. */
static struct settings *scope_for(struct net_device *netdev,
				  const struct setting *setting)
{
	struct settings *root = settings_root();
	struct setting tmp = *setting;

	if (root->op && root->op->fetch &&
	    root->op->fetch(root, &tmp, NULL, 0) >= 0)
		return root;
	return netdev_settings(netdev);
}

static char *fetch_text(struct net_device *netdev,
			const struct setting *setting)
{
	char *text = fetch_string_setting_copy(scope_for(netdev, setting),
					       setting);

	if (text && !text[0]) {
		free(text);
		text = NULL;
	}
	return text;
}

static bool path_char_ok(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || strchr("-._~!$&'()*+,;=:@/", c);
}

/* tftp://SERVER/FILENAME, the file name percent-encoded where a URI
 * path needs it; a name that is itself absolute ("/srv/x") keeps its
 * slash after the one that ends the authority. */
static char *tftp_uri(struct in_addr server, const char *filename)
{
	size_t len = strlen("tftp:///") + 16 + 3 * strlen(filename) + 1;
	char *text = malloc(len);
	char *p;

	if (!text)
		return NULL;
	p = text + snprintf(text, len, "tftp://%s/", inet_ntoa(server));
	for (const unsigned char *s = (const void *)filename; *s; s++) {
		if (path_char_ok(*s))
			*p++ = *s;
		else
			p += snprintf(p, 4, "%%%02X", *s);
	}
	*p = '\0';
	return text;
}

/* The URI to boot from: an absolute URI as it is, otherwise a file on
 * the next server.  NULL (after saying why) if there is none. */
static char *boot_uri(struct net_device *netdev, const char *filename)
{
	struct setting ns = next_server_setting;
	struct in_addr server = { 0 };
	struct uri *uri = parse_uri(filename);
	bool absolute = uri && uri->scheme;
	char *text;

	free(uri);
	if (absolute)
		return strdup(filename);
	if (fetch_ipv4_setting(scope_for(netdev, &ns), &ns,
			       &server.s_addr) < 0 || !server.s_addr) {
		printf("%s: no next-server to fetch \"%s\" from\n",
		       netdev->name, filename);
		return NULL;
	}
	text = tftp_uri(server, filename);
	if (!text)
		printf("Out of memory\n");
	return text;
}

static void close_others(struct net_device *netdev)
{
	struct net_device *other;

	for_each_netdev(other)
		if (other != netdev && netdev_is_open(other))
			ifclose(other);
}

static bool boot_over(int rc)
{
	return rc >= 0 || rc == -ECANCELED;
}

/* A setting's text with ${...} expanded; NULL if unset, empty or out
 * of memory (said). */
static char *fetch_expanded(struct net_device *netdev,
			    const struct setting *setting)
{
	char *raw = fetch_text(netdev, setting);
	char *text = raw ? expand_settings(raw) : NULL;

	if (raw && !text)
		printf("Out of memory\n");
	free(raw);
	if (text && !text[0]) {
		free(text);
		text = NULL;
	}
	return text;
}

/* The root path if it names a disk, else NULL. */
static char *san_root_path(struct net_device *netdev)
{
	char *root_path = fetch_expanded(netdev, &root_path_setting);
	struct uri *uri = root_path ? parse_uri(root_path) : NULL;
	bool disk = uri && uri_is_block(uri);

	free(uri);
	if (!disk) {
		free(root_path);
		return NULL;
	}
	return root_path;
}

static int fetch_and_boot(struct net_device *netdev, const char *filename)
{
	struct image *image;
	char *uri = boot_uri(netdev, filename);
	int rc;

	if (!uri)
		return -ENOENT;
	rc = imgfetch(uri, NULL, NULL, 0, &image);
	free(uri);
	if (rc)
		return rc;
	ref_get(&image->refcnt);
	rc = boot_image(image);
	/* It came back: it failed (or was a script that ended). */
	unregister_image(image);
	image_put(image);
	return rc;
}

int netboot(struct net_device *netdev)
{
	struct san_device *san = NULL;
	char *filename, *root_path;
	int rc;

	/* Only the device we boot from may answer on the network. */
	close_others(netdev);
	if ((rc = ifconf(netdev)) != 0)
		return rc;

	filename = fetch_expanded(netdev, &filename_setting);
	root_path = san_root_path(netdev);
	if (!filename && !root_path) {
		printf("%s: no filename or root-path to boot from\n",
		       netdev->name);
		return -ENOENT;
	}
	rc = root_path ? san_hook_uris(0, 1, &root_path, 0, &san) : 0;
	free(root_path);
	if (rc == 0 && filename) {
		rc = fetch_and_boot(netdev, filename);
		/* The OS it was hooked for did not take over. */
		if (san && !boot_over(rc))
			san_unhook(san->drive);
	} else if (rc == 0) {
		rc = san_boot_drive(san->drive, false);
	}
	free(filename);
	return rc;
}

static struct net_device *first_netdev(void)
{
	struct net_device *netdev;

	if (autoboot_preferred && (netdev = autoboot_preferred()) != NULL)
		return netdev;
	for_each_netdev(netdev)
		return netdev;
	return NULL;
}

void autoboot_prepare(void)
{
	struct net_device *netdev = first_netdev();

	if (netdev && !netdev_is_open(netdev))
		netdev_open(netdev);
}

/* The platform's preferred device and the other ports of its PCI
 * function (a dual-port adapter's port 2) go before all others. */
static bool preferred(const struct net_device *netdev)
{
	struct net_device *first =
		autoboot_preferred ? autoboot_preferred() : NULL;

	if (!first)
		return false;
	return netdev == first ||
	       (first->bus.type == NETDEV_BUS_PCI &&
		netdev->bus.type == NETDEV_BUS_PCI &&
		netdev->bus.bdf == first->bus.bdf);
}

static int no_more_ports(int rc)
{
	printf("No more ports\n");
	return rc ? rc : -ENODEV;
}

int autoboot(void)
{
	struct net_device *netdev;
	int rc = -ENODEV;

	for (int pass = 0; pass < 2; pass++) {
		for_each_netdev(netdev) {
			if (preferred(netdev) != (pass == 0))
				continue;
			rc = netboot(netdev);
			if (boot_over(rc))
				return rc;
		}
	}
	return no_more_ports(rc);
}

bool shell_banner(unsigned int secs)
{
	unsigned long start = currticks();
	bool pressed = false;

	printf("Press Ctrl-B for the command line...");
	while (currticks() - start < secs * TICKS_PER_SEC) {
		if (iskey()) {
			if (getkey() == CTRL('B')) {
				pressed = true;
				break;
			}
			continue;
		}
		/* Keeps an opened link going (autoboot_prepare()). */
		step();
		cpu_nap(TICKS_PER_SEC / 20);
	}
	printf("\r\x1b[K");
	return pressed;
}

static int autoboot_exec(int argc, char **argv)
{
	struct net_device *netdev;
	int i = parse_options(argc, argv, NULL, 0, "[netX...]", 0, -1);
	int rc = -ENODEV;

	if (i < 0)
		return i;
	if (i == argc)
		return autoboot();
	for (; i < argc; i++) {
		if ((rc = parse_netdev(argv[i], &netdev)) != 0)
			return rc;
		rc = netboot(netdev);
		if (boot_over(rc))
			return rc;
	}
	return no_more_ports(rc);
}
COMMAND(autoboot) = { "autoboot", autoboot_exec };
