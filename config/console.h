/* Build-time console choices for the PC BIOS platform. */
#ifndef CONFIG_CONSOLE_H
#define CONFIG_CONSOLE_H

/* The serial console: a 16550 UART, 8 data bits, no parity, 1 stop bit. */
#define SERIAL_PORT 0x3f8          /* COM1 */
#define SERIAL_BAUD 115200

/* When the firmware drives the UART itself.
 *
 * Many BIOSes (SeaBIOS under QEMU -nographic, server "console
 * redirection") already copy the INT 10h screen to a serial port and
 * feed serial input into the INT 16h keyboard.  Driving the same UART
 * as well would print everything twice and let two readers race for
 * each typed byte.  Such a BIOS takes over the INT 10h vector, whereas
 * a plain PC leaves it pointing into the video ROM (segment C000h).
 *
 *   SERIAL_OFF    never touch the UART
 *   SERIAL_ON     always drive it
 *   SERIAL_AUTO   drive it only while INT 10h points into the video ROM
 */
#define SERIAL_OFF 0
#define SERIAL_ON 1
#define SERIAL_AUTO 2
#define SERIAL_CONSOLE SERIAL_AUTO

#endif
