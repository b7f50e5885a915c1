/* set_thread_area: Linux's TLS descriptors in the GDT's slots (tls.h). */
#include "arch/x86/tls.h"
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
    if (tls_desc_clears(&d)) {
        tls[idx - first] = 0;
        return 0;
    }
    /* Always DPL 3 data, accessed already (as Linux's fill_ldt() sets it). */
    uint32_t type = 1 | (d.contents << 2) | ((d.read_exec_only ^ 1) << 1);
    uint32_t access = 0x80 | 0x60 | 0x10 | type;
    uint32_t flags = (d.seg_32bit << 2) | (d.limit_in_pages << 3) | d.useable;
    tls[idx - first] = gdt_desc(d.base_addr, d.limit, access, flags);
    return 0;
}
