/* kmain: bring the machine up in order, then hand it to the app. */
#include "arch/x86/acpi.h"
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

#ifdef MOAT_DEBUG_TRIGGERS
/* Debug builds only (moat-debug.elf): deliberate kernel bugs, so that the tests can prove
   the protections catch them. Once the app is loaded, "debug=smap" reads its memory outside
   the copy routines and "debug=smep" runs its code; "debug=stack-overflow" recurses until
   the kernel stack overflows. */
__attribute__((noinline)) static uint32_t recurse(uint32_t depth)
{
    volatile uint32_t pad[64];
    pad[depth % 64] = depth;
    if (depth == 0xFFFFFFFFu) /* never: it only keeps the compiler from calling this endless */
        return 0;
    return recurse(depth + 1) + pad[0];
}

static void debug_triggers(void)
{
    if (cmdline_has("debug=stack-overflow")) {
        klog("debug: overflowing the kernel stack");
        recurse(0);
    }
}

void debug_smap_trigger(uint32_t user_addr)
{
    if (cmdline_has("debug=smap")) {
        klog("debug: reading user memory at %p outside the copy routines", (void *)user_addr);
        (void)*(volatile uint32_t *)user_addr;
    }
    if (cmdline_has("debug=smep")) {
        klog("debug: calling the app's entry point %p from the kernel", (void *)user_addr);
        ((void (*)(void))user_addr)();
    }
}
#else
static void debug_triggers(void)
{
}

void debug_smap_trigger(uint32_t user_addr)
{
}
#endif

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
    console_init();
    acpi_set_root(boot.acpi_rsdt, boot.acpi_xsdt);
    cpu_init();
    cpu_apply_options();
    memory_init();
    pic_init();
    pit_init();
    pic_unmask(IRQ_COM1);
    time_init();
    debug_triggers();
    exec_start(&boot);
}
