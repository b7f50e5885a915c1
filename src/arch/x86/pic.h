/* The two 8259 PICs, remapped to vectors 0x20-0x2F. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#define IRQ_BASE 0x20
#define IRQ_TIMER 0
#define IRQ_COM1 4
/* The local APIC's spurious-interrupt vector (it delivers nothing else). */
#define LAPIC_SPURIOUS_VECTOR 0xFF

void pic_init(void);
void pic_unmask(unsigned irq);
/* Acknowledge an IRQ; false when it was spurious (and must not be handled). */
bool pic_ack(unsigned irq);
