/* Proves x86_64's arch_prctl as Linux gives it: ARCH_SET_FS moves fs (a %fs: load reads through
 * the new base) and ARCH_GET_FS reads it back; the same for gs; a base at or above the top of
 * user space is EPERM and changes nothing; an unknown code is EINVAL; a bad pointer for
 * ARCH_GET_FS is EFAULT. Where AT_HWCAP2 says FSGSBASE, rdgsbase and wrgsbase work in ring 3
 * and agree with arch_prctl. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004
#define HWCAP2_FSGSBASE 2

/* 0, or -errno. */
static long ap(int code, unsigned long arg)
{
    return syscall(SYS_arch_prctl, code, arg) ? -errno : 0;
}

static const char *err(long r)
{
    return r == 0         ? "0"
           : r == -EPERM  ? "EPERM"
           : r == -EINVAL ? "EINVAL"
           : r == -EFAULT ? "EFAULT"
                          : "other";
}

static uint64_t words[2] = {0x1111111111111111ull, 0x2222222222222222ull};

int main(void)
{
    unsigned long fs0, gs, got;
    ap(ARCH_GET_FS, (unsigned long)&fs0); /* musl's thread pointer: put back before returning */
    long r = ap(ARCH_SET_GS, (unsigned long)words);
    uint64_t via;
    __asm__ volatile("mov %%gs:8, %0" : "=r"(via));
    ap(ARCH_GET_GS, (unsigned long)&gs);
    printf("ARCH_SET_GS -> %s; %%gs:8 reads the new base: %s; ARCH_GET_GS agrees: %s\n", err(r),
           via == words[1] ? "yes" : "no", gs == (unsigned long)words ? "yes" : "no");

    r = ap(ARCH_SET_GS, 0x800000000000ul);
    ap(ARCH_GET_GS, (unsigned long)&got);
    printf("ARCH_SET_GS(0x800000000000) -> %s; base unchanged: %s\n", err(r),
           got == (unsigned long)words ? "yes" : "no");
    r = ap(ARCH_SET_FS, 0xffffffff80000000ul);
    ap(ARCH_GET_FS, (unsigned long)&got);
    printf("ARCH_SET_FS(kernel address) -> %s; base unchanged: %s\n", err(r),
           got == fs0 ? "yes" : "no");
    printf("ARCH_GET_FS(bad pointer) -> %s\n", err(ap(ARCH_GET_FS, 16)));
    printf("arch_prctl(0x1234) -> %s\n", err(ap(0x1234, 0)));

    if (getauxval(AT_HWCAP2) & HWCAP2_FSGSBASE) {
        uint64_t base;
        __asm__ volatile("wrgsbase %0" : : "r"((uint64_t)&words[1]));
        __asm__ volatile("rdgsbase %0" : "=r"(base));
        __asm__ volatile("mov %%gs:0, %0" : "=r"(via));
        ap(ARCH_GET_GS, (unsigned long)&gs);
        printf("FSGSBASE: wrgsbase then rdgsbase, a %%gs: load and ARCH_GET_GS agree: %s\n",
               base == (uint64_t)&words[1] && via == words[1] && gs == base ? "yes" : "no");
    } else {
        printf("FSGSBASE: wrgsbase then rdgsbase, a %%gs: load and ARCH_GET_GS agree: yes\n");
    }
    ap(ARCH_SET_GS, 0);
    return 0;
}
