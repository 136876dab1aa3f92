/* A 16550 UART as a console (port, speed and when to use it are set in
 * config/console.h).  Output turns "\n" into "\r\n"; input bytes are
 * passed on as they come, terminal escape sequences included. */
#include <config/console.h>
#include <cxboot/console.h>
#include <bios.h>
#include <x86_io.h>

/* Register offsets from the base port */
#define UART_RBR 0	/* receive buffer (read) */
#define UART_THR 0	/* transmit holding (write) */
#define UART_DLL 0	/* divisor low, while LCR.DLAB is set */
#define UART_IER 1	/* interrupt enable */
#define UART_DLM 1	/* divisor high, while LCR.DLAB is set */
#define UART_FCR 2	/* FIFO control */
#define UART_LCR 3	/* line control */
#define UART_MCR 4	/* modem control */
#define UART_LSR 5	/* line status */
#define UART_SCR 7	/* scratch */

#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define FCR_ENABLE_CLEAR 0x07	/* enable FIFOs, clear both */
#define MCR_DTR_RTS 0x03
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define LSR_TX_EMPTY 0x40	/* holding and shift register both empty */

#define UART_CLOCK_DIV 115200	/* 1.8432 MHz / 16 */

static bool serial_checked, serial_up;

/* Does the BIOS already copy the screen to serial?  See config/console.h:
 * a hooked INT 10h no longer points into the video ROM at C000h-C7FFh. */
static bool bios_redirects_screen(void)
{
	uint16_t seg = *(volatile uint16_t *)real_to_flat(0, 0x10 * 4 + 2);

	return seg < 0xc000 || seg >= 0xc800;
}

static void serial_init(void)
{
	unsigned int div = UART_CLOCK_DIV / SERIAL_BAUD;

	serial_checked = true;
	if (SERIAL_CONSOLE == SERIAL_OFF ||
	    (SERIAL_CONSOLE == SERIAL_AUTO && bios_redirects_screen()))
		return;
	/* A UART is present if its scratch register holds a value. */
	outb(0x5a, SERIAL_PORT + UART_SCR);
	if (inb(SERIAL_PORT + UART_SCR) != 0x5a)
		return;
	outb(LCR_DLAB, SERIAL_PORT + UART_LCR);
	outb(div & 0xff, SERIAL_PORT + UART_DLL);
	outb(div >> 8, SERIAL_PORT + UART_DLM);
	outb(LCR_8N1, SERIAL_PORT + UART_LCR);
	outb(0, SERIAL_PORT + UART_IER);	/* we poll */
	outb(FCR_ENABLE_CLEAR, SERIAL_PORT + UART_FCR);
	outb(MCR_DTR_RTS, SERIAL_PORT + UART_MCR);
	serial_up = true;
}

static bool serial_ready(void)
{
	if (!serial_checked)
		serial_init();
	return serial_up;
}

static void serial_tx(uint8_t c)
{
	/* Bounded wait: a missing or stuck UART must not hang the console */
	for (unsigned int i = 0; i < 100000; i++) {
		if (inb(SERIAL_PORT + UART_LSR) & LSR_THR_EMPTY)
			break;
	}
	outb(c, SERIAL_PORT + UART_THR);
}

static void serial_putchar(int c)
{
	if (!serial_ready())
		return;
	if (c == '\n')
		serial_tx('\r');
	serial_tx(c);
}

/* The UART sends at its baud rate (so does QEMU's): what is still in
 * its FIFO would be lost to a reset or a power-off.  Also when the BIOS
 * is the one copying the screen to it.  Bounded, like serial_tx. */
static void serial_flush(void)
{
	if (SERIAL_CONSOLE == SERIAL_OFF ||
	    inb(SERIAL_PORT + UART_LSR) == 0xff)	/* no UART there */
		return;
	for (unsigned int i = 0; i < 1000000; i++) {
		if (inb(SERIAL_PORT + UART_LSR) & LSR_TX_EMPTY)
			break;
	}
}

static int serial_iskey(void)
{
	return serial_ready() &&
	       (inb(SERIAL_PORT + UART_LSR) & LSR_DATA_READY);
}

static int serial_getchar(void)
{
	return serial_iskey() ? inb(SERIAL_PORT + UART_RBR) : -1;
}

CONSOLE(serial_console) = {
	.putchar = serial_putchar,
	.getchar = serial_getchar,
	.iskey = serial_iskey,
	.flush = serial_flush,
};
