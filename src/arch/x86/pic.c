/* 8259 PIC set-up, masking, end-of-interrupt and spurious-IRQ filtering. */
#include "arch/x86/pic.h"
#include "arch/x86/cpu.h"
#include "kernel/vm.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1
#define PIC_EOI 0x20
#define PIC_READ_ISR 0x0B
#define LAPIC_PHYS 0xFEE00000u
#define LAPIC_SVR 0xF0
#define LAPIC_SVR_ENABLE 0x100u
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_LINT1 0x360
#define LAPIC_DM_EXTINT 0x700u
#define LAPIC_DM_NMI 0x400u

static uint16_t mask = 0xFFFF & ~(1u << 2); /* the cascade line stays open */

static void pic_write_mask(void)
{
    outb(PIC1_DATA, (uint8_t)mask);
    outb(PIC2_DATA, (uint8_t)(mask >> 8));
}

/* The 8259's interrupts reach the CPU through the local APIC's LINT0 pin, which must be in
   ExtINT (virtual wire) mode. SeaBIOS sets that up; microvm's qboot does not, so moat does. */
static void lapic_virtual_wire(void)
{
    if (!cpu.apic)
        return;
    volatile uint32_t *lapic = vm_map_mmio(LAPIC_PHYS);
    lapic[LAPIC_SVR / 4] = LAPIC_SVR_ENABLE | LAPIC_SPURIOUS_VECTOR;
    lapic[LAPIC_LVT_LINT0 / 4] = LAPIC_DM_EXTINT;
    lapic[LAPIC_LVT_LINT1 / 4] = LAPIC_DM_NMI;
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
    lapic_virtual_wire();
}

void pic_unmask(unsigned irq)
{
    mask &= (uint16_t) ~(1u << irq);
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
