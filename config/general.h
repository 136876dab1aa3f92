/* Build-time choices: timeouts and protocol parameters. */
#ifndef CONFIG_GENERAL_H
#define CONFIG_GENERAL_H

/* How long DHCP waits for a server before giving up (ConnectX EN PXE
 * manual §6.2: up to 30 seconds). */
#define DHCP_TIMEOUT_SEC 30

/* Seconds a port is given to bring its link up before autoboot (and
 * ifconf) give up on it; the `link-wait` setting overrides it. */
#define LINK_WAIT_SEC 10

/* TFTP window (RFC 7440) asked of servers; 1 disables the option. */
#define TFTP_WINDOW 64

/* Seconds the ROM waits for Ctrl-B before booting. */
#define BANNER_TIMEOUT_SEC 2

#endif
