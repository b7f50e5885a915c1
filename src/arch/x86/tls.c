/* set_thread_area and get_thread_area: Linux's TLS descriptors in the GDT's slots (tls.h). */
#include "arch/x86/tls.h"
#ifdef __x86_64__
#include "arch/x86/64/gdt.h" /* arch_set_fs_base() */
#endif
#include "kernel/errno.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

#include <stdbool.h>

/* Linux's struct user_desc, as set_thread_area takes it: entry_number, base_addr and limit,
   then a word of bit-fields (the lowest first), which the calls test and make as one. */
enum { UD_ENTRY, UD_BASE, UD_LIMIT, UD_BITS, UD_WORDS };
enum {
    UD_SEG_32BIT = 1 << 0,
    UD_CONTENTS = 3 << 1,
    UD_READ_EXEC_ONLY = 1 << 3,
    UD_LIMIT_IN_PAGES = 1 << 4,
    UD_SEG_NOT_PRESENT = 1 << 5,
    UD_USEABLE = 1 << 6,
};

/* Linux's two ways to say "no segment": the "empty" descriptor (only read_exec_only and
   seg_not_present set) and, as many programs assume, the all-zero one. */
static bool tls_desc_clears(const uint32_t *d)
{
    if (d[UD_BASE] || d[UD_LIMIT] ||
        (d[UD_BITS] & (UD_SEG_32BIT | UD_CONTENTS | UD_LIMIT_IN_PAGES | UD_USEABLE)))
        return false;
    return !(d[UD_BITS] & UD_READ_EXEC_ONLY) == !(d[UD_BITS] & UD_SEG_NOT_PRESENT);
}

/* What Linux's tls_desc_okay() accepts besides those: present 32-bit data only (contents 0
   or 1: its bit 2 clear). A 16-bit segment as ss would make iret restore only the low half of
   esp, leaving the kernel's high half in the app's (Linux needs espfix for that, and allows it
   only in the LDT); code and not-present segments have no use in the TLS slots. */
static bool tls_desc_ok(const uint32_t *d, bool cleared)
{
    return cleared || (d[UD_BITS] & (UD_SEG_32BIT | 4 | UD_SEG_NOT_PRESENT)) == UD_SEG_32BIT;
}

/* A segment register that holds the selector of the slot just changed is loaded again, as
   Linux does, so that the new base takes effect at once; a slot cleared leaves it null (where
   Linux's reload faults and its fixup loads 0). fs and gs stay in the CPU on both widths;
   x86_64's entries leave ds and es there too (i386's frame has them, and restores them). */
#define TLS_RELOAD(seg, sel, to)                                                                   \
    do {                                                                                           \
        uint16_t cur;                                                                              \
        __asm__ volatile("mov %%" seg ", %0" : "=r"(cur));                                         \
        if (cur == (sel))                                                                          \
            __asm__ volatile("mov %0, %%" seg : : "r"(to));                                        \
    } while (0)

static void tls_reload(uint32_t idx, bool cleared)
{
    uint16_t sel = (uint16_t)(idx << 3 | 3), to = cleared ? 0 : sel;
    TLS_RELOAD("fs", sel, to);
    TLS_RELOAD("gs", sel, to);
#ifdef __x86_64__
    TLS_RELOAD("ds", sel, to);
    TLS_RELOAD("es", sel, to);
#endif
}

/* set_thread_area: an i386 app's TLS is a GDT descriptor of its own making (as is a 64-bit
   app's that asks by int $0x80: loaded into fs or gs, its base is the segment's). */
sword_t sys_set_thread_area(uaddr_t user_ptr)
{
    uint32_t first;
    uint64_t *tls = gdt_tls_slots(&first);
    uint32_t d[UD_WORDS];
    if (copy_from_user(d, user_ptr, sizeof(d)))
        return -EFAULT;
    bool cleared = tls_desc_clears(d);
    if (!tls_desc_ok(d, cleared))
        return -EINVAL; /* before a slot is chosen, as on Linux */
    uint32_t idx = d[UD_ENTRY], bits = d[UD_BITS];
    if (idx == 0xFFFFFFFFu) {
        for (idx = first; idx < first + GDT_TLS_ENTRIES; idx++)
            if (tls[idx - first] == 0)
                break;
        if (idx == first + GDT_TLS_ENTRIES)
            return -ESRCH;
        if (copy_to_user(user_ptr, &idx, sizeof(idx)))
            return -EFAULT;
    }
    if (idx < first || idx >= first + GDT_TLS_ENTRIES)
        return -EINVAL;
    /* Always DPL 3 data, accessed already (as Linux's fill_ldt() sets it). */
    uint32_t type = 1 | (bits & UD_CONTENTS) << 1 | (~bits & UD_READ_EXEC_ONLY) >> 2;
    uint32_t access = 0x80 | 0x60 | 0x10 | type;
    uint32_t flags =
        (bits & UD_SEG_32BIT) << 2 | (bits & UD_LIMIT_IN_PAGES) >> 1 | (bits & UD_USEABLE) >> 6;
    tls[idx - first] = cleared ? 0 : gdt_desc(d[UD_BASE], d[UD_LIMIT], access, flags);
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
    uint32_t d[UD_WORDS] = {
        idx, (uint32_t)((g >> 16) & 0xFFFFFF) | (uint32_t)(g >> 56) << 24,
        (uint32_t)(g & 0xFFFF) | ((uint32_t)(g >> 48) & 0xF) << 16,
        (flags >> 2 & UD_SEG_32BIT) | (type >> 1 & UD_CONTENTS) | (~type << 2 & UD_READ_EXEC_ONLY) |
            (flags << 1 & UD_LIMIT_IN_PAGES) | (uint32_t)(~g >> 42 & UD_SEG_NOT_PRESENT) |
            (flags << 6 & UD_USEABLE)}; /* its unnamed bits 0 */
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
