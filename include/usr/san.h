/* The shell's SAN helpers, shared by the commands and autoboot. */
#ifndef USR_SAN_H
#define USR_SAN_H
#include <cxboot/compiler.h>

struct san_device;

/* "0x81" or "129" (NULL: the default drive); prints an error. */
int parse_san_drive(const char *text, unsigned int *drive);
/* Hook the URIs (relative to the working URI) as one drive; drive 0
 * takes the next free number.  Prints an error. */
int san_hook_uris(unsigned int drive, int count, char **texts,
		  unsigned int flags, struct san_device **out);
/* Boot a drive; on failure print why and, unless keep, unhook it if
 * it is a SAN drive.  Returns only on failure. */
int san_boot_drive(unsigned int drive, bool keep);

#endif
