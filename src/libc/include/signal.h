/* signal.h: Linux signals (i386 and x86_64): numbers, codes, siginfo_t, ucontext_t, calls. */
#pragma once

#include <sys/types.h>
#include <time.h>
#include <uapi/signal_numbers.h> /* SIGHUP..SIGSYS: Linux's, shared with the kernel */

typedef int sig_atomic_t;

#define SIG_ERR ((void (*)(int)) - 1)
#define SIG_DFL ((void (*)(int))0)
#define SIG_IGN ((void (*)(int))1)

#define SIGUNUSED SIGSYS
/* There are no threads, so no signal is kept back for the libc: all of 32..64 are the app's. */
#define SIGRTMIN 32
#define SIGRTMAX 64
#define _NSIG 65
#define NSIG _NSIG

/*
 * The kernel's own sigset: 64 bits, so every call passes sigsetsize 8. (musl's is 128 bytes,
 * of which the kernel reads 8; nothing here needs the other 120.) Two 32-bit words on both
 * widths: the same bits in the same bytes as the kernel's one unsigned long on x86_64.
 */
typedef struct {
    uint32_t __bits[2];
} sigset_t;

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* sa_flags */
#define SA_NOCLDSTOP 1
#define SA_NOCLDWAIT 2
#define SA_SIGINFO 4
#define SA_RESTORER 0x04000000
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
#define SA_NOMASK SA_NODEFER
#define SA_ONESHOT SA_RESETHAND

/* The alternate signal stack. */
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1U << 31)
#define SS_FLAG_BITS SS_AUTODISARM
#define MINSIGSTKSZ 2048
#define SIGSTKSZ 8192

typedef struct sigaltstack {
    void *ss_sp;
    int ss_flags;
    size_t ss_size;
} stack_t;

/* si_code: who sent it (<= 0 from a process, SI_KERNEL from the kernel), or why it faulted. */
#define SI_ASYNCNL (-60)
#define SI_TKILL (-6)
#define SI_SIGIO (-5)
#define SI_ASYNCIO (-4)
#define SI_MESGQ (-3)
#define SI_TIMER (-2)
#define SI_QUEUE (-1)
#define SI_USER 0
#define SI_KERNEL 128

#define ILL_ILLOPC 1
#define ILL_ILLOPN 2
#define ILL_ILLADR 3
#define ILL_ILLTRP 4
#define ILL_PRVOPC 5
#define ILL_PRVREG 6
#define ILL_COPROC 7
#define ILL_BADSTK 8

#define FPE_INTDIV 1
#define FPE_INTOVF 2
#define FPE_FLTDIV 3
#define FPE_FLTOVF 4
#define FPE_FLTUND 5
#define FPE_FLTRES 6
#define FPE_FLTINV 7
#define FPE_FLTSUB 8

#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define SEGV_BNDERR 3
#define SEGV_PKUERR 4

#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define BUS_OBJERR 3
#define BUS_MCEERR_AR 4
#define BUS_MCEERR_AO 5

#define TRAP_BRKPT 1
#define TRAP_TRACE 2
#define TRAP_BRANCH 3
#define TRAP_HWBKPT 4
#define TRAP_UNK 5

#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_TRAPPED 4
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

#define POLL_IN 1
#define POLL_OUT 2
#define POLL_MSG 3
#define POLL_ERR 4
#define POLL_PRI 5
#define POLL_HUP 6

union sigval {
    int sival_int;
    void *sival_ptr;
};

/* Linux's siginfo_t: three ints, then a union padding it to 128 bytes (on x86_64 the union
 * holds pointers, so it starts 8-aligned, at 16). */
typedef struct {
    int si_signo, si_errno, si_code;
    union {
        char __pad[128 - 2 * sizeof(int) - sizeof(long)];
        struct {
            union {
                struct {
                    pid_t si_pid;
                    uid_t si_uid;
                } __piduid;
                struct {
                    int si_timerid;
                    int si_overrun;
                } __timer;
            } __first;
            union {
                union sigval si_value;
                struct {
                    int si_status;
                    clock_t si_utime, si_stime;
                } __sigchld;
            } __second;
        } __si_common;
        struct {
            void *si_addr;
            short si_addr_lsb;
        } __sigfault;
        struct {
            long si_band;
            int si_fd;
        } __sigpoll;
    } __si_fields;
} siginfo_t;
#define si_pid __si_fields.__si_common.__first.__piduid.si_pid
#define si_uid __si_fields.__si_common.__first.__piduid.si_uid
#define si_timerid __si_fields.__si_common.__first.__timer.si_timerid
#define si_overrun __si_fields.__si_common.__first.__timer.si_overrun
#define si_value __si_fields.__si_common.__second.si_value
#define si_int si_value.sival_int
#define si_ptr si_value.sival_ptr
#define si_status __si_fields.__si_common.__second.__sigchld.si_status
#define si_utime __si_fields.__si_common.__second.__sigchld.si_utime
#define si_stime __si_fields.__si_common.__second.__sigchld.si_stime
#define si_addr __si_fields.__sigfault.si_addr
#define si_addr_lsb __si_fields.__sigfault.si_addr_lsb
#define si_band __si_fields.__sigpoll.si_band
#define si_fd __si_fields.__sigpoll.si_fd

/* The layout is the app's own; sigaction() converts it to the kernel's. */
struct sigaction {
    union {
        void (*sa_handler)(int);
        void (*sa_sigaction)(int, siginfo_t *, void *);
    } __sa_handler;
    sigset_t sa_mask;
    int sa_flags;
    void (*sa_restorer)(void);
};
#define sa_handler __sa_handler.sa_handler
#define sa_sigaction __sa_handler.sa_sigaction

typedef void (*sighandler_t)(int);
typedef void (*sig_t)(int);

/* mcontext_t, REG_x, struct sigcontext and struct _fpstate: the width's own (arch/ARCH/include). */
#include <bits/signal.h>

/* What a handler's third argument points at: the kernel's ucontext in the rt_sigframe. */
typedef struct ucontext {
    unsigned long uc_flags;
    struct ucontext *uc_link;
    stack_t uc_stack;
    mcontext_t uc_mcontext;
    sigset_t uc_sigmask;
} ucontext_t;

_Static_assert(sizeof(siginfo_t) == 128, "siginfo_t is Linux's 128 bytes");
_Static_assert(sizeof(mcontext_t) == __MCONTEXT_SIZE, "mcontext_t is struct sigcontext");
_Static_assert(sizeof(struct sigcontext) == __MCONTEXT_SIZE, "struct sigcontext is Linux's");
_Static_assert(sizeof(struct _fpstate) == __FPSTATE_SIZE, "struct _fpstate is Linux's");
_Static_assert(sizeof(ucontext_t) == 2 * sizeof(long) + sizeof(stack_t) + __MCONTEXT_SIZE + 8,
               "ucontext_t is the rt_sigframe's uc (116 bytes on i386, 304 on x86_64)");

int kill(pid_t pid, int sig);
int raise(int sig);
void (*signal(int sig, void (*handler)(int)))(int);
int sigaction(int sig, const struct sigaction *restrict sa, struct sigaction *restrict old);
int sigaltstack(const stack_t *restrict ss, stack_t *restrict old);

int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info,
                 const struct timespec *restrict timeout);
int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info);
int sigwait(const sigset_t *restrict set, int *restrict sig);

void psignal(int sig, const char *msg);
