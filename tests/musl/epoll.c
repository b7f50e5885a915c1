/* eventfd, timerfd and epoll as Linux's: the counters, the timers read as expiration counts,
 * the sets and how they report (level, edge, one shot, a full array taking turns, nesting),
 * the files they refuse, closes, and waits cut short by signals. `epoll clock` instead sets
 * the wall clock under a timer that asked to be cancelled by it (moat only: on Linux it would
 * set the host's clock); `epoll nests` nests epolls as deep as Linux lets them. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "report.h"

#ifndef SYS_timerfd_settime /* musl's i386 names the 32-bit one so */
#define SYS_timerfd_settime SYS_timerfd_settime32
#endif

static int efd_in_handler = -1;

static void on_alarm(int sig)
{
    uint64_t one = 1;
    if (efd_in_handler >= 0)
        write(efd_in_handler, &one, 8);
}

static void alarm_in(long usec, int restart)
{
    struct sigaction sa = {.sa_handler = on_alarm, .sa_flags = restart ? SA_RESTART : 0};
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {.it_value = {.tv_sec = 0, .tv_usec = usec}};
    setitimer(ITIMER_REAL, &it, NULL);
}

/* Wait on ep and print what came: the data and the events of each. */
static void waited(const char *what, int ep, int max, int ms)
{
    struct epoll_event ev[8];
    int n = epoll_wait(ep, ev, max, ms);
    printf("%s: %d", what, n);
    if (n < 0)
        printf(" %s", errname(errno));
    for (int i = 0; i < n; i++)
        printf(" [%llu %#x]", (unsigned long long)ev[i].data.u64, ev[i].events);
    printf("\n");
    errno = 0;
}

static int add(int ep, int fd, uint32_t events, uint64_t data)
{
    struct epoll_event ev = {.events = events, .data.u64 = data};
    return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

static int mod(int ep, int fd, uint32_t events, uint64_t data)
{
    struct epoll_event ev = {.events = events, .data.u64 = data};
    return epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
}

/* Its /proc/self/fd link, mode and flags; an open of the link is ENXIO. */
static void link_of(int fd)
{
    char path[64], target[64] = "";
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    readlink(path, target, sizeof(target) - 1);
    struct stat st;
    fstat(fd, &st);
    printf("%s: mode %o, flags %#o\n", target, st.st_mode, fcntl(fd, F_GETFL));
    T(open(path, O_RDONLY));
}

static void eventfds(void)
{
    uint64_t v = 0;
    int e;
    printf("-- eventfd\n");
    T(eventfd(0, 0x40));
    TF(e = eventfd(3, EFD_NONBLOCK));
    link_of(e);
    T(lseek(e, 5, SEEK_SET));
    T(lseek(e, 0, 77));
    T(pread(e, &v, 8, 0));
    T(read(e, &v, 4));
    T(read(e, &v, 8));
    printf("read %llu\n", (unsigned long long)v);
    T(read(e, &v, 8));
    T(write(e, &v, 7));
    v = UINT64_MAX;
    T(write(e, &v, 8));
    v = UINT64_MAX - 1;
    T(write(e, &v, 8));
    struct pollfd p = {.fd = e, .events = POLLIN | POLLOUT};
    T(poll(&p, 1, 0));
    printf("revents %#x\n", p.revents);
    v = 1;
    T(write(e, &v, 8));
    T(read(e, &v, 8));
    printf("read %#llx\n", (unsigned long long)v);
    T(poll(&p, 1, 0));
    printf("revents %#x\n", p.revents);
    v = 5;
    T(write(e, &v, 8));
    T(read(e, NULL, 8)); /* the count is taken before the copy fails */
    T(read(e, &v, 8));
    int s;
    TF(s = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC));
    T(fcntl(s, F_GETFD));
    T(read(s, &v, 8));
    printf("read %llu\n", (unsigned long long)v);
    T(read(s, &v, 8));
    T(read(s, &v, 8));
    /* a blocking read, until a handler writes: restarted under SA_RESTART */
    int b;
    TF(b = eventfd(0, 0));
    efd_in_handler = b;
    alarm_in(20000, 1);
    T(read(b, &v, 8));
    printf("read %llu\n", (unsigned long long)v);
    alarm_in(20000, 0);
    T(read(b, &v, 8)); /* without it: EINTR, the handler's count left */
    T(read(b, &v, 8));
    efd_in_handler = -1;
    close(e), close(s), close(b);
}

static void timers(void)
{
    int t;
    uint64_t ticks = 0;
    struct itimerspec it = {0}, old;
    printf("-- timerfd\n");
    T(timerfd_create(99, 0));
    T(timerfd_create(CLOCK_MONOTONIC, 1));
    T(timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0));
    TF(t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK));
    link_of(t);
    T(read(t, &ticks, 8));
    T(read(t, &ticks, 7));
    T(write(t, &ticks, 8));
    T(timerfd_gettime(t, &old));
    printf("value %lld.%09ld interval %lld.%09ld\n", (long long)old.it_value.tv_sec,
           old.it_value.tv_nsec, (long long)old.it_interval.tv_sec, old.it_interval.tv_nsec);
    T(timerfd_settime(t, 4, &it, NULL));
    it.it_value.tv_nsec = 1000000000;
    T(timerfd_settime(t, 0, &it, NULL));
    it.it_value.tv_nsec = -1;
    T(timerfd_settime(t, 0, &it, NULL));
    T(syscall(SYS_timerfd_settime, t, 0, NULL, NULL));
    it.it_value.tv_nsec = 0;
    T(timerfd_settime(1000, 0, &it, NULL));
    T(timerfd_settime(0, 0, &it, NULL));
    T(timerfd_gettime(t, NULL));
    /* relative, once: 30 ms */
    it.it_value.tv_nsec = 30000000;
    T(timerfd_settime(t, 0, &it, NULL));
    T(timerfd_gettime(t, &old));
    printf("left in (0, 30 ms]: %d\n", old.it_value.tv_sec == 0 && old.it_value.tv_nsec > 0 &&
                                           old.it_value.tv_nsec <= 30000000);
    struct pollfd p = {.fd = t, .events = POLLIN};
    T(poll(&p, 1, 2000));
    T(read(t, &ticks, 8));
    printf("ticks %llu\n", (unsigned long long)ticks);
    T(read(t, &ticks, 8));
    T(timerfd_gettime(t, &old));
    printf("value %lld.%09ld\n", (long long)old.it_value.tv_sec, old.it_value.tv_nsec);
    /* absolute on the wall clock, 10.5 s ago, every second: 11 expirations */
    struct timespec now;
    close(t);
    TF(t = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK));
    clock_gettime(CLOCK_REALTIME, &now);
    it.it_interval.tv_sec = 1;
    it.it_value.tv_sec = now.tv_sec - 11;
    it.it_value.tv_nsec = now.tv_nsec + 500000000;
    if (it.it_value.tv_nsec >= 1000000000)
        it.it_value.tv_sec++, it.it_value.tv_nsec -= 1000000000;
    T(timerfd_settime(t, TFD_TIMER_ABSTIME, &it, NULL));
    p.fd = t;
    T(poll(&p, 1, 2000)); /* Linux's timer fires at its next interrupt */
    T(read(t, &ticks, 8));
    printf("ticks %llu\n", (unsigned long long)ticks);
    T(timerfd_gettime(t, &old));
    printf("next in (0, 0.5 s]: %d, interval %lld.%09ld\n",
           old.it_value.tv_sec == 0 && old.it_value.tv_nsec > 0 &&
               old.it_value.tv_nsec <= 500000000,
           (long long)old.it_interval.tv_sec, old.it_interval.tv_nsec);
    /* settime gives the old setting back, and a new one starts the count again */
    it = (struct itimerspec){.it_value = {.tv_sec = 100}};
    T(timerfd_settime(t, 0, &it, &old));
    printf("old interval %lld.%09ld\n", (long long)old.it_interval.tv_sec, old.it_interval.tv_nsec);
    T(read(t, &ticks, 8));
    /* every 2 ms, read after 50 ms: many at once */
    it = (struct itimerspec){.it_value.tv_nsec = 2000000, .it_interval.tv_nsec = 2000000};
    T(timerfd_settime(t, 0, &it, NULL));
    usleep(50000);
    T(read(t, &ticks, 8));
    printf("ticks >= 20: %d\n", ticks >= 20);
    /* a value past KTIME_MAX's seconds is "never"; settime arms before it gives the old setting
       back, so a bad pointer for that leaves the timer armed */
    it = (struct itimerspec){.it_value.tv_sec = (time_t)1 << 62};
    if (sizeof(time_t) == 8)
        T(timerfd_settime(t, 0, &it, NULL));
    else
        T(timerfd_settime(t, 0, &(struct itimerspec){.it_value.tv_sec = 0x7fffffff}, NULL));
    T(timerfd_gettime(t, &old));
    printf("left > 2e9 s: %d\n", (long long)old.it_value.tv_sec > 2000000000);
    it = (struct itimerspec){.it_value.tv_sec = 100};
    T(timerfd_settime(t, 0, &it, (struct itimerspec *)8));
    T(timerfd_gettime(t, &old));
    printf("armed: %d\n", old.it_value.tv_sec > 90);
    /* a blocking read waits for the expiry */
    int w;
    TF(w = timerfd_create(CLOCK_REALTIME, 0));
    it = (struct itimerspec){.it_value.tv_nsec = 20000000};
    T(timerfd_settime(w, 0, &it, NULL));
    T(read(w, &ticks, 8));
    printf("ticks %llu\n", (unsigned long long)ticks);
    close(t), close(w);
}

static void sets(void)
{
    int ep, p[2], q[2], e[3], file, sv[2];
    char buf[16];
    struct epoll_event ev = {.events = EPOLLIN};
    printf("-- epoll\n");
    T(syscall(SYS_epoll_create, 0));
    T(epoll_create1(1));
    TF(ep = epoll_create(1));
    link_of(ep);
    T(read(ep, &ev, sizeof(ev)));
    pipe(p);
    pipe(q);
    TF(file = open("/proc/self/stat", O_RDONLY));
    T(epoll_ctl(ep, EPOLL_CTL_ADD, file, &ev));
    T(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev));
    T(epoll_ctl(p[0], EPOLL_CTL_ADD, q[0], &ev));
    T(epoll_ctl(ep, EPOLL_CTL_ADD, 1000, &ev));
    T(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], NULL));
    T(epoll_ctl(ep, 9, p[0], &ev));
    T(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
    T(mod(ep, p[0], EPOLLIN, 1));
    T(add(ep, p[0], EPOLLIN, 10));
    T(add(ep, p[0], EPOLLIN, 11));
    T(mod(ep, p[0], EPOLLIN | EPOLLEXCLUSIVE, 10));
    T(add(ep, q[0], EPOLLIN | EPOLLPRI | EPOLLEXCLUSIVE, 20));
    T(epoll_wait(ep, &ev, 0, 0));
    T(epoll_wait(ep, NULL, 1, 0));
    T(epoll_wait(p[0], &ev, 1, 0));
    T(epoll_wait(1000, &ev, 1, 0));
    waited("nothing yet", ep, 8, 0);
    write(p[1], "ab", 2);
    waited("level", ep, 8, 0);
    waited("level again", ep, 8, -1);
    T(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
    waited("deleted", ep, 8, 0);

    printf("-- edge\n");
    T(add(ep, q[0], EPOLLIN | EPOLLET, 20));
    write(q[1], "a", 1);
    waited("edge", ep, 8, 0);
    waited("edge again", ep, 8, 0);
    write(q[1], "b", 1);
    waited("more data", ep, 8, 0);
    read(q[0], buf, sizeof(buf));
    write(q[1], "c", 1);
    waited("drained and written", ep, 8, 0);
    read(q[0], buf, 1);
    waited("drained", ep, 8, 0);
    T(mod(ep, q[0], EPOLLIN | EPOLLOUT | EPOLLONESHOT, 21));
    write(q[1], "d", 1);
    waited("one shot", ep, 8, 0);
    write(q[1], "e", 1);
    waited("one shot again", ep, 8, 0);
    T(mod(ep, q[0], EPOLLIN, 22));
    waited("rearmed", ep, 8, 0);
    close(q[1]);
    waited("writer gone", ep, 8, 0);
    read(q[0], buf, sizeof(buf));
    waited("writer gone, drained", ep, 8, 0);
    T(epoll_ctl(ep, EPOLL_CTL_DEL, q[0], NULL));
    close(q[0]);

    printf("-- wakeups\n");
    int w = eventfd(1, EFD_NONBLOCK | EFD_SEMAPHORE), wp[2];
    uint64_t one = 1;
    T(add(ep, w, EPOLLIN | EPOLLET, 23));
    waited("eventfd", ep, 8, 0);
    T(write(w, &one, 8));
    waited("eventfd written", ep, 8, 0);
    T(read(w, &one, 8));
    T(write(w, &one, 8));
    T(mod(ep, w, EPOLLIN | EPOLLOUT | EPOLLET, 24));
    waited("eventfd, in and out", ep, 8, 0);
    T(read(w, &one, 8));
    waited("eventfd read: writers woken", ep, 8, 0);
    T(mod(ep, w, EPOLLIN | EPOLLET, 25));
    waited("eventfd, in only", ep, 8, 0);
    T(write(w, &one, 8));
    waited("eventfd written", ep, 8, 0);
    T(read(w, &one, 8));
    waited("eventfd read: no reader woken", ep, 8, 0);
    close(w);
    pipe2(wp, O_NONBLOCK);
    T(add(ep, wp[1], EPOLLOUT | EPOLLET, 26));
    waited("pipe's write end", ep, 8, 0);
    write(wp[1], "ab", 2);
    read(wp[0], buf, 1);
    waited("a read of a pipe with room", ep, 8, 0);
    static char big[65536];
    read(wp[0], buf, 1);
    while (write(wp[1], big, sizeof(big)) > 0)
        ;
    waited("full", ep, 8, 0);
    read(wp[0], big, 100);
    waited("a read of a full pipe, still full", ep, 8, 0);
    read(wp[0], big, 4096);
    waited("a read of a full pipe", ep, 8, 0);
    close(wp[0]);
    waited("the reader gone", ep, 8, 0);
    close(wp[1]);
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    T(add(ep, sv[0], EPOLLOUT | EPOLLET, 27));
    waited("socket", ep, 8, 0);
    T(shutdown(sv[0], SHUT_RD));
    waited("shut", ep, 8, 0);
    T(shutdown(sv[0], SHUT_RD));
    waited("shut again", ep, 8, 0);
    close(sv[0]);
    close(sv[1]);

    /* a periodic timer wakes once until it is read, or its time asked (which arms it again) */
    int pt = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    struct itimerspec every = {.it_value.tv_nsec = 5000000, .it_interval.tv_nsec = 5000000};
    timerfd_settime(pt, 0, &every, NULL);
    T(add(ep, pt, EPOLLIN | EPOLLET, 28));
    waited("periodic", ep, 8, 1000);
    waited("periodic, unread", ep, 8, 30);
    timerfd_gettime(pt, &every);
    waited("periodic, its time asked", ep, 8, 1000);
    close(pt);
    /* a pipe's second writer file gone: no wakeup while a writer is left */
    int fp[2], w2;
    char path[64];
    pipe2(fp, O_NONBLOCK);
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fp[1]);
    TF(w2 = open(path, O_WRONLY));
    write(fp[1], "a", 1);
    T(add(ep, fp[0], EPOLLIN | EPOLLET, 29));
    waited("pipe", ep, 8, 0);
    close(w2);
    waited("one writer of two gone", ep, 8, 0);
    close(fp[1]);
    waited("the last writer gone", ep, 8, 0);
    close(fp[0]);
    /* a socket's writers are not woken by data for it, nor its readers by room */
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    T(add(ep, sv[0], EPOLLOUT | EPOLLET, 30));
    waited("socket", ep, 8, 0);
    write(sv[1], "x", 1);
    waited("data for it", ep, 8, 0);
    T(mod(ep, sv[0], EPOLLIN | EPOLLET, 31));
    waited("socket, in only", ep, 8, 0);
    write(sv[0], "y", 1);
    read(sv[1], buf, 1);
    waited("room for it", ep, 8, 0);
    close(sv[0]);
    close(sv[1]);
    /* a set in a set, edge-triggered: each wakeup inside is one outside */
    int in2 = epoll_create1(0), ip[2];
    pipe2(ip, O_NONBLOCK);
    T(add(in2, ip[0], EPOLLIN, 32));
    T(add(ep, in2, EPOLLIN | EPOLLET, 33));
    write(ip[1], "a", 1);
    waited("inner written", ep, 8, 0);
    waited("again", ep, 8, 0);
    write(ip[1], "b", 1);
    waited("inner written again", ep, 8, 0);
    close(in2);
    close(ip[0]);
    close(ip[1]);

    printf("-- turns\n");
    for (int i = 0; i < 3; i++) {
        e[i] = eventfd(1, 0);
        T(add(ep, e[i], EPOLLIN, 30 + i));
    }
    for (int i = 0; i < 4; i++)
        waited("one at a time", ep, 1, 0);
    waited("two", ep, 2, 0);
    waited("all", ep, 8, 0);

    printf("-- closes\n");
    int d = dup(e[1]);
    close(e[1]);
    T(epoll_ctl(ep, EPOLL_CTL_DEL, e[1], NULL));
    waited("closed but a dup", ep, 8, 0);
    close(d);
    waited("the dup closed too", ep, 8, 0);
    close(e[0]);
    close(e[2]);
    waited("all closed", ep, 8, 0);

    printf("-- nested\n");
    int inner, ev2;
    TF(inner = epoll_create1(0));
    TF(ev2 = eventfd(0, 0));
    T(add(inner, ev2, EPOLLIN, 40));
    T(add(ep, inner, EPOLLIN, 41));
    T(add(inner, ep, EPOLLIN, 42));
    T(add(ep, inner, EPOLLIN | EPOLLEXCLUSIVE, 41));
    waited("inner idle", ep, 8, 0);
    write(ev2, &one, 8);
    waited("inner ready", ep, 8, 0);
    waited("inner itself", inner, 8, 0);
    close(inner);
    close(ev2);
    waited("inner closed", ep, 8, 0);

    printf("-- sockets and timers\n");
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    T(add(ep, sv[0], EPOLLIN | EPOLLRDHUP | EPOLLET, 50));
    waited("socket idle", ep, 8, 0);
    write(sv[1], "x", 1);
    waited("socket data", ep, 8, 0);
    shutdown(sv[1], SHUT_WR);
    waited("peer shut", ep, 8, 0);
    close(sv[0]);
    close(sv[1]);
    int t = timerfd_create(CLOCK_MONOTONIC, 0);
    struct itimerspec it = {.it_value.tv_nsec = 20000000};
    timerfd_settime(t, 0, &it, NULL);
    T(add(ep, t, EPOLLIN, 60));
    waited("timer pending", ep, 8, 0);
    waited("timer expired", ep, 8, 5000);
    close(t);

    printf("-- signals\n");
    alarm_in(20000, 1);
    waited("interrupted, SA_RESTART or not", ep, 8, -1);
    sigset_t alrm, none, now;
    sigemptyset(&alrm);
    sigemptyset(&none);
    sigaddset(&alrm, SIGALRM);
    sigprocmask(SIG_BLOCK, &alrm, NULL);
    alarm_in(20000, 0);
    struct epoll_event out[2];
    T(syscall(SYS_epoll_pwait, ep, out, 2, -1, &none, 8));
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("SIGALRM blocked after: %d\n", sigismember(&now, SIGALRM));
    T(syscall(SYS_epoll_pwait, ep, out, 2, 0, &none, 4));
    struct timespec ts = {.tv_nsec = 10000000};
    T(syscall(SYS_epoll_pwait2, ep, out, 2, &ts, NULL, 8));
    ts.tv_nsec = 1000000000;
    T(syscall(SYS_epoll_pwait2, ep, out, 2, &ts, NULL, 8));
    struct {
        int64_t sec, nsec;
    } forever = {INT64_MAX, 999999999}; /* __kernel_timespec on both */
    alarm_in(20000, 1);
    T(syscall(SYS_epoll_pwait2, ep, out, 2, &forever, &none, 8));
    sigprocmask(SIG_UNBLOCK, &alrm, NULL);
    close(ep);
    close(file);
    close(p[0]);
    close(p[1]);
}

/* The wall clock set under a timer with TFD_TIMER_CANCEL_ON_SET: its read says ECANCELED,
   once; a relative one and a monotonic one go on. */
static void clock_set(void)
{
    int c, r, m;
    uint64_t ticks;
    struct timespec now;
    struct itimerspec far = {0};
    printf("-- cancel on set\n");
    clock_gettime(CLOCK_REALTIME, &now);
    far.it_value.tv_sec = now.tv_sec + 1000;
    TF(c = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK));
    TF(r = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK));
    TF(m = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK));
    T(timerfd_settime(c, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &far, NULL));
    T(timerfd_settime(r, TFD_TIMER_CANCEL_ON_SET, &far, NULL));
    T(timerfd_settime(m, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &far, NULL));
    T(read(c, &ticks, 8));
    now.tv_sec += 5;
    T(clock_settime(CLOCK_REALTIME, &now));
    struct pollfd p[3] = {{c, POLLIN, 0}, {r, POLLIN, 0}, {m, POLLIN, 0}};
    T(poll(p, 3, 0));
    T(read(c, &ticks, 8));
    T(read(c, &ticks, 8));
    T(read(r, &ticks, 8));
    T(read(m, &ticks, 8));
    struct itimerspec left;
    timerfd_gettime(c, &left);
    printf("absolute, left about 995 s: %d\n",
           left.it_value.tv_sec >= 990 && left.it_value.tv_sec <= 995);
}

/* Epolls in epolls: no loop, and no chain of more than 4 levels below the top, however it is
   joined. */
static void nests(void)
{
    int e[7], a[3], b[3];
    printf("-- nests\n");
    for (int i = 0; i < 7; i++)
        e[i] = epoll_create1(0);
    for (int i = 0; i < 6; i++)
        T(add(e[i + 1], e[i], EPOLLIN, i));
    for (int i = 0; i < 3; i++)
        a[i] = epoll_create1(0), b[i] = epoll_create1(0);
    T(add(a[1], a[0], EPOLLIN, 0));
    T(add(a[2], a[1], EPOLLIN, 0));
    T(add(b[1], b[0], EPOLLIN, 0));
    T(add(b[2], b[1], EPOLLIN, 0));
    T(add(a[0], a[2], EPOLLIN, 0));
    T(add(a[0], b[2], EPOLLIN, 0));
    T(add(a[0], b[1], EPOLLIN, 0));
    T(add(a[0], b[0], EPOLLIN, 0));
    /* a chain grown at its bottom, a new set at a time */
    int top = epoll_create1(0), bottom = top, levels = 0;
    for (int i = 0; i < 900; i++) {
        int next = epoll_create1(0);
        if (add(bottom, next, EPOLLIN, i)) {
            printf("level %d: %s\n", levels + 1, errname(errno));
            break;
        }
        bottom = next;
        levels++;
    }
    waited("the top", top, 8, 0);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1 && !strcmp(argv[1], "clock")) {
        clock_set();
        return 0;
    }
    if (argc > 1 && !strcmp(argv[1], "nests")) {
        nests();
        return 0;
    }
    eventfds();
    timers();
    sets();
    return 0;
}
