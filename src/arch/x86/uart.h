/* The 16550 UART on COM1: the console. */
#pragma once

#include <stdint.h>

void uart_init(void);
void uart_putc(char c);
/* The kernel's own channel, QEMU's debug console (port 0xe9): every kernel line goes there
   too, and only the kernel can write it (the app has no I/O ports), so a runner takes the
   app's fate from it and never from the serial console, where the app may print anything.
   Where no device listens (real hardware), the writes go nowhere. */
void debugcon_putc(char c);
/* Drain the receive FIFO into the console's input queue (from the COM1 IRQ). When the queue
   is full, the receive interrupt is switched off and the bytes wait in the UART, and QEMU
   or the sender holds the rest, until uart_rx_resume() after the app has read. */
void uart_irq(void);
void uart_rx_resume(void);
