/* set_thread_area and get_thread_area: Linux's TLS descriptors in the GDT's slots (tls.h). */
#include "arch/x86/tls.h"
#ifdef __x86_64__
#include "arch/x86/64/gdt.h" /* arch_set_fs_base() */
#endif
#include "kernel/errno.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

#include <stdbool.h>

/* Linux's struct user_desc, as set_thread_area takes it. */
struct user_desc {
    uint32_t entry_number;
    uint32_t base_addr;
    uint32_t limit;
    uint32_t seg_32bit : 1, contents : 2, read_exec_only : 1, limit_in_pages : 1,
        seg_not_present : 1, useable : 1;
};

/* Linux's two ways to say "no segment": the "empty" descriptor (only read_exec_only and
   seg_not_present set) and, as many programs assume, the all-zero one. */
static bool tls_desc_clears(const struct user_desc *d)
{
    if (d->base_addr || d->limit || d->contents || d->seg_32bit || d->limit_in_pages || d->useable)
        return false;
    return d->read_exec_only == d->seg_not_present;
}

/* What Linux's tls_desc_okay() accepts besides those: present 32-bit data only. A 16-bit
   segment as ss would make iret restore only the low half of esp, leaving the kernel's high
   half in the app's (Linux needs espfix for that, and allows it only in the LDT); code and
   not-present segments have no use in the TLS slots. */
static bool tls_desc_ok(const struct user_desc *d)
{
    return tls_desc_clears(d) || (d->seg_32bit && d->contents <= 1 && !d->seg_not_present);
}

/* A segment register that holds the selector of the slot just changed is loaded again, as
   Linux does, so that the new base takes effect at once; a slot cleared leaves it null (where
   Linux's reload faults and its fixup loads 0). fs and gs stay in the CPU on both widths;
   x86_64's entries leave ds and es there too (i386's frame has them, and restores them). */
#define TLS_RELOAD(seg, sel, cleared)                                                              \
    do {                                                                                           \
        uint16_t cur;                                                                              \
        __asm__ volatile("mov %%" seg ", %0" : "=r"(cur));                                         \
        if (cur == (sel))                                                                          \
            __asm__ volatile("mov %0, %%" seg : : "r"((uint16_t)((cleared) ? 0 : (sel))));         \
    } while (0)

static void tls_reload(uint32_t idx, bool cleared)
{
    uint16_t sel = (uint16_t)(idx << 3 | 3);
    TLS_RELOAD("fs", sel, cleared);
    TLS_RELOAD("gs", sel, cleared);
#ifdef __x86_64__
    TLS_RELOAD("ds", sel, cleared);
    TLS_RELOAD("es", sel, cleared);
#endif
}

/* set_thread_area: an i386 app's TLS is a GDT descriptor of its own making (as is a 64-bit
   app's that asks by int $0x80: loaded into fs or gs, its base is the segment's). */
sword_t sys_set_thread_area(uaddr_t user_ptr)
{
    uint32_t first;
    uint64_t *tls = gdt_tls_slots(&first);
    struct user_desc d;
    if (copy_from_user(&d, user_ptr, sizeof(d)))
        return -EFAULT;
    if (!tls_desc_ok(&d))
        return -EINVAL; /* before a slot is chosen, as on Linux */
    uint32_t idx = d.entry_number;
    if (idx == 0xFFFFFFFFu) {
        for (idx = first; idx < first + GDT_TLS_ENTRIES; idx++)
            if (tls[idx - first] == 0)
                break;
        if (idx == first + GDT_TLS_ENTRIES)
            return -ESRCH;
        d.entry_number = idx;
        if (copy_to_user(user_ptr, &d, sizeof(d.entry_number)))
            return -EFAULT;
    }
    if (idx < first || idx >= first + GDT_TLS_ENTRIES)
        return -EINVAL;
    bool cleared = tls_desc_clears(&d);
    /* Always DPL 3 data, accessed already (as Linux's fill_ldt() sets it). */
    uint32_t type = 1 | (d.contents << 2) | ((d.read_exec_only ^ 1) << 1);
    uint32_t access = 0x80 | 0x60 | 0x10 | type;
    uint32_t flags = (d.seg_32bit << 2) | (d.limit_in_pages << 3) | d.useable;
    tls[idx - first] = cleared ? 0 : gdt_desc(d.base_addr, d.limit, access, flags);
    tls_reload(idx, cleared);
    return 0;
}

/* get_thread_area: a slot's descriptor as a user_desc, as Linux's fill_user_desc() gives it
   (an empty slot: read_exec_only and seg_not_present). */
sword_t sys_get_thread_area(uaddr_t user_ptr)
{
    uint32_t first, idx;
    const uint64_t *tls = gdt_tls_slots(&first);
    if (copy_from_user(&idx, user_ptr, sizeof(idx)))
        return -EFAULT;
    if (idx < first || idx >= first + GDT_TLS_ENTRIES)
        return -EINVAL;
    uint64_t g = tls[idx - first];
    uint32_t type = (uint32_t)(g >> 40) & 0xF, flags = (uint32_t)(g >> 52) & 0xF;
    /* user_desc's four words, its bit-fields' word made whole (seg_32bit, contents,
       read_exec_only, limit_in_pages, seg_not_present, useable; its unnamed bits 0) */
    uint32_t d[4] = {idx, (uint32_t)((g >> 16) & 0xFFFFFF) | (uint32_t)(g >> 56) << 24,
                     (uint32_t)(g & 0xFFFF) | ((uint32_t)(g >> 48) & 0xF) << 16,
                     (flags >> 2 & 1) | (type >> 2 & 3) << 1 | (~type & 2) << 2 |
                         (flags >> 3 & 1) << 4 | (uint32_t)(~g >> 47 & 1) << 5 | (flags & 1) << 6};
    _Static_assert(sizeof(d) == sizeof(struct user_desc), "user_desc's four words");
    return copy_to_user(user_ptr, d, sizeof(d)) ? -EFAULT : 0;
}

void tls_exec(void)
{
    uint32_t first;
    uint64_t *slots = gdt_tls_slots(&first);
    for (uint32_t i = 0; i < GDT_TLS_ENTRIES; i++)
        slots[i] = 0;
    __asm__ volatile("mov %0, %%fs\n\tmov %0, %%gs" : : "r"(0));
#ifdef __x86_64__
    arch_set_fs_base(0);
    arch_set_gs_base(0);
#endif
}
