/* kmain: bring the machine up in order, then hand it to the app. */
#include "arch/x86/arch.h"
#include "arch/x86/cpu.h"
#include "kernel/app.h"
#include "kernel/boot.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/exec.h"
#include "kernel/panic.h"
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "kernel/vm.h"

extern char __kernel_phys_start[], __kernel_phys_end[];
extern char __zeroed_start[], __zeroed_end[];

static struct boot_info boot;

/* [base, end) of RAM, less the ranges in keep[0..n), becomes free. */
static void add_free(uint64_t base, uint64_t end, const struct boot_region *keep, int n)
{
    for (; n > 0 && base < end; n--, keep++) {
        if (keep->base + keep->len <= base || keep->base >= end)
            continue;
        if (keep->base > base)
            add_free(base, keep->base, keep + 1, n - 1);
        base = keep->base + keep->len;
    }
    if (base < end)
        pmm_add_free(base, end - base);
}

/* The loader reads the module through the direct map. QEMU's PVH puts it at the top of RAM,
   beyond that with 1 GiB or more: then it moves to low frames (which exec_start frees), and
   where it was becomes free. If it cannot, it stays, and exec_start refuses it. */
static void module_to_low(void)
{
    uint64_t size = boot.module_end - boot.module_start;
    if (!boot.has_module || boot.module_end <= KERNEL_DIRECT_MAP_SIZE || size >= PMM_LOW_LIMIT)
        return;
    uintptr_t dst = pmm_alloc_low_range((uint32_t)((size + PAGE_SIZE - 1) / PAGE_SIZE));
    if (!dst)
        return;
    for (uint32_t done = 0; done < size;) {
        uint64_t pa = boot.module_start + done;
        uint32_t off = (uint32_t)pa & ~PAGE_MASK, n = PAGE_SIZE - off;
        if (n > size - done)
            n = (uint32_t)(size - done);
        memcpy((uint8_t *)phys_to_virt(dst) + done,
               (const uint8_t *)vm_kmap(KMAP_BOOT, pa - off) + off, n);
        done += n;
    }
    pmm_give_back(boot.module_start, size);
    boot.module_start = dst;
    boot.module_end = dst + size;
}

static void memory_init(void)
{
    const struct boot_region keep[] = {
        {0, 0x100000}, /* real-mode memory: BIOS data, EBDA, ROMs */
        {(uintptr_t)__kernel_phys_start, (uintptr_t)(__kernel_phys_end - __kernel_phys_start)},
        {boot.module_start, boot.has_module ? boot.module_end - boot.module_start : 0},
    };
    uint64_t reach = 1ull << cpu.phys_bits; /* RAM beyond it cannot be mapped */
    for (int i = 0; i < boot.nregions; i++) {
        uint64_t end = boot.regions[i].base + boot.regions[i].len;
        add_free(boot.regions[i].base, end < reach ? end : reach, keep, 3);
    }
    /* Frames at the end of the kernel's .bss: the loader zeroed them (kernel.ld). */
    pmm_add_zeroed(virt_to_phys(__zeroed_start), (uint32_t)(__zeroed_end - __zeroed_start));
    module_to_low();
    vm_init();
    klog("memory: %u KiB free", pmm_free_count() * 4);
}

#ifdef MOAT_DEBUG_TRIGGERS
/* Debug builds only (moat-debug.elf): deliberate kernel bugs, so that the tests can prove
   the protections catch them. Once the app is loaded, "debug=smap" reads its memory outside
   the copy routines and "debug=smep" runs its code; "debug=stack-overflow" recurses until
   the kernel stack overflows; "debug=nmi-exit" raises an NMI in the exit path, after the
   switch to the app's page tables (KPTI). */
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
    extern uint8_t debug_nmi_exit;
    if (cmdline_has("debug=nmi-exit")) { /* entry.S raises it (int $2) on the first way out */
        klog("debug: an NMI in the exit path, on the app's page tables");
        debug_nmi_exit = 1;
    }
    if (cmdline_has("debug=stack-overflow")) {
        klog("debug: overflowing the kernel stack");
        recurse(0);
    }
}

void debug_smap_trigger(uaddr_t user_addr)
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
static void debug_triggers(void) {}

void debug_smap_trigger(uaddr_t user_addr) {}
#endif

void kmain(uint32_t magic, uint32_t info);
void kmain(uint32_t magic, uint32_t info)
{
    arch_early_init();
    klog("moat " MOAT_VERSION);
    vm_kmap_init(); /* the loader's data may be beyond the direct map */
    if (boot_parse(magic, info, &boot))
        panic("not started by a Multiboot loader (magic 0x%x)", magic);
    klog("booted by %s; kernel command line \"%s\"", boot.loader, boot.cmdline);
    cmdline_init(boot.cmdline);
    console_init();
    arch_init(&boot);
    time_init(); /* the boot from here on times the TSC (time_start, in exec_start) */
    memory_init();
    debug_triggers();
    exec_start(&boot);
}
