/* perror.c: print "msg: strerror(errno)" on stderr. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

void perror(const char *msg)
{
    const char *text = strerror(errno);

    /* One fprintf, so the unbuffered stderr gets the whole line in one write. */
    if (msg && *msg)
        fprintf(stderr, "%s: %s\n", msg, text);
    else
        fprintf(stderr, "%s\n", text);
}
