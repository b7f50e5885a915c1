/* Boot entry: the Multiboot2 header (GRUB), the PVH note (QEMU -kernel, microvm), and the
   switch from 32-bit flat mode to long mode with the kernel at 0xFFFFFFFF80000000. Both
   loaders start here in 32-bit protected mode without paging, as they do the i386 kernel. */
#include "arch/x86/64/segments.h"

#define KERNEL_VMA 0xFFFFFFFF80000000
#define PHYS(sym) ((sym) - KERNEL_VMA)

#define MB2_MAGIC 0xE85250D6
#define PVH_MAGIC 0x336EC578 /* hvm_start_info's magic: passed on in eax, as loaders do */
#define XEN_ELFNOTE_PHYS32_ENTRY 18
#define MSR_EFER 0xC0000080
#define EFER_LME 0x100

    .section .multiboot, "a"
    .align 8
mb2_header:
    .long MB2_MAGIC
    .long 0 /* i386 protected mode: this file switches to long mode itself */
    .long mb2_header_end - mb2_header
    .long -(MB2_MAGIC + 0 + (mb2_header_end - mb2_header))
    .align 8
    .short 6, 0 /* module alignment: page-aligned modules */
    .long 8
    .short 0, 0 /* end tag */
    .long 8
mb2_header_end:

/* PVH: QEMU's -kernel (and microvm monitors) start here, in 32-bit protected mode without
   paging, with ebx pointing at struct hvm_start_info. An ELF64 note holds a 64-bit word. */
    .section .note.Xen, "a", @note
    .align 4
    .long 4, 8, XEN_ELFNOTE_PHYS32_ENTRY
    .asciz "Xen"
    .quad pvh_start

    .section .boot.text, "ax"
    .code32
pvh_start:
    mov $PVH_MAGIC, %eax
    .global _start
_start:
    /* eax: the loader's magic, ebx: the physical address of its boot information. */
    cli
    cld
    mov %eax, %esi
    mov %ebx, %edi

    /* kernel_pd: the first 1 GiB in 2 MiB pages (present, writable, 2 MiB, global), made here
       so that the file need not carry its 4 KiB; linked at 0 (only until vm_init) and at
       KERNEL_VMA. The tables are in .bss, zero as the loader leaves it. */
    mov $PHYS(kernel_pd), %ecx
    mov $0x183, %eax
1:  mov %eax, (%ecx)
    add $0x200000, %eax
    add $8, %ecx
    cmp $PHYS(kernel_pd) + 4096, %ecx
    jne 1b
    movl $PHYS(boot_pdpt) + 3, PHYS(kernel_pml4)
    movl $PHYS(kernel_pdpt) + 3, PHYS(kernel_pml4) + 511 * 8
    movl $PHYS(kernel_pd) + 3, PHYS(boot_pdpt)
    movl $PHYS(kernel_pd) + 3, PHYS(kernel_pdpt) + 510 * 8
    mov %cr4, %eax
    or $0x20, %eax /* PAE */
    mov %eax, %cr4
    mov $PHYS(kernel_pml4), %eax
    mov %eax, %cr3
    mov $MSR_EFER, %ecx
    rdmsr
    or $EFER_LME, %eax
    wrmsr
    mov %cr0, %eax
    or $0x80010001, %eax /* PG, WP (the kernel honours read-only pages too), PE */
    mov %eax, %cr0
    lgdt boot_gdtr
    ljmp $KERNEL_CS, $boot_long

    .code64
boot_long:
    movabs $boot_high, %rax
    jmp *%rax

    /* Enough of a GDT for the far jump: gdt_init() loads the real one, same selectors. */
    .align 8
boot_gdt:
    .quad 0, 0
    .quad 0x00AF9A000000FFFF /* KERNEL_CS: 64-bit code */
    .quad 0x00CF92000000FFFF /* KERNEL_DS */
boot_gdtr:
    .short boot_gdtr - boot_gdt - 1
    .long boot_gdt

    .text
boot_high:
    mov $KERNEL_DS, %eax
    mov %eax, %ds
    mov %eax, %es
    mov %eax, %ss
    xor %eax, %eax
    mov %eax, %fs
    mov %eax, %gs
    mov $kernel_stack_top, %rsp
    xor %ebp, %ebp
    mov %esi, %eax /* kmain(magic, info) */
    mov %edi, %esi
    mov %eax, %edi
    call kmain
2:  cli
    hlt
    jmp 2b

    /* The top-level table, the top 2 GiB's (slot 510: KERNEL_VMA), the one that serves
       kernel_pd at 0 until vm_init drops it, and kernel_pd. */
    .section .bss.pagetables, "aw", @nobits
    .align 4096
    .global kernel_pml4, kernel_pdpt, kernel_pd
kernel_pd:
    .skip 4096
kernel_pml4:
    .skip 4096
kernel_pdpt:
    .skip 4096
boot_pdpt:
    .skip 4096

    .section .bss.stack, "aw", @nobits
    .align 4096
    .global kernel_stack_bottom
kernel_stack_bottom:
    .skip 16384 - 176
    /* struct trap_frame (mode/frame.h): where every entry from ring 3 builds the app's frame */
    .global user_frame
user_frame:
    .skip 176
    .global kernel_stack_top
kernel_stack_top:

/* The IST stacks for #DF, NMI and #MC (gdt.c): each its own 4 KiB with a guard page below
   (kernel.ld), so that none of them can run into another or into the kernel stack. */
    .section .bss.df_stack, "aw", @nobits
    .align 4096
    .skip 4096
    .global df_stack_top
df_stack_top:
    .section .bss.nmi_stack, "aw", @nobits
    .align 4096
    .skip 4096
    .global nmi_stack_top
nmi_stack_top:
    .section .bss.mc_stack, "aw", @nobits
    .align 4096
    .skip 4096
    .global mc_stack_top
mc_stack_top:

    .section .note.GNU-stack, "", @progbits
