/* usleep.c: sleep microseconds. */
#include <time.h>
#include <unistd.h>

int usleep(useconds_t usec)
{
    struct timespec ts = {(time_t)(usec / 1000000), (long)(usec % 1000000) * 1000};

    return nanosleep(&ts, &ts);
}
