/* Proves signalfd as Linux's: its checks (the mask's size, the flags, a bad mask, a file that is
 * none), pending signals of its mask read as 128-byte records (several to a read, none past
 * the buffer's room, EINVAL for less than one), each with its layout's fields (kill's, tkill's
 * and sigqueue's pid, uid and value; a timer's id and overrun; a fault's address; SIGCHLD's
 * status; SIGPOLL's band and fd), a new mask for the same file, poll's and epoll's POLLIN, a
 * blocking read that a timer's SIGALRM ends, EAGAIN when nonblocking, no writes, and the fd's
 * link. Also on Linux. */
#define _GNU_SOURCE
#include "report.h"
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static int queue(int sig, int code, const void *fields, size_t len)
{
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    si.si_signo = sig;
    si.si_code = code;
    memcpy((char *)&si + offsetof(siginfo_t, si_pid), fields, len); /* the union */
    return (int)syscall(SYS_rt_sigqueueinfo, getpid(), sig, &si);
}

/* Each record a read gives, its fields that are not 0. */
static void drain(int fd, size_t room)
{
    struct signalfd_siginfo r[4];
    ssize_t n = read(fd, r, room);
    if (n < 0) {
        printf("read(%zu) = -1 %s\n", room, errname(errno));
        return;
    }
    printf("read(%zu) = %zd\n", room, n);
    for (int i = 0; i < n / (ssize_t)sizeof(r[0]); i++) {
        struct signalfd_siginfo *s = &r[i];
        printf("  signo %u code %d", s->ssi_signo, s->ssi_code);
        if (s->ssi_errno)
            printf(" errno %d", s->ssi_errno);
        if (s->ssi_pid)
            printf(" pid %s", s->ssi_pid == (uint32_t)getpid() ? "mine" : "other");
        if (s->ssi_uid != getuid() && s->ssi_uid)
            printf(" uid %u", s->ssi_uid);
        printf("%s", s->ssi_pid && s->ssi_uid == getuid() ? " uid mine" : "");
        if (s->ssi_tid || s->ssi_overrun)
            printf(" tid %u overrun %u", s->ssi_tid, s->ssi_overrun);
        if (s->ssi_fd || s->ssi_band)
            printf(" fd %d band %u", s->ssi_fd, s->ssi_band);
        if (s->ssi_status || s->ssi_utime || s->ssi_stime)
            printf(" status %d utime %llu stime %llu", s->ssi_status,
                   (unsigned long long)s->ssi_utime, (unsigned long long)s->ssi_stime);
        if (s->ssi_int || s->ssi_ptr)
            printf(" int %d ptr 0x%llx", s->ssi_int, (unsigned long long)s->ssi_ptr);
        if (s->ssi_addr)
            printf(" addr 0x%llx", (unsigned long long)s->ssi_addr);
        printf("\n");
    }
}

static void on_alarm(int sig)
{
    (void)sig;
}

int main(void)
{
    sigset_t mask, all;
    sigemptyset(&mask);
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, NULL); /* pending until read */
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGRTMIN);
    sigaddset(&mask, SIGKILL); /* dropped, as SIGSTOP */
    T(syscall(SYS_signalfd4, -1, &mask, 4, 0));
    T(syscall(SYS_signalfd4, -1, (void *)16, 8, 0));
    T(syscall(SYS_signalfd4, -1, &mask, 8, 1));
    T(syscall(SYS_signalfd4, -2, &mask, 8, 0));
    T(syscall(SYS_signalfd4, 0, &mask, 8, 0));
    int fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    TF(fd);
    char link[64] = "";
    char path[32];
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    T(readlink(path, link, sizeof(link) - 1));
    printf("link %s\n", link);
    drain(fd, 128);
    drain(fd, 100);
    T(write(fd, "12345678", 8));
    struct pollfd p = {.fd = fd, .events = POLLIN};
    T(poll(&p, 1, 0));

    T(raise(SIGUSR1));
    T(kill(getpid(), SIGUSR2)); /* not in the mask: stays pending */
    T(poll(&p, 1, 0));
    printf("revents 0x%x\n", p.revents);
    drain(fd, 128);
    union sigval v = {.sival_int = 42};
    T(sigqueue(getpid(), SIGRTMIN, v));
    T(sigqueue(getpid(), SIGRTMIN, v));
    T(sigqueue(getpid(), SIGRTMIN, v));
    drain(fd, 2 * 128 + 100); /* room for two */
    drain(fd, 4 * 128);
    drain(fd, 128);

    /* The same file, another mask: SIGUSR2, pending since the kill. */
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR2);
    sigaddset(&mask, SIGSEGV);
    sigaddset(&mask, SIGCHLD);
    sigaddset(&mask, SIGIO);
    sigaddset(&mask, SIGRTMIN + 1);
    sigaddset(&mask, SIGALRM);
    T(signalfd(fd, &mask, 0) == fd);
    drain(fd, 128);

    /* Each layout, through rt_sigqueueinfo to itself (which may give any si_code). */
    uintptr_t addr[1] = {(uintptr_t)0x12345000};
    T(queue(SIGSEGV, 1 /* SEGV_MAPERR */, addr, sizeof(addr)));
    drain(fd, 128);
    int timer[3] = {7, 3, 99}; /* tid, overrun, sival_int */
    T(queue(SIGRTMIN + 1, -2 /* SI_TIMER */, timer, sizeof(timer)));
    drain(fd, 128);
    struct {
        int pid, uid, status;
    } chld = {4321, 1000, 7};
    T(queue(SIGCHLD, 1 /* CLD_EXITED */, &chld, sizeof(chld)));
    drain(fd, 128);
    struct {
        long band;
        int fd;
    } poll_in = {0x41, 5};
    T(queue(SIGIO, 1 /* POLL_IN */, &poll_in, sizeof(poll_in)));
    drain(fd, 128);

    /* epoll sees it ready, and a blocking read waits for the timer's SIGALRM. */
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN}, out;
    T(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
    T(epoll_wait(ep, &out, 1, 0));
    T(raise(SIGUSR2));
    T(epoll_wait(ep, &out, 1, 0));
    drain(fd, 128);
    signal(SIGALRM, on_alarm); /* caught, yet blocked: the read takes it */
    struct itimerval it = {.it_value = {.tv_usec = 50000}};
    T(setitimer(ITIMER_REAL, &it, NULL));
    int blocking = signalfd(-1, &mask, 0);
    TF(blocking);
    drain(blocking, 128);
    T(close(blocking));
    T(close(ep));
    T(close(fd));
    return 0;
}
