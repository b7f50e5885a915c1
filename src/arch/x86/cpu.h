/* Thin wrappers for x86 instructions that C cannot express, and the CPU's feature flags. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline void outw(uint16_t port, uint16_t v)
{
    __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint16_t inw(uint16_t port)
{
    uint16_t v;
    __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline void outl(uint16_t port, uint32_t v)
{
    __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
    __asm__ volatile("cpuid"
                     : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
                     : "a"(leaf), "c"(sub));
}

static inline uintptr_t read_cr0(void)
{
    uintptr_t v;
    __asm__ volatile("mov %%cr0, %0" : "=r"(v));
    return v;
}

static inline uintptr_t read_cr2(void)
{
    uintptr_t v;
    __asm__ volatile("mov %%cr2, %0" : "=r"(v));
    return v;
}

static inline uintptr_t read_cr3(void)
{
    uintptr_t v;
    __asm__ volatile("mov %%cr3, %0" : "=r"(v));
    return v;
}

static inline uintptr_t read_cr4(void)
{
    uintptr_t v;
    __asm__ volatile("mov %%cr4, %0" : "=r"(v));
    return v;
}

static inline void write_cr0(uintptr_t v)
{
    __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline void write_cr3(uintptr_t v)
{
    __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline void write_cr4(uintptr_t v)
{
    __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline void invlpg(uintptr_t va)
{
    __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/* The only two places the kernel lets interrupts in; entry.S has them, as real calls. An
   interrupt handler may change any of the kernel's state (the console's input queue, the
   pending signals, the clock), and a call the compiler cannot see into is what makes it
   read that state again afterwards: an inline asm's memory clobber is not enough once the
   kernel is optimised as one program, where a static variable no asm names is known not
   to be touched by it.
   cpu_wait: wait for the next interrupt with interrupts enabled only inside the wait: sti's
   one-instruction shadow makes "sti; hlt" atomic, so a wake-up cannot slip in between a
   check and the hlt.
   cpu_interrupt_window: let pending interrupts in at a point the kernel chose, in a long
   operation (sti holds them off for one more instruction, so they arrive after the nop). */
void cpu_wait(void);
void cpu_interrupt_window(void);

#define CR0_MP (1u << 1)
#define CR0_EM (1u << 2)
#define CR0_TS (1u << 3)
#define CR0_NE (1u << 5)
#define CR0_AM (1u << 18)
#define CR4_PAE (1u << 5)
#define CR4_PGE (1u << 7)
#define CR4_OSFXSR (1u << 9)
#define CR4_OSXMMEXCPT (1u << 10)
#define CR4_UMIP (1u << 11)
#define CR4_SMEP (1u << 20)
#define CR4_SMAP (1u << 21)
#define MSR_EFER 0xC0000080u
#define MSR_SYSENTER_CS 0x174u
#define MSR_SYSENTER_ESP 0x175u
#define MSR_SYSENTER_EIP 0x176u
#define EFER_NXE (1u << 11)
#define EFLAGS_CF 0x001u /* the EFLAGS bits the kernel names */
#define EFLAGS_PF 0x004u
#define EFLAGS_AF 0x010u
#define EFLAGS_ZF 0x040u
#define EFLAGS_SF 0x080u
#define EFLAGS_TF 0x100u
#define EFLAGS_IF 0x200u
#define EFLAGS_DF 0x400u
#define EFLAGS_OF 0x800u
#define EFLAGS_RF 0x10000u
#define EFLAGS_VM 0x20000u
#define EFLAGS_AC 0x40000u

/* What CPUID said at boot. */
struct cpu_features {
    bool fxsr, sse, pge, nx, tsc;
    bool smep, smap, umip, md_clear, rdrand, rdseed, sep, apic;
    bool fsgsbase;      /* rdfsbase and its kin, which x86_64 lets the app use */
    uint32_t hwcap;     /* CPUID.1:EDX, as AT_HWCAP */
    uint32_t phys_bits; /* MAXPHYADDR: page tables cannot reach frames at 1 << phys_bits */
};
extern struct cpu_features cpu;

void cpu_init(void);
/* The width's system call instruction's MSRs (i386: sysenter, in 32/idt.c), from cpu_init. */
void syscall_entry_init(void);
/* Apply the kernel command line's CPU options (mds=full|off). */
void cpu_apply_options(void);
/* 32 random bits: RDRAND when the CPU has it, else mixed TSC readings. */
uint32_t cpu_random_u32(void);
