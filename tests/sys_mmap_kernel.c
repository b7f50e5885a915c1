/* Proves mmap2, munmap and mprotect never hand out or touch kernel space or the null
 * region: a hint in the kernel's half is ignored, and fixed mappings or ranges reaching
 * 0xc0000000 and up, or the lowest 64 KiB, fail. */
#include "raw.h"

static long mmap6(uintptr_t addr, unsigned long len, long flags)
{
    return sys6(R_NR_mmap, (long)addr, (long)len, R_PROT_READ | R_PROT_WRITE,
                R_MAP_PRIVATE | R_MAP_ANONYMOUS | flags, -1, 0);
}

static void fails(const char *what, long r)
{
    fact(what, r < 0 && r >= -4095);
}

int main(void)
{
    long r = mmap6(KERNEL_LO, R_PAGE, 0);
    fact("hint 0xc0000000 ignored: result in user space",
         !(r < 0 && r >= -4095) && (uintptr_t)r < KERNEL_LO && (uintptr_t)r >= 0x10000);
    r = mmap6(KERNEL_HI, R_PAGE, 0);
    fact("hint 0xfffff000 ignored: result in user space",
         !(r < 0 && r >= -4095) && (uintptr_t)r < KERNEL_LO && (uintptr_t)r >= 0x10000);
    show("mmap(FIXED 0xc0000000)", mmap6(KERNEL_LO, R_PAGE, R_MAP_FIXED));
    show("mmap(FIXED 0xbffff000, 2 pages)", mmap6(KERNEL_LO - R_PAGE, 2 * R_PAGE, R_MAP_FIXED));
    fails("mmap(FIXED 0x0) fails", mmap6(0, R_PAGE, R_MAP_FIXED));
    fails("mmap(FIXED 0xf000) fails", mmap6(0xf000, R_PAGE, R_MAP_FIXED));
    show("mmap(0, 0xc0000000)", mmap6(0, KERNEL_LO, 0));
    show("munmap(0xc0000000, 1 page)", sys2(__NR_munmap, KERNEL_LO, R_PAGE));
    show("munmap(0xbffff000, 2 pages)", sys2(__NR_munmap, KERNEL_LO - R_PAGE, 2 * R_PAGE));
    fails("mprotect(0xc0000000, 1 page) fails",
          sys3(__NR_mprotect, KERNEL_LO, R_PAGE, R_PROT_READ));
    fails("mprotect(0xc0100000, rwx) fails", sys3(__NR_mprotect, KERNEL_LO + 0x100000, R_PAGE, 7));
    put("reading 0xc0000000 still faults:\n");
    return (int)*(volatile uint8_t *)KERNEL_LO;
}
