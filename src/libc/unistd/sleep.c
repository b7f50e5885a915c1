/* sleep.c: sleep whole seconds; returns the seconds left if interrupted. */
#include <time.h>
#include <unistd.h>

unsigned sleep(unsigned seconds)
{
    struct timespec ts = {(time_t)seconds, 0};

    if (nanosleep(&ts, &ts))
        return (unsigned)ts.tv_sec + (ts.tv_nsec > 0);
    return 0;
}
