/* psignal.c: print "msg: strsignal(sig)" on stderr, exactly as musl formats it. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

void psignal(int sig, const char *msg)
{
    int saved = errno;

    /* musl prints the ": " whenever msg is non-null, even for "" (glibc does not). */
    if (fprintf(stderr, "%s%s%s\n", msg ? msg : "", msg ? ": " : "", strsignal(sig)) >= 0)
        errno = saved;
}
