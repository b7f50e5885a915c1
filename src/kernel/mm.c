/* brk, mmap2, munmap and mprotect over the page tables: the page tables are the only record of
   what is mapped, so there is no second structure to keep in step. */
#include "kernel/mm.h"
#include "kernel/abi.h"
#include "kernel/console.h"
#include "kernel/cred.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/ipc.h"
#include "kernel/mount.h"
#include "kernel/pmm.h"
#include "kernel/rlimit.h"
#include "kernel/syscalls.h"
#include "kernel/vm.h"

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_LOCKED 0x2000
#define MAP_FIXED_NOREPLACE 0x100000
/* Linux's LEGACY_MAP_MASK: the flags MAP_SHARED_VALIDATE takes for a file that adds none. */
#define LEGACY_MAP_MASK 0x7C07F973u
/* The kernel's (not the app's) largest file offset, as Linux's MAX_LFS_FILESIZE. */
#define MAX_LFS_FILESIZE (sizeof(void *) == 8 ? (uint64_t)INT64_MAX : (uint64_t)UINT32_MAX << 12)
#define PROT_SEM 0x8u /* allowed, and meaningless here */
#define PROT_GROWSDOWN 0x01000000u
#define PROT_GROWSUP 0x02000000u

struct mm mm;

/* [va, va + len) is to be unmapped: where it makes a hole in the part known to be all
   mapped, that part ends above it; the program's file backs none of it any more (a run cut
   in two keeps its lower part, and its upper one where a slot is free). */
static void forget(uaddr_t va, word_t len)
{
    uaddr_t end = va + len;
    if (va < mm.mmap_base && end > mm.mmap_full)
        mm.mmap_full = end < mm.mmap_base ? end : mm.mmap_base;
    for (struct mm_image_run *r = mm.image; r < mm.image + MM_IMAGE_RUNS; r++) {
        if (va >= r->end || end <= r->start)
            continue;
        struct mm_image_run upper = {end, r->end, r->off + (end - r->start)};
        r->end = va > r->start ? va : r->start;
        if (upper.start < upper.end) {
            struct mm_image_run *slot = r->start < r->end ? mm.image : r;
            while (slot < mm.image + MM_IMAGE_RUNS && slot->start < slot->end)
                slot++;
            if (slot < mm.image + MM_IMAGE_RUNS)
                *slot = upper;
        }
    }
}

void mm_unmap(uaddr_t va, word_t len)
{
    forget(va, len);
    bool shm = shm_unmapping(va, len);
    uaddr_t end = va + len; /* the callers' ranges lie in user space */
    for (uaddr_t p = vm_next_covered(va, end); p < end; p = vm_next_covered(p + PAGE_SIZE, end)) {
        bool shared;
        uint64_t pa = vm_unmap(p, &shared);
        if (pa && !abi_frame(pa)) { /* the ABI's frames stay its own (the clock page), */
            if (!shared)            /* and a segment's its own */
                pmm_free(pa);
            mm.pages--;
        }
    }
    if (shm)
        shm_unmapped();
}

int mm_map_zero(uaddr_t va, word_t len, uint32_t prot)
{
    for (uaddr_t p = va; p - va < len; p += PAGE_SIZE) {
        uint64_t pa = pmm_alloc_user();
        int err = pa ? vm_map(p, pa, prot) : -ENOMEM;
        if (err) {
            if (pa)
                pmm_free(pa);
            mm_unmap(va, p - va);
            return err;
        }
        mm.pages++;
    }
    return 0;
}

/* Linux's may_expand_vm: would pages more keep the app within RLIMIT_AS? */
static bool may_expand(word_t pages)
{
    return (uint64_t)(mm.pages + pages) * PAGE_SIZE <= rlimit_cur(RLIMIT_AS);
}

/* RLIMIT_DATA, as Linux counts it for brk: the heap's size (moat leaves out the image's
   data segment, a few pages). */
static bool data_ok(word_t heap_bytes)
{
    return heap_bytes <= rlimit_cur(RLIMIT_DATA);
}

/* Over the mapped pages of [va, end) but the ABI's (Linux's special mappings, which no lock
   marks): set each one's VM_LOCKED to lock, unless lock is -1; the number that were locked. */
static word_t locks(uaddr_t va, uaddr_t end, int64_t lock)
{
    word_t n = 0;
    for (uaddr_t p = vm_next_covered(va, end); p < end; p = vm_next_covered(p + PAGE_SIZE, end)) {
        paddr_t pa;
        uint32_t prot;
        if (!vm_query_marks(p, &pa, &prot) || abi_frame(pa))
            continue;
        n += !!(prot & VM_LOCKED);
        if (lock >= 0)
            vm_lock(p, (uint32_t)lock);
    }
    return n;
}

word_t mm_locked(void)
{
    return locks(USER_MIN, USER_TOP, -1);
}

/* Linux's mlock_future_ok: may pages more be locked (if prot has VM_LOCKED)? Without
   CAP_IPC_LOCK, RLIMIT_MEMLOCK bounds all the locked pages. */
static bool lock_ok(uint32_t prot, word_t pages)
{
    return !(prot & VM_LOCKED) || capable(CAP_IPC_LOCK) ||
           mm_locked() + pages <= rlimit_cur(RLIMIT_MEMLOCK) / PAGE_SIZE;
}

/* Linux's can_do_mlock: RLIMIT_MEMLOCK 0 leaves only CAP_IPC_LOCK to lock. */
static bool may_lock(void)
{
    return rlimit_cur(RLIMIT_MEMLOCK) || capable(CAP_IPC_LOCK);
}

/* Growth only fills holes, as Linux's does: a page the app mapped there itself (PROT_NONE
   included, which is not present but owns a frame) is never replaced. A page grows locked
   under a locked one, as the part of Linux's stack mapping that grows is one mapping. */
int mm_grow_stack(uaddr_t va)
{
    uint32_t above = 0;
    va &= PAGE_MASK;
    if (va < mm.stack_floor || va >= mm.stack_top || vm_mapped(va))
        return -EFAULT;
    vm_query_marks(va + PAGE_SIZE, 0, &above);
    above &= VM_LOCKED;
    if (mm.stack_top - va > rlimit_cur(RLIMIT_STACK) || !may_expand(1) || !lock_ok(above, 1))
        return -EFAULT; /* Linux's acct_stack_growth */
    return mm_map_zero(va, PAGE_SIZE, PROT_READ | PROT_WRITE | above);
}

/* Could len bytes of new pages ever be had? Every page gets its frame at once, so no mapping
   outgrows the free frames and those it may replace (Linux's overcommit heuristic refuses
   more than all of RAM too). Checked before any page-by-page walk of the range, which over
   x86_64's 128 TiB of user space would never end. */
static bool frames_for(word_t len)
{
    return len / PAGE_SIZE <= (word_t)pmm_free_count() + mm.pages;
}

static int range_free(uaddr_t va, word_t len)
{
    if (va < USER_MIN || va >= USER_TOP || len > USER_TOP - va)
        return 0;
    for (uaddr_t p = va; p - va < len; p += PAGE_SIZE)
        if (vm_mapped(p))
            return 0;
    return 1;
}

sword_t sys_brk(uaddr_t addr)
{
    uaddr_t old_end = page_round_up(mm.brk), new_end = page_round_up(addr);
    if (addr < mm.brk_start || new_end < addr)
        return (sword_t)mm.brk;
    if (new_end > old_end) {
        word_t pages = (new_end - old_end) / PAGE_SIZE;
        if (new_end > mm.mmap_base || !frames_for(new_end - old_end) ||
            !range_free(old_end, new_end - old_end) || !may_expand(pages) ||
            !data_ok(addr - mm.brk_start) || !lock_ok(mm.lock_new, pages) ||
            mm_map_zero(old_end, new_end - old_end, PROT_READ | PROT_WRITE | mm.lock_new))
            return (sword_t)mm.brk; /* Linux: failure leaves the break where it was */
    } else {
        mm_unmap(new_end, old_end - new_end);
    }
    mm.brk = addr;
    return (sword_t)addr;
}

/* RLIMIT_AS for every mapping (less what MAP_FIXED replaces: addr and len are checked), and
   RLIMIT_DATA for private writable ones, counted with the heap (moat does not add up the
   earlier ones). */
static bool limits_ok(uaddr_t addr, word_t len, uint32_t prot, uint32_t flags)
{
    if ((prot & PROT_WRITE) && (flags & MAP_TYPE) == MAP_PRIVATE &&
        !data_ok(len + (mm.brk - mm.brk_start)))
        return false;
    if (may_expand(len / PAGE_SIZE))
        return true;
    if (!(flags & MAP_FIXED))
        return false;
    word_t replaced = 0;
    for (uaddr_t p = addr; p - addr < len; p += PAGE_SIZE)
        replaced += vm_mapped(p);
    return may_expand(len / PAGE_SIZE - replaced);
}

/* Top-down first fit in [floor, top). */
static uaddr_t fit_below(uaddr_t top, uaddr_t floor, word_t len)
{
    uaddr_t end = top;
    while (end >= floor && end - floor >= len) {
        uaddr_t start = end - len, p;
        for (p = end; p > start; p -= PAGE_SIZE)
            if (vm_mapped(p - PAGE_SIZE))
                break;
        if (p == start)
            return start;
        end = p - PAGE_SIZE;
    }
    return 0;
}

/* [va, va + len) is mapped now: the part known to be all mapped grows down over it. */
static void note_mapped(uaddr_t va, word_t len)
{
    if (va + len == mm.mmap_full)
        mm.mmap_full = va;
}

/* Below mmap_base and above the heap first; then, as Linux's top-down search goes on past the
   heap, below the heap and the program, down to USER_MIN. The search starts below the part
   known to be all mapped, which finds what a search from mmap_base would, without walking
   every mapped page each time. */
static uaddr_t find_free(word_t len)
{
    uaddr_t top = mm.mmap_full, below_heap = mm.brk_start;
    if (ABI_COMPAT) { /* an int $0x80 call's mappings lie below 4 GiB, as Linux's compat mmap */
        top = top < ABI_COMPAT_TOP ? top : ABI_COMPAT_TOP;
        below_heap = below_heap < ABI_COMPAT_TOP ? below_heap : ABI_COMPAT_TOP;
    }
    uaddr_t va = fit_below(top, page_round_up(mm.brk), len);
    return va ? va : fit_below(below_heap, USER_MIN, len);
}

/* May the file be mapped so, as Linux's do_mmap checks it: a shared writable mapping needs a
   file open for writing, any mapping one open for reading, and only regular files and
   /dev/zero map (ENODEV). moat maps a file's copy (map_file), which a shared mapping may
   use only where nothing could write through it: a regular file shared from a descriptor
   open for writing is refused, with ENODEV and a line on the console. */
static int file_mappable(const struct file *f, uint32_t flags, word_t prot, word_t len,
                         word_t pgoff)
{
    uint32_t acc = f->flags & O_ACCMODE; /* access mode 3 is neither (Linux's OPEN_FMODE) */
    bool shared = (flags & MAP_TYPE) != MAP_PRIVATE;
    if (S_ISREG(f->node->mode) && pgoff > (MAX_LFS_FILESIZE - len) / PAGE_SIZE)
        return -EOVERFLOW; /* Linux's file_mmap_ok: it ends past the largest offset (len, in
                              user space, is less) */
    if ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE && (flags & ~LEGACY_MAP_MASK))
        return -EOPNOTSUPP;
    if (shared && (prot & PROT_WRITE) && acc != O_WRONLY && acc != O_RDWR)
        return -EACCES;
    if (acc != O_RDONLY && acc != O_RDWR)
        return -EACCES;
    if (f->node->proc) /* Linux's proc_reg_mmap without an mmap of its own, kernfs's likewise */
        return mount_sysfs(f->node) ? -ENODEV : -EIO;
    if (!S_ISREG(f->node->mode) && !dev_maps_zero(f->node))
        return -ENODEV;
    if ((prot & PROT_EXEC) && (mount_flags(f->node, f->mnt) & MS_NOEXEC))
        return -EPERM; /* a noexec mount's file (Linux's path_noexec) */
    if (shared && acc == O_RDWR && S_ISREG(f->node->mode)) {
        if (klog_ratelimit())
            klog("mmap: MAP_SHARED of a file open for writing: not supported (-ENODEV)");
        return -ENODEV;
    }
    return 0;
}

/* A file's pages are copies of its data at the time of the mmap (the last one zero past its
   end), written through a writable mapping that the requested protection then replaces.
   Pages wholly past the end are VM_PAST_END. */
static int map_file(uaddr_t va, word_t len, uint32_t prot, struct vnode *n, word_t pgoff)
{
    int err = mm_map_zero(va, len, PROT_READ | PROT_WRITE);
    bool reg = S_ISREG(n->mode); /* else /dev/zero, which has no end */
    uint64_t off = (uint64_t)pgoff * PAGE_SIZE, end = reg ? n->size : UINT64_MAX;
    if (!err && reg && off < end) {
        uint64_t left = end - off;
        if (vfs_read_user(n, off, va, (uint32_t)(left < len ? left : len)) < 0) {
            mm_unmap(va, len);
            err = -ENOMEM;
        }
    }
    for (uaddr_t p = va; !err && p - va < len; p += PAGE_SIZE) /* mapped, new: it cannot fail */
        vm_protect(p, prot | (off + (p - va) >= end ? VM_PAST_END : 0));
    return err;
}

/* Where a new mapping of len bytes goes (*addr), as Linux's get_unmapped_area: at *addr under
   MAP_FIXED (what lies there unmapped first) or MAP_FIXED_NOREPLACE, else at *addr as a hint,
   or in a free range; with RLIMIT_MEMLOCK (a locked one), RLIMIT_AS and RLIMIT_DATA checked.
   0 or -errno. */
static int place(uaddr_t *addr, word_t len, uint32_t prot, uint32_t flags)
{
    uaddr_t at = *addr;
    if (!lock_ok(prot, len / PAGE_SIZE))
        return -EAGAIN;
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (at & ~PAGE_MASK)
            return -EINVAL;
        if (at < USER_MIN)
            return -EPERM;
        if (at >= USER_TOP || len > USER_TOP - at || !frames_for(len) ||
            !limits_ok(at, len, prot, flags))
            return -ENOMEM;
        if (!range_free(at, len)) {
            if (!(flags & MAP_FIXED))
                return -EEXIST;
            mm_unmap(at, len);
        }
        return 0;
    }
    at &= PAGE_MASK;
    if (!frames_for(len))
        return -ENOMEM;
    if (!at || !range_free(at, len))
        at = find_free(len);
    if (!at || !limits_ok(at, len, prot, flags))
        return -ENOMEM;
    *addr = at;
    return 0;
}

int mm_map_shared(uaddr_t *addr, word_t len, uint32_t prot, bool fixed, struct vnode *n)
{
    prot |= VM_SHARED | mm.lock_new;
    int err = place(addr, len, prot, MAP_SHARED | (fixed ? MAP_FIXED : 0));
    for (word_t off = 0; !err && off < len; off += PAGE_SIZE) {
        paddr_t pa = vfs_frame(n, (uint32_t)(off / PAGE_SIZE)); /* all there: never 0 */
        err = pa ? vm_map(*addr + off, pa, prot) : -ENOMEM;
        if (err)
            mm_unmap(*addr, off);
        else
            mm.pages++;
    }
    if (!err)
        note_mapped(*addr, len);
    return err;
}

sword_t sys_mmap2(uaddr_t addr, word_t len, word_t prot, uint32_t flags, uint32_t fd, word_t pgoff)
{
    struct file *f = NULL;
    if (!(flags & MAP_ANONYMOUS) && !(f = fd_get_nopath(fd)))
        return -EBADF;
    uint32_t type = flags & MAP_TYPE;
    prot &= PROT_ALL; /* Linux's mmap ignores the bits it does not know */
    if (len == 0 || (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE))
        return -EINVAL;
    if (!f && type == MAP_SHARED_VALIDATE)
        return -EINVAL; /* Linux: anonymous memory is either shared or private */
    len = page_round_up(len);
    if (len == 0 || len >= USER_TOP)
        return -ENOMEM;
    if (pgoff + len / PAGE_SIZE < pgoff)
        return -EOVERFLOW; /* Linux checks the offset's page range, anonymous or not */
    if ((flags & MAP_LOCKED) && !may_lock())
        return -EPERM;
    int err = f ? file_mappable(f, flags, prot, len, pgoff) : 0; /* before MAP_FIXED unmaps */
    if (err)
        return err;
    prot |= flags & MAP_LOCKED ? VM_LOCKED : mm.lock_new;
    if ((err = place(&addr, len, (uint32_t)prot, flags)))
        return err;
    if (f && type != MAP_PRIVATE && (f->flags & O_ACCMODE) != O_RDWR)
        prot |= VM_NOWRITE; /* Linux: a shared mapping writes only through a writable file */
    err = f ? map_file(addr, len, (uint32_t)prot, f->node, pgoff)
            : mm_map_zero(addr, len, (uint32_t)prot);
    if (err)
        return err;
    note_mapped(addr, len);
    return (sword_t)addr;
}

sword_t sys_munmap(uaddr_t addr, word_t len)
{
    if ((addr & ~PAGE_MASK) || len == 0 || addr >= USER_TOP || len > USER_TOP - addr)
        return -EINVAL;
    mm_unmap(addr, page_round_up(len));
    return 0;
}

/* The first page of the stack run that holds the mapped page va: where PROT_GROWSDOWN
   starts, as Linux starts it at the stack VMA's start. 0 if va is not on the stack. */
static uaddr_t stack_run_start(uaddr_t va)
{
    if (va < mm.stack_floor || va >= mm.stack_top)
        return 0;
    while (va - PAGE_SIZE >= mm.stack_floor && vm_mapped(va - PAGE_SIZE))
        va -= PAGE_SIZE;
    return va;
}

/* Linux's checks in Linux's order: alignment, a zero length (0 whatever prot says), a length
   that wraps (-ENOMEM), then prot, then the mapping, page by page as Linux's walk goes
   mapping by mapping. */
sword_t sys_mprotect(uaddr_t addr, word_t len, word_t prot)
{
    uint32_t grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
    prot &= ~grows;
    if (grows == (PROT_GROWSDOWN | PROT_GROWSUP) || (addr & ~PAGE_MASK))
        return -EINVAL;
    if (len == 0)
        return 0;
    uaddr_t end = addr + page_round_up(len);
    if (end <= addr)
        return -ENOMEM;
    if (prot & ~(PROT_ALL | PROT_SEM))
        return -EINVAL;
    prot &= PROT_ALL;
    if (end > USER_TOP || !vm_mapped(addr))
        return -ENOMEM;
    if (grows == PROT_GROWSUP) /* no mapping here grows up */
        return -EINVAL;
    if (grows == PROT_GROWSDOWN && !(addr = stack_run_start(addr)))
        return -EINVAL;
    for (uaddr_t p = addr; p < end; p += PAGE_SIZE) {
        int err = vm_protect(p, (uint32_t)prot); /* -ENOMEM at a hole, -EACCES at a VM_NOWRITE */
        if (err)                                 /* page: as Linux, what came before changed */
            return err;
    }
    return 0;
}

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2
#define MREMAP_DONTUNMAP 4

/* Are [va, va + len) all mapped with one protection, as one of Linux's mappings? That
   protection, or -EFAULT where Linux finds no mapping or several. */
static int64_t one_mapping(uaddr_t va, word_t len)
{
    uint32_t prot = 0, p;
    for (uaddr_t at = va; at - va < len; at += PAGE_SIZE, prot = p)
        if (at >= USER_TOP || !vm_query_marks(at, 0, &p) || (at != va && p != prot))
            return -EFAULT;
    return prot;
}

/* mremap, in Linux 6.1's order: the flags and alignment (EINVAL), the mapping at addr
   (EFAULT), shrinking in place, growing in place where the pages above are free, else moving
   (MREMAP_MAYMOVE: ENOMEM without it) to a free range or to new_addr (MREMAP_FIXED). A move
   takes the page entries along, frames and all, so nothing is copied; MREMAP_DONTUNMAP leaves
   fresh zero pages behind. The pages a mapping grows by are zeros (a file's mapping too:
   moat's is a copy). */
sword_t sys_mremap(uaddr_t addr, word_t old_len, word_t new_len, uint32_t flags, uaddr_t new_addr)
{
    bool move = flags & (MREMAP_FIXED | MREMAP_DONTUNMAP);
    if ((flags & ~(uint32_t)(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) ||
        (move && !(flags & MREMAP_MAYMOVE)) || ((flags & MREMAP_DONTUNMAP) && old_len != new_len) ||
        (addr & ~PAGE_MASK))
        return -EINVAL;
    old_len = page_round_up(old_len);
    new_len = page_round_up(new_len);
    if (!new_len)
        return -EINVAL;
    uint32_t first;
    if (addr >= USER_TOP || !vm_query_marks(addr, 0, &first))
        return -EFAULT;
    if (first & VM_SHARED)
        return -EINVAL; /* a segment's pages stay where shmat put them (ipc_shm.c), whole */
    if (old_len > new_len && old_len > USER_TOP - addr)
        return -EINVAL; /* the tail to unmap leaves user space: Linux's do_munmap says so */
    if (move) {
        if ((new_addr & ~PAGE_MASK) || new_addr >= USER_TOP || new_len > USER_TOP - new_addr ||
            (addr + old_len > new_addr && new_addr + new_len > addr))
            return -EINVAL;
        if ((flags & MREMAP_FIXED) && new_addr < USER_MIN)
            return -EPERM; /* as mmap's MAP_FIXED (Linux's mmap_min_addr) */
        if (flags & MREMAP_FIXED)
            mm_unmap(new_addr, new_len);
    }
    /* shrinking: the rest goes (in place, or first, before a move) */
    if (old_len > new_len || (old_len == new_len && !move)) {
        mm_unmap(addr + new_len, old_len - new_len);
        if (!move)
            return (sword_t)addr;
        old_len = new_len;
    }
    int64_t prot = one_mapping(addr, old_len);
    if (prot < 0)
        return (sword_t)prot;
    if (!old_len) /* Linux duplicates only a shared mapping; moat's segments do not move */
        return -EINVAL;
    word_t more = new_len - old_len, fresh = more + (flags & MREMAP_DONTUNMAP ? old_len : 0);
    if (!lock_ok((uint32_t)prot, more / PAGE_SIZE))
        return -EAGAIN; /* a locked mapping grows locked */
    if (!frames_for(fresh) || !may_expand(fresh / PAGE_SIZE))
        return -ENOMEM;
    if (!move && addr + new_len > addr && range_free(addr + old_len, more))
        return mm_map_zero(addr + old_len, more, (uint32_t)prot) ? -ENOMEM : (sword_t)addr;
    if (!(flags & MREMAP_MAYMOVE))
        return -ENOMEM;
    /* Every page table and frame the move needs is had first: once pages move, nothing fails. */
    uaddr_t to = flags & MREMAP_FIXED ? new_addr : find_free(new_len);
    if (!to || !vm_make_tables(to, new_len) || fresh / PAGE_SIZE > pmm_free_count())
        return -ENOMEM;
    forget(addr, old_len);
    for (word_t off = 0; off < old_len; off += PAGE_SIZE)
        vm_move(addr + off, to + off);
    mm_map_zero(to + old_len, more, (uint32_t)prot);
    note_mapped(to, new_len);
    if (flags & MREMAP_DONTUNMAP) /* unlocked, as Linux leaves the old range */
        mm_map_zero(addr, old_len, (uint32_t)prot & ~VM_LOCKED);
    return (sword_t)to;
}

#define MLOCK_ONFAULT 1u
#define MCL_CURRENT 1
#define MCL_FUTURE 2
#define MCL_ONFAULT 4

/* mlock, mlock2 (lock VM_LOCKED) and munlock (0), in Linux's order: RLIMIT_MEMLOCK 0 (EPERM),
   the limit (the range's pages not yet locked count), a range that wraps (EINVAL); then the
   pages are locked up to the first hole, which is ENOMEM, as Linux's apply_vma_lock_flags
   goes. Locking (fault) also asks that each page be there, as Linux's populating after mlock
   does: a PROT_NONE page or one past a file's end is locked, and then ENOMEM. moat has every
   other page there already. */
static sword_t lock_call(uaddr_t addr, word_t len, uint32_t lock, bool fault)
{
    uaddr_t start = addr & PAGE_MASK, p;
    len = page_round_up(len + (addr & ~PAGE_MASK));
    if (lock && !may_lock())
        return -EPERM;
    if (!lock_ok(lock, len / PAGE_SIZE - locks(start, start + len, -1)))
        return -ENOMEM;
    if (start + len < start)
        return -EINVAL;
    uint32_t prot = 0, none = 0;
    for (p = start; p != start + len && vm_query(p, 0, &prot); p += PAGE_SIZE)
        none |= !prot;
    locks(start, p, lock);
    return p != start + len || (fault && none) ? -ENOMEM : 0;
}

sword_t sys_mlock2(uaddr_t addr, word_t len, uint32_t flags)
{
    if (flags & ~MLOCK_ONFAULT)
        return -EINVAL;
    return lock_call(addr, len, VM_LOCKED, !flags);
}

sword_t sys_mlock(uaddr_t addr, word_t len)
{
    return lock_call(addr, len, VM_LOCKED, true);
}

sword_t sys_munlock(uaddr_t addr, word_t len)
{
    return lock_call(addr, len, 0, false);
}

/* MCL_CURRENT locks every page mapped now (the whole space within RLIMIT_MEMLOCK without
   CAP_IPC_LOCK), MCL_FUTURE those mapped from now on (mm.lock_new), MCL_ONFAULT changes
   nothing where every page is there; each call sets MCL_FUTURE anew. */
sword_t sys_mlockall(uint32_t flags)
{
    if (!flags || (flags & ~(uint32_t)(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) ||
        flags == MCL_ONFAULT)
        return -EINVAL;
    if (!may_lock())
        return -EPERM;
    if ((flags & MCL_CURRENT) && !capable(CAP_IPC_LOCK) &&
        mm.pages > rlimit_cur(RLIMIT_MEMLOCK) / PAGE_SIZE)
        return -ENOMEM;
    mm.lock_new = flags & MCL_FUTURE ? VM_LOCKED : 0;
    if (flags & MCL_CURRENT)
        locks(USER_MIN, USER_TOP, VM_LOCKED);
    return 0;
}

sword_t sys_munlockall(void)
{
    mm.lock_new = 0;
    locks(USER_MIN, USER_TOP, 0);
    return 0;
}
