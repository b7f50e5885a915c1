/* Proves a system call made with a null DS and ES (which ring 3 may load) works through both
 * entries, int $0x80 and sysenter: the kernel must reload its own selectors before it touches
 * any of its memory. int $0x80 gives the app its null DS back, on every Linux. After sysenter
 * the Linux kernels differ: x86_64's IA32 emulation keeps the null DS, while i386 Linux's
 * SYSEXIT path leaves __USER_DS (0x7b) loaded; moat keeps the null DS, and the test accepts
 * either for sysenter. */
#include "raw.h"
#include <sys/auxv.h>

static uint32_t call_with_null_ds(uint32_t via_sysinfo, uint32_t sysinfo, uint32_t ds_after)
{
    uint32_t pid, ds;
    __asm__ volatile("push %%ds\n\t"
                     "push %%es\n\t"
                     "xor %%ecx, %%ecx\n\t"
                     "mov %%ecx, %%ds\n\t"
                     "mov %%ecx, %%es\n\t"
                     "mov $20, %%eax\n\t" /* getpid */
                     "test %2, %2\n\t"
                     "jz 1f\n\t"
                     "call *%3\n\t"
                     "jmp 2f\n"
                     "1: int $0x80\n"
                     "2: mov %%ds, %%ecx\n\t"
                     "pop %%es\n\t"
                     "pop %%ds"
                     : "=&a"(pid), "=&c"(ds)
                     : "r"(via_sysinfo), "r"(sysinfo)
                     : "edx", "memory");
    return (int32_t)pid > 0 && (ds == 0 || ds == ds_after); /* a pid came back, DS as allowed */
}

int main(void)
{
    uint32_t sysinfo = (uint32_t)getauxval(AT_SYSINFO);
    put("int $0x80 with null ds: ");
    put(call_with_null_ds(0, 0, 0) ? "ok\n" : "wrong\n");
    put("sysenter with null ds: ");
    put(!sysinfo ? "no AT_SYSINFO\n" : call_with_null_ds(1, sysinfo, 0x7b) ? "ok\n" : "wrong\n");
    return 0;
}
