/* Proves mmap2 (192), munmap (91) and mprotect (125) for anonymous private memory: fresh
 * pages are zeroed, page-aligned and usable; a free hint and MAP_FIXED are honoured; bad
 * lengths, flags and alignment give -EINVAL, exhaustion -ENOMEM; mprotect on unmapped
 * memory gives -ENOMEM. */
#include "raw.h"

static long mmap6(uintptr_t addr, unsigned long len, long prot, long flags)
{
    return sys6(R_NR_mmap, (long)addr, (long)len, prot, flags, -1, 0);
}

static int is_err(long r)
{
    return r < 0 && r >= -4095;
}

/* Show a result that is an address only as ok/error, since addresses vary. */
static void show_map(const char *what, long r)
{
    if (is_err(r))
        show(what, r);
    else {
        put(what);
        put(" = address\n");
    }
}

int main(void)
{
    const long rw = R_PROT_READ | R_PROT_WRITE;
    const long ap = R_MAP_ANONYMOUS | R_MAP_PRIVATE;

    long a = mmap6(0, 3 * R_PAGE, rw, ap);
    show_map("mmap(0, 3 pages, rw)", a);
    uint8_t *p = (uint8_t *)a;
    fact("page aligned, above 64 KiB", (a & 0xfff) == 0 && (uintptr_t)a >= 0x10000);
    int zero = 1;
    for (uint32_t i = 0; i < 3 * R_PAGE; i++)
        zero &= p[i] == 0;
    fact("zero filled", zero);
    p[0] = 1;
    p[3 * R_PAGE - 1] = 2;
    fact("writable", p[0] == 1 && p[3 * R_PAGE - 1] == 2);

    long b = mmap6(0, 1000, rw, ap);
    show_map("mmap(0, 1000, rw)", b);
    fact("second mapping does not overlap the first", b + R_PAGE <= a || b >= a + 3 * R_PAGE);

    /* A hint at a free, aligned address is taken as given. */
    show("munmap(second)", sys2(__NR_munmap, b, R_PAGE));
    long c = mmap6((uintptr_t)b, R_PAGE, rw, ap);
    fact("free hint honoured", c == b);
    long d = mmap6((uintptr_t)a + R_PAGE, R_PAGE, rw, ap | R_MAP_FIXED);
    fact("MAP_FIXED over the middle page returns that address", d == a + R_PAGE);
    fact("MAP_FIXED page is fresh (zeroed)", p[R_PAGE] == 0 && p[0] == 1);
    p[R_PAGE] = 7;

    show("mmap(0, 0, rw)", mmap6(0, 0, rw, ap));
    show("mmap(no SHARED or PRIVATE)", mmap6(0, R_PAGE, rw, R_MAP_ANONYMOUS));
    show("mmap(SHARED|PRIVATE)",
         mmap6(0, R_PAGE, rw, R_MAP_ANONYMOUS | R_MAP_SHARED | R_MAP_PRIVATE));
    show("mmap(FIXED, unaligned)", mmap6((uintptr_t)a + 1, R_PAGE, rw, ap | R_MAP_FIXED));
    /* -4096 and -1 as lengths (0xfffff000 and 0xffffffff on i386): more than any user space. */
    show("mmap(0, 0xfffff000, rw)", mmap6(0, (unsigned long)-4096, rw, ap));
    show("mmap(0, 0xffffffff, rw)", mmap6(0, (unsigned long)-1, rw, ap));
    show("mmap(FIXED, 0xfffff000, 2 pages) (wraps)",
         mmap6(KERNEL_HI, 2 * R_PAGE, rw, ap | R_MAP_FIXED));

    show("munmap(unaligned)", sys2(__NR_munmap, a + 1, R_PAGE));
    show("munmap(len 0)", sys2(__NR_munmap, a, 0));
    show("munmap(0xfffff000, 2 pages) (wraps)", sys2(__NR_munmap, KERNEL_HI, 2 * R_PAGE));
    show("munmap(last page)", sys2(__NR_munmap, a + 2 * R_PAGE, R_PAGE));
    show("munmap(last page) again", sys2(__NR_munmap, a + 2 * R_PAGE, R_PAGE));

    show("mprotect(first page, r)", sys3(__NR_mprotect, a, R_PAGE, R_PROT_READ));
    fact("still readable", p[0] == 1);
    show("mprotect(first page, rw)", sys3(__NR_mprotect, a, R_PAGE, rw));
    p[0] = 3;
    fact("writable again", p[0] == 3);
    show("mprotect(len 0)", sys3(__NR_mprotect, a, 0, R_PROT_READ));
    show("mprotect(unaligned)", sys3(__NR_mprotect, a + 1, R_PAGE, R_PROT_READ));
    show("mprotect(bad prot 0x80)", sys3(__NR_mprotect, a, R_PAGE, 0x80));
    show("mprotect(unmapped last page)", sys3(__NR_mprotect, a + 2 * R_PAGE, R_PAGE, rw));
    show("mprotect(range ending unmapped)", sys3(__NR_mprotect, a + R_PAGE, 2 * R_PAGE, rw));
    show("mprotect(NULL page)", sys3(__NR_mprotect, 0, R_PAGE, rw));
    fact("middle page kept", p[R_PAGE] == 7);
    show("munmap(all)", sys2(__NR_munmap, a, 3 * R_PAGE));
    show("mprotect(after munmap)", sys3(__NR_mprotect, a, R_PAGE, rw));
    return 0;
}
