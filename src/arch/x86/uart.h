/* The 16550 UART on COM1: the console. */
#pragma once

#include "arch/x86/cpu.h"

#include <stddef.h>
#include <stdint.h>

#define UART_COM1 0x3F8
#define UART_LSR_THR_EMPTY 0x20

void uart_init(void);

/* Inline: every byte of output goes through here (the app's write of 1 byte included). */
static inline void uart_putc(char c)
{
    while (!(inb(UART_COM1 + 5) & UART_LSR_THR_EMPTY))
        ;
    outb(UART_COM1, (uint8_t)c);
}

/* The kernel's own channel, QEMU's debug console (port 0xe9): every kernel line goes there
   too, and only the kernel can write it (the app has no I/O ports), so a runner takes the
   app's fate from it and never from the serial console, where the app may print anything.
   Where no device listens (real hardware), the writes go nowhere. */
void debugcon_write(const char *s, size_t n);
/* Drain the receive FIFO into the console's input queue (from the COM1 IRQ). When the queue
   is full, the receive interrupt is switched off and the bytes wait in the UART, and QEMU
   or the sender holds the rest, until uart_rx_resume() after the app has read. */
void uart_irq(void);
void uart_rx_resume(void);
