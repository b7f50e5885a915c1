/* Resource limits: Linux's table of soft and hard limits, which the kernel checks where moat
   has the resource (the stack, the address space, the heap, signal queues). */
#pragma once

#include <mode/types.h>
#include <stdint.h>

/* Linux's resource numbers (asm-generic/resource.h). */
#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIM_NLIMITS 16

/* As a 32-bit Linux kernel keeps them: unsigned long, with ~0 for "no limit". */
#define RLIM_INFINITY (~(word_t)0)

struct rlimit_k {
    word_t cur, max;
};
extern struct rlimit_k rlimits[RLIM_NLIMITS];

/* The soft limit the kernel enforces. */
static inline word_t rlimit_cur(int resource)
{
    return rlimits[resource].cur;
}
