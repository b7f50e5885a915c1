/* madvise: every advice Linux 6.1 accepts is accepted; the ones that free memory
   (MADV_DONTNEED, MADV_DONTNEED_LOCKED, MADV_FREE, MADV_REMOVE) zero anonymous memory (the
   heap, the stack, mmap), which is what the app then reads on Linux: as there, the page is dropped
   and a fresh zeroed one takes its place, with the same protection. The app's image and the ABI's
   pages (the vsyscall page, the vDSO) are left as they are: Linux would fault them back in from the
   file or the vDSO, and moat has no file to read .data from again. All of moat's memory is present,
   so the rest of the advice has nothing to do. */
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/vm.h"

#define MADV_DONTNEED 4
#define MADV_FREE 8
#define MADV_REMOVE 9
#define MADV_COLD 20
#define MADV_PAGEOUT 21
#define MADV_DONTNEED_LOCKED 24
#define MADV_COLLAPSE 25 /* the last in Linux 6.1 */

static bool valid_advice(uint32_t advice)
{
    return advice <= MADV_COLLAPSE && advice != 5 && advice != 6 && advice != 7;
}

sword_t sys_madvise(uaddr_t addr, word_t len_in, uint32_t advice)
{
    if (!valid_advice(advice) || (addr & ~PAGE_MASK))
        return -EINVAL;
    word_t len = page_round_up(len_in);
    if (len_in && !len)
        return -EINVAL;
    if (addr + len < addr)
        return -EINVAL;
    if (!len)
        return 0;
    /* MADV_DONTNEED_LOCKED is MADV_DONTNEED for locked pages too; the others that would page
       out are EINVAL at a locked page (Linux's can_madv_lru_vma). */
    bool any = advice == MADV_DONTNEED_LOCKED;
    if (any)
        advice = MADV_DONTNEED;
    bool zero = advice == MADV_DONTNEED || advice == MADV_FREE || advice == MADV_REMOVE;
    bool not_locked = (zero && !any) || advice == MADV_COLD || advice == MADV_PAGEOUT;
    /* Linux: a hole is reported after the rest was advised; nothing lies above USER_TOP, and
       whole empty page tables are holes passed over at once. */
    uaddr_t end = addr + len, top = end < USER_TOP ? end : USER_TOP;
    int32_t ret = end > top ? -ENOMEM : 0;
    for (uaddr_t p = addr; p < top; p += PAGE_SIZE) {
        uint64_t pa;
        uint32_t prot;
        uaddr_t next = vm_next_covered(p, top);
        if (next != p)
            ret = -ENOMEM;
        if ((p = next) >= top)
            break;
        if (!vm_query_marks(p, &pa, &prot)) {
            ret = -ENOMEM;
            continue;
        }
        if (not_locked && (prot & VM_LOCKED))
            return -EINVAL;
        /* A segment's page (VM_SHARED) keeps its data, as Linux's shmem refills it, but
           MADV_FREE is anonymous memory's only (EINVAL) and MADV_REMOVE punches the data out
           (EACCES without write access). Otherwise the page reads as new, zero-filled memory:
           its frame is cleared where it is, so the mapping, its protection and mm's
           bookkeeping stay as they are. */
        if (zero && (prot & VM_SHARED) && advice != MADV_DONTNEED) {
            if (advice == MADV_FREE)
                return -EINVAL;
            if (!(prot & PROT_WRITE))
                return -EACCES;
        }
        bool keep = (prot & VM_SHARED) && advice == MADV_DONTNEED;
        if (zero && !keep && p >= app.image_end && !abi_frame(pa))
            memset(vm_frame(KMAP_ZERO, pa), 0, PAGE_SIZE);
    }
    return ret;
}
