/* The 16550 UART on COM1: the console. */
#pragma once

#include <stdint.h>

void uart_init(void);
void uart_putc(char c);
/* Drain the receive FIFO into the console's input queue (from the COM1 IRQ). */
void uart_irq(void);
