/* Proves the identity syscalls: getpid (20) and gettid (224) agree and are positive,
 * set_tid_address (258) returns the tid, and getuid/geteuid/getgid/getegid (199-202) are 0.
 * On x86_64 the number is rax's low 32 bits: getpid with garbage above them is getpid. */
#include "raw.h"

/* x86_64 has only 32-bit ids, under the plain names (its lines keep the i386 names). */
#ifndef __NR_getuid32
#define __NR_getuid32 __NR_getuid
#define __NR_geteuid32 __NR_geteuid
#define __NR_getgid32 __NR_getgid
#define __NR_getegid32 __NR_getegid
#endif

int main(void)
{
    int32_t pid = sys0(__NR_getpid), tid = sys0(__NR_gettid);
    static uint32_t tid_word;
    fact("getpid > 0", pid > 0);
    fact("gettid == getpid", tid == pid);
    fact("getpid stable", sys0(__NR_getpid) == pid);
    fact("set_tid_address returns the tid", sys1(__NR_set_tid_address, &tid_word) == tid);
#ifdef __x86_64__
    /* Linux reads the number as an int: what is above it in rax does not count. */
    fact("getpid with garbage above eax", sys0(0xdead00000000L | __NR_getpid) == pid);
#endif
    show("getuid32", sys0(__NR_getuid32));
    show("geteuid32", sys0(__NR_geteuid32));
    show("getgid32", sys0(__NR_getgid32));
    show("getegid32", sys0(__NR_getegid32));
    return 0;
}
