/* Boot entry: the Multiboot2 header (GRUB), the PVH note (QEMU -kernel, microvm), and the
   switch from flat physical mode to PAE paging with the kernel at 0xC0000000. Runs at its
   physical address until the jump to boot_high. */
#include "arch/x86/32/segments.h"

#define KERNEL_VMA 0xC0000000
#define PHYS(sym) ((sym) - KERNEL_VMA)

#define MB2_MAGIC 0xE85250D6
#define PVH_MAGIC 0x336EC578 /* hvm_start_info's magic: passed on in eax, as loaders do */
#define XEN_ELFNOTE_PHYS32_ENTRY 18

    .section .multiboot, "a"
    .align 8
mb2_header:
    .long MB2_MAGIC
    .long 0 /* i386 protected mode */
    .long mb2_header_end - mb2_header
    .long -(MB2_MAGIC + 0 + (mb2_header_end - mb2_header))
    .align 8
    .short 6, 0 /* module alignment: page-aligned modules */
    .long 8
    .short 0, 0 /* end tag */
    .long 8
mb2_header_end:

/* PVH: QEMU's -kernel (and microvm monitors) start here, in 32-bit protected mode without
   paging, with ebx pointing at struct hvm_start_info. There is deliberately no Multiboot1
   header: QEMU would prefer it, and microvm's firmware cannot run it. */
    .section .note.Xen, "a", @note
    .align 4
    .long 4, 4, XEN_ELFNOTE_PHYS32_ENTRY
    .asciz "Xen"
    .long pvh_start

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

    /* kernel_pd (below): the first 1 GiB in 2 MiB pages (present, writable, 2 MiB, global),
       made here so that the file need not carry its 4 KiB; it serves both at 0, only until
       boot_high runs, and at 0xC0000000. */
    mov $PHYS(kernel_pd), %ecx
    mov $0x183, %eax
1:  mov %eax, (%ecx)
    add $0x200000, %eax
    add $8, %ecx
    cmp $PHYS(kernel_pd) + 4096, %ecx
    jne 1b
    mov $PHYS(kernel_pdpt), %edx
    mov $PHYS(kernel_pd) + 1, %eax
    mov %eax, 0(%edx)
    mov %eax, 24(%edx)

    mov %cr4, %eax
    or $0x20, %eax /* PAE */
    mov %eax, %cr4
    mov %edx, %cr3
    mov %cr0, %eax
    or $0x80010000, %eax /* PG, WP: the kernel honours read-only pages too */
    mov %eax, %cr0
    mov $boot_high, %eax
    jmp *%eax

    .text
boot_high:
    mov $kernel_stack_top, %esp
    xor %ebp, %ebp
    push %edi
    push %esi
    call kmain
2:  cli
    hlt
    jmp 2b

    .section .bss.pagetables, "aw", @nobits
    .align 4096
    .global kernel_pd
kernel_pd:
    .skip 4096
    .align 32
    .global kernel_pdpt
kernel_pdpt:
    .skip 32

    .section .bss.stack, "aw", @nobits
    .align 4096
    .global kernel_stack_bottom
kernel_stack_bottom:
    .skip 16384 - 68
    /* struct trap_frame (mode/frame.h): where the CPU pushes every entry from ring 3 */
    .global user_frame
user_frame:
    .skip 68
    .global kernel_stack_top
kernel_stack_top:

    .section .note.GNU-stack, "", @progbits

    .section .bss.df_stack, "aw", @nobits
    .align 4096
    .global df_stack_top
    .skip 4096
df_stack_top:
