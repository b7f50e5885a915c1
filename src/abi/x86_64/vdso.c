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

/* The clock page's frame, then the image's: the ABI's for good. */
static uintptr_t frames[1 + VDSO_PAGES];

bool abi_frame(paddr_t pa)
{
    for (word_t i = 0; i < 1 + VDSO_PAGES; i++)
        if (pa == frames[i])
            return pa != 0;
    return false;
}

const char *abi_frame_label(paddr_t pa)
{
    return pa == frames[0] ? "[vvar]" : "[vdso]";
}

/* The frames are the ABI's for good (the clock page, then the image's): every execve maps them
   again, written afresh (the program before may have made them writable and changed them). */
int abi_pages_map(void)
{
    for (word_t i = 0; i < 1 + VDSO_PAGES; i++) {
        if (!frames[i] && !(frames[i] = pmm_alloc_kernel()))
            return -ENOMEM;
        uint8_t *page = phys_to_virt(frames[i]);
        word_t off = (i - 1) * PAGE_SIZE; /* in the image; the clock page is the one before */
        if (i == 0)
            time_publish_to(page);
        else
            memcpy(page, vdso_image + off,
                   vdso_image_size - off < PAGE_SIZE ? vdso_image_size - off : PAGE_SIZE);
        if (vm_map(vdso_base + off, frames[i], i ? PROT_READ | PROT_EXEC : PROT_READ))
            return -ENOMEM;
    }
    return 0;
}
