/* 8259 PIC set-up, masking, end-of-interrupt and spurious-IRQ filtering. */
#include "arch/x86/pic.h"
#include "arch/x86/cpu.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1
#define PIC_EOI 0x20
#define PIC_READ_ISR 0x0B

static uint16_t mask = 0xFFFF & ~(1u << 2); /* the cascade line stays open */

static void pic_write_mask(void)
{
    outb(PIC1_DATA, (uint8_t)mask);
    outb(PIC2_DATA, (uint8_t)(mask >> 8));
}

void pic_init(void)
{
    outb(PIC1_CMD, 0x11); /* ICW1: edge-triggered, cascade, ICW4 follows */
    outb(PIC2_CMD, 0x11);
    outb(PIC1_DATA, IRQ_BASE);
    outb(PIC2_DATA, IRQ_BASE + 8);
    outb(PIC1_DATA, 4); /* slave on IRQ2 */
    outb(PIC2_DATA, 2);
    outb(PIC1_DATA, 0x01); /* 8086 mode */
    outb(PIC2_DATA, 0x01);
    pic_write_mask();
}

void pic_unmask(unsigned irq)
{
    mask &= (uint16_t)~(1u << irq);
    pic_write_mask();
}

static uint8_t pic_isr(uint16_t cmd)
{
    outb(cmd, PIC_READ_ISR);
    return inb(cmd);
}

bool pic_ack(unsigned irq)
{
    /* IRQ7 and IRQ15 can be spurious: the PIC raised them but no line is in service. A
       spurious IRQ15 still needs an EOI to the master, which did see the cascade. */
    if (irq == 7 && !(pic_isr(PIC1_CMD) & 0x80))
        return false;
    if (irq == 15 && !(pic_isr(PIC2_CMD) & 0x80)) {
        outb(PIC1_CMD, PIC_EOI);
        return false;
    }
    if (irq >= 8)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);
    return true;
}
