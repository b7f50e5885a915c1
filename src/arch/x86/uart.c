/* COM1 at 115200 8N1: polled output, interrupt-driven input; and the kernel's debug console. */
#include "arch/x86/uart.h"
#include "arch/x86/cpu.h"
#include "arch/x86/pic.h"
#include "kernel/console.h"

#define COM1 UART_COM1
#define DEBUGCON 0xE9
#define LSR_DATA_READY 0x01

void uart_init(void)
{
    outb(COM1 + 1, 0x00); /* no interrupts while configuring */
    outb(COM1 + 3, 0x80); /* DLAB */
    outb(COM1 + 0, 1);    /* divisor 1: 115200 baud */
    outb(COM1 + 1, 0);
    outb(COM1 + 3, 0x03); /* 8N1 */
    /* The FIFO control register stays as the firmware left it: changing the FIFO mode
       clears the FIFO, and with it input that arrived before the kernel started. */
    outb(COM1 + 4, 0x0B); /* DTR, RTS, OUT2 (routes the IRQ to the PIC) */
    outb(COM1 + 1, 0x01); /* interrupt on received data */
}

void debugcon_write(const char *s, size_t n)
{
    __asm__ volatile("rep outsb" : "+S"(s), "+c"(n) : "d"(DEBUGCON) : "memory");
}

#define RBR 0 /* receive buffer */
#define IER 1 /* interrupt enable */
#define IER_RX_DATA 0x01

static bool rx_paused;

void uart_irq(void)
{
    while (inb(COM1 + 5) & LSR_DATA_READY) {
        if (console_input_full()) { /* the byte stays in the FIFO until there is room */
            rx_paused = true;
            outb(COM1 + IER, 0);
            return;
        }
        console_input((char)inb(COM1 + RBR));
    }
}

void uart_rx_resume(void)
{
    if (rx_paused) {
        rx_paused = false;
        outb(COM1 + IER, IER_RX_DATA); /* raises the IRQ again if bytes are waiting */
    }
}
