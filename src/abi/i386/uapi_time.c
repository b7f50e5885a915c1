/* Time's structures, between the kernel's forms and Linux i386's: timespec (32- and 64-bit),
   timeval, timezone and itimerval, and a C long such as time() stores. */
#include "abi/i386/uapi.h"
#include "kernel/abi.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"

int abi_timespec_from_user(uaddr_t uts, word_t i, bool time64, struct timespec_k *ts)
{
    if (time64) {
        struct kernel_timespec_32 t;
        if (copy_from_user(&t, uts + i * sizeof(t), sizeof(t)))
            return -EFAULT;
        *ts = (struct timespec_k){.sec = t.sec, .nsec = t.nsec};
    } else {
        struct timespec_32 t;
        if (copy_from_user(&t, uts + i * sizeof(t), sizeof(t)))
            return -EFAULT;
        *ts = (struct timespec_k){.sec = t.sec, .nsec = t.nsec};
    }
    return 0;
}

int abi_timespec_to_user(uaddr_t uts, const struct timespec_k *ts, bool time64)
{
    struct kernel_timespec_32 t64 = {.sec = ts->sec, .nsec = ts->nsec};
    struct timespec_32 t32 = {.sec = (int32_t)ts->sec, .nsec = (int32_t)ts->nsec};
    return time64 ? copy_to_user(uts, &t64, sizeof(t64)) : copy_to_user(uts, &t32, sizeof(t32));
}

int abi_timeval_from_user(uaddr_t utv, struct timeval_k *tv)
{
    struct timeval_32 t;
    if (copy_from_user(&t, utv, sizeof(t)))
        return -EFAULT;
    *tv = (struct timeval_k){.sec = t.sec, .usec = t.usec};
    return 0;
}

static struct timeval_32 timeval_32(const struct timeval_k *tv)
{
    return (struct timeval_32){.sec = (int32_t)tv->sec, .usec = (int32_t)tv->usec};
}

int abi_timeval_to_user(uaddr_t utv, const struct timeval_k *tv)
{
    struct timeval_32 t = timeval_32(tv);
    return copy_to_user(utv, &t, sizeof(t));
}

int abi_timezone_to_user(uaddr_t utz, int32_t minuteswest, int32_t dsttime)
{
    struct timezone_32 tz = {.minuteswest = minuteswest, .dsttime = dsttime};
    return copy_to_user(utz, &tz, sizeof(tz));
}

int abi_itimerval_from_user(uaddr_t uit, struct itimerval_k *it)
{
    struct itimerval_32 t;
    if (copy_from_user(&t, uit, sizeof(t)))
        return -EFAULT;
    it->interval = (struct timeval_k){.sec = t.interval.sec, .usec = t.interval.usec};
    it->value = (struct timeval_k){.sec = t.value.sec, .usec = t.value.usec};
    return 0;
}

int abi_itimerval_to_user(uaddr_t uit, const struct itimerval_k *it)
{
    struct itimerval_32 t = {.interval = timeval_32(&it->interval),
                             .value = timeval_32(&it->value)};
    return copy_to_user(uit, &t, sizeof(t));
}

int abi_long_to_user(uaddr_t u, word_t value)
{
    uint32_t v = (uint32_t)value;
    return copy_to_user(u, &v, sizeof(v));
}
