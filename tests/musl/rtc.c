/* Proves /dev/rtc0 is the CMOS clock, as Linux's rtc-cmos gives it: RTC_RD_TIME agrees with
 * the system clock (which boot read from it) and gives the week day and the year's day;
 * RTC_SET_TIME sets it (read back at once, the system clock untouched), and refuses a time the
 * clock cannot hold (EINVAL: month 12, 31 April, 29 February of a common year, a year before
 * 1970 or after 2069) and, without CAP_SYS_TIME, anything (EACCES before EFAULT); a read needs 4
 * or a long's bytes (EINVAL) and waits for interrupts none is set to raise (EAGAIN under
 * O_NONBLOCK); a write is EINVAL; and uid 1000 may not open it. */
#define _GNU_SOURCE
#include "report.h"
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* <linux/rtc.h>'s, which musl's tool chain lacks */
struct rtc_time {
    int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
};
#define RTC_RD_TIME _IOR('p', 0x09, struct rtc_time)
#define RTC_SET_TIME _IOW('p', 0x0a, struct rtc_time)

static void set(int fd, int year, int mon, int mday, int hour)
{
    struct rtc_time t = {.tm_year = year - 1900, .tm_mon = mon, .tm_mday = mday, .tm_hour = hour};
    printf("set %04d-%02d-%02d %02d:00: ", year, mon + 1, mday, hour);
    T(ioctl(fd, RTC_SET_TIME, &t));
}

int main(void)
{
    int fd = TF(open("/dev/rtc0", O_RDWR | O_NONBLOCK));
    struct rtc_time t;
    time_t before = time(NULL);
    T(ioctl(fd, RTC_RD_TIME, &t));
    struct tm tm = {.tm_year = t.tm_year,
                    .tm_mon = t.tm_mon,
                    .tm_mday = t.tm_mday,
                    .tm_hour = t.tm_hour,
                    .tm_min = t.tm_min,
                    .tm_sec = t.tm_sec};
    time_t rtc = timegm(&tm);
    printf("the RTC within 2 s of the system clock: %d\n", rtc - before < 3 && before - rtc < 3);
    printf("week day and year day as gmtime's: %d\n",
           t.tm_wday == tm.tm_wday && t.tm_yday == tm.tm_yday);

    struct rtc_time s = {
        .tm_year = 130, .tm_mon = 0, .tm_mday = 2, .tm_hour = 3, .tm_min = 4, .tm_sec = 5};
    T(ioctl(fd, RTC_SET_TIME, &s));
    T(ioctl(fd, RTC_RD_TIME, &t));
    printf("read back: %04d-%02d-%02d %02d:%02d:%02d wday %d yday %d\n", t.tm_year + 1900,
           t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_wday, t.tm_yday);
    printf("the system clock kept its time: %d\n", time(NULL) - before < 3);
    set(fd, 2024, 1, 29, 23); /* a leap day */
    T(ioctl(fd, RTC_RD_TIME, &t));
    printf("read back: %04d-%02d-%02d %02d, yday %d\n", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday,
           t.tm_hour, t.tm_yday);
    set(fd, 2023, 1, 29, 0);
    set(fd, 2023, 3, 31, 0);
    set(fd, 2023, 12, 1, 0);
    set(fd, 2023, 0, 1, 24);
    set(fd, 1969, 11, 31, 0);
    set(fd, 2070, 0, 1, 0);
    set(fd, 1970, 0, 1, 0);
    T(ioctl(fd, RTC_SET_TIME, (void *)8));
    T(ioctl(fd, RTC_RD_TIME, (void *)8));
    char buf[8];
    T(read(fd, buf, 1));
    T(read(fd, buf, 4));
    T(read(fd, buf, sizeof(long)));
    T(write(fd, buf, 4));

    /* Without CAP_SYS_TIME (capset: keep the others), setting is EACCES, before EFAULT. */
    struct {
        unsigned version;
        int pid;
    } h = {0x20080522, 0};
    struct {
        unsigned eff, prm, inh;
    } d[2];
    syscall(SYS_capget, &h, d);
    d[0].eff &= ~(1u << 25);
    T(syscall(SYS_capset, &h, d));
    T(ioctl(fd, RTC_SET_TIME, (void *)8));
    T(ioctl(fd, RTC_SET_TIME, &s));
    T(ioctl(fd, RTC_RD_TIME, &t));
    T(close(fd));
    T(setuid(1000));
    T(open("/dev/rtc0", O_RDONLY));
    return 0;
}
