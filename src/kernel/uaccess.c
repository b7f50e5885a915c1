/* User-memory copies, as Linux does them: the range must lie in user space, and the page
   tables decide the rest by faulting (the kernel honours read-only pages, CR0.WP, and PROT_NONE
   pages are not present); the fault's fixup makes it -EFAULT. */
#include "kernel/uaccess.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/vm.h"

size_t uaccess_copy(void *dst, const void *src, size_t n);

bool user_range_ok(uaddr_t addr, size_t n, bool write)
{
    if (n == 0)
        return true;
    if (!user_addr_ok(addr, n))
        return false;
    for (uaddr_t page = addr & PAGE_MASK; page < addr + n; page += PAGE_SIZE) {
        uint32_t prot;
        if (!vm_query(page, 0, &prot) && !(mm_grow_stack(page) == 0 && vm_query(page, 0, &prot)))
            return false;
        if (!(prot & PROT_READ) || (write && !(prot & PROT_WRITE)))
            return false;
    }
    return true;
}

int copy_from_user(void *dst, uaddr_t user_src, size_t n)
{
    if (!user_addr_ok(user_src, n))
        return n ? -EFAULT : 0;
    return uaccess_copy(dst, (const void *)(uintptr_t)user_src, n) ? -EFAULT : 0;
}

int copy_to_user(uaddr_t user_dst, const void *src, size_t n)
{
    if (!user_addr_ok(user_dst, n))
        return n ? -EFAULT : 0;
    return uaccess_copy((void *)(uintptr_t)user_dst, src, n) ? -EFAULT : 0;
}

__attribute__((cold)) int put_user_u32(uaddr_t user_dst, uint32_t v)
{
    return copy_to_user(user_dst, &v, sizeof(v));
}

/* An __ex_table entry: an access that may fault and where it then resumes, each as its
   distance from its own field (4 bytes on either width, where an address took 8 on x86_64;
   the search runs only when the kernel faults). */
struct extable_entry {
    int32_t ip, fixup;
};
extern const struct extable_entry __ex_table_start[], __ex_table_end[];

uintptr_t uaccess_fixup(uintptr_t ip)
{
    for (const struct extable_entry *e = __ex_table_start; e < __ex_table_end; e++)
        if (rel32_target(&e->ip) == ip)
            return rel32_target(&e->fixup);
    return 0;
}
