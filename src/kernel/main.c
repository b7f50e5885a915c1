/* kmain: bring the machine up in order, then hand it to the app. */
#include "arch/x86/cpu.h"
#include "arch/x86/gdt.h"
#include "arch/x86/idt.h"
#include "arch/x86/pic.h"
#include "arch/x86/pit.h"
#include "arch/x86/uart.h"
#include "kernel/app.h"
#include "kernel/boot.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/exec.h"
#include "kernel/panic.h"
#include "kernel/pmm.h"
#include "kernel/time.h"
#include "kernel/vm.h"

extern char boot_stack_top[], __kernel_phys_start[], __kernel_phys_end[];

static struct boot_info boot;

static void memory_init(void)
{
    for (int i = 0; i < boot.nregions; i++)
        pmm_add_free(boot.regions[i].base, boot.regions[i].len);
    pmm_reserve(0, 0x100000); /* real-mode memory: BIOS data, EBDA, ROMs */
    pmm_reserve((uint32_t)__kernel_phys_start,
                (uint32_t)__kernel_phys_end - (uint32_t)__kernel_phys_start);
    if (boot.has_module)
        pmm_reserve(boot.module_start, boot.module_end - boot.module_start);
    vm_init();
    klog("memory: %u KiB free", pmm_free_count() * 4);
}

void kmain(uint32_t magic, uint32_t info);
void kmain(uint32_t magic, uint32_t info)
{
    uart_init();
    klog("moat %s", MOAT_VERSION);
    gdt_init((uint32_t)boot_stack_top);
    idt_init();
    if (boot_parse(magic, info, &boot))
        panic("not started by a Multiboot loader (eax=0x%x)", magic);
    klog("booted by %s; kernel command line \"%s\"", boot.loader, boot.cmdline);
    cmdline_init(boot.cmdline);
    cpu_init();
    cpu_apply_options();
    memory_init();
    pic_init();
    pit_init();
    pic_unmask(IRQ_COM1);
    time_init();
    exec_start(&boot);
}
