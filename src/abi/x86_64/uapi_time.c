/* Time's structures, between the kernel's forms and Linux x86_64's: timespec, timeval,
   timezone and itimerval, and a C long such as time() stores. x86_64 has one timespec, 64-bit
   from the start: the "time64" calls of the 32-bit ABIs and the older ones read the same. */
#include "abi/x86_64/ia32.h"
#include "abi/x86_64/uapi.h"
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"

/* Linux's get_timespec64 keeps a native tv_nsec whole (only a compat call drops its upper
   half): a nanosecond count with high bits set is out of range, not truncated. */
int abi_timespec_from_user(uaddr_t uts, word_t i, bool time64, struct timespec_k *ts)
{
    IA32_CONVERT(timespec_from_user, uts, i, time64, ts);
    struct timespec_64 t;
    if (copy_from_user(&t, uts + i * sizeof(t), sizeof(t)))
        return -EFAULT;
    *ts = (struct timespec_k){.sec = t.sec, .nsec = t.nsec};
    return 0;
}

int abi_timespec_to_user(uaddr_t uts, const struct timespec_k *ts, bool time64)
{
    IA32_CONVERT(timespec_to_user, uts, ts, time64);
    struct timespec_64 t = {.sec = ts->sec, .nsec = ts->nsec};
    return copy_to_user(uts, &t, sizeof(t));
}

int abi_timeval_from_user(uaddr_t utv, struct timeval_k *tv)
{
    IA32_CONVERT(timeval_from_user, utv, tv);
    struct timeval_64 t;
    if (copy_from_user(&t, utv, sizeof(t)))
        return -EFAULT;
    *tv = (struct timeval_k){.sec = t.sec, .usec = t.usec};
    return 0;
}

static struct timeval_64 timeval_64(const struct timeval_k *tv)
{
    return (struct timeval_64){.sec = tv->sec, .usec = tv->usec};
}

int abi_timeval_to_user(uaddr_t utv, const struct timeval_k *tv)
{
    IA32_CONVERT(timeval_to_user, utv, tv);
    struct timeval_64 t = timeval_64(tv);
    return copy_to_user(utv, &t, sizeof(t));
}

int abi_timezone_to_user(uaddr_t utz, int32_t minuteswest, int32_t dsttime)
{
    IA32_CONVERT(timezone_to_user, utz, minuteswest, dsttime);
    struct timezone_64 tz = {.minuteswest = minuteswest, .dsttime = dsttime};
    return copy_to_user(utz, &tz, sizeof(tz));
}

int abi_itimerval_from_user(uaddr_t uit, struct itimerval_k *it)
{
    IA32_CONVERT(itimerval_from_user, uit, it);
    struct itimerval_64 t;
    if (copy_from_user(&t, uit, sizeof(t)))
        return -EFAULT;
    it->interval = (struct timeval_k){.sec = t.interval.sec, .usec = t.interval.usec};
    it->value = (struct timeval_k){.sec = t.value.sec, .usec = t.value.usec};
    return 0;
}

int abi_itimerval_to_user(uaddr_t uit, const struct itimerval_k *it)
{
    IA32_CONVERT(itimerval_to_user, uit, it);
    struct itimerval_64 t = {.interval = timeval_64(&it->interval),
                             .value = timeval_64(&it->value)};
    return copy_to_user(uit, &t, sizeof(t));
}

int abi_long_to_user(uaddr_t u, word_t value)
{
    IA32_CONVERT(long_to_user, u, value);
    uint64_t v = value;
    return copy_to_user(u, &v, sizeof(v));
}
