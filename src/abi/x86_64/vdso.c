/* Maps the x86_64 vDSO (vdso/, embedded at build time as vdso_image.h) into the app, as Linux
   does above the stack at a random address: the image read-execute in frames of its own, and
   below it, read-only, the page where the kernel publishes its clock (kernel/time.h), which
   the vDSO reads. The app may unmap or change either: that changes only what its own vDSO
   reads (and mm_unmap never frees the ABI's frames, so the clock page stays the kernel's). */
#include "abi/x86_64/vdso.h"
#include "abi/x86_64/vdso/vdso_image.h"
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/exec.h"
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "kernel/vm.h"

#define VDSO_PAGES ((vdso_image_size + PAGE_SIZE - 1) / PAGE_SIZE)

const char abi_pages_name[] = "the vDSO";
uaddr_t vdso_base;

/* Within the top 1 MiB of the app's half, page-aligned: the clock page, then the image. */
void abi_pages_place(uaddr_t *start, uaddr_t *end)
{
    *end = USER_TOP - random_below(256u - VDSO_PAGES - 1) * PAGE_SIZE;
    vdso_base = *end - VDSO_PAGES * PAGE_SIZE;
    *start = vdso_base - PAGE_SIZE;
}

bool abi_pages_hold(uaddr_t va)
{
    return va >= vdso_base - PAGE_SIZE && va < vdso_base + VDSO_PAGES * PAGE_SIZE;
}

int abi_pages_map(void)
{
    uintptr_t clock = pmm_alloc_kernel();
    if (!clock || vm_map(vdso_base - PAGE_SIZE, clock, PROT_READ))
        return -ENOMEM;
    time_publish_to(phys_to_virt(clock));
    for (word_t off = 0; off < vdso_image_size; off += PAGE_SIZE) {
        uintptr_t pa = pmm_alloc_kernel();
        if (!pa)
            return -ENOMEM;
        word_t n = vdso_image_size - off < PAGE_SIZE ? vdso_image_size - off : PAGE_SIZE;
        memcpy(phys_to_virt(pa), vdso_image + off, n);
        if (vm_map(vdso_base + off, pa, PROT_READ | PROT_EXEC)) {
            pmm_free(pa);
            return -ENOMEM;
        }
    }
    return 0;
}
