/* Proves Linux's "text file busy": the running program's file cannot be opened for writing,
 * opened with O_TRUNC or truncated (ETXTBSY), though it opens for reading and its name can go;
 * a file open for writing cannot be run (ETXTBSY), and runs once that descriptor is closed;
 * O_RDONLY|O_TRUNC truncates another file, as Linux's does. It works in scratch files under
 * the working directory and removes them. */
#define _GNU_SOURCE
#include "report.h"
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define COPY "etxtbsy.tmp"

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "again")) {
        printf("the copy runs\n");
        T(open(COPY, O_WRONLY));
        T(unlink(COPY));
        return 0;
    }
    T(open("/proc/self/exe", O_WRONLY));
    T(open("/proc/self/exe", O_RDWR));
    T(open("/proc/self/exe", O_RDONLY | O_TRUNC));
    T(truncate("/proc/self/exe", 0));
    int self = open("/proc/self/exe", O_RDONLY);
    printf("open for reading: %s\n", self >= 0 ? "fd" : errname(errno));

    int out = open(COPY, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    static char buf[65536];
    long n;
    while ((n = read(self, buf, sizeof(buf))) > 0)
        write(out, buf, (size_t)n);
    char *again[] = {COPY, "again", NULL};
    T(execve(COPY, again, NULL));

    int scratch = open("etxtbsy.data", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(scratch, "data", 4);
    close(scratch);
    scratch = open("etxtbsy.data", O_RDONLY | O_TRUNC);
    struct stat st;
    fstat(scratch, &st);
    printf("O_RDONLY | O_TRUNC: size %ld\n", (long)st.st_size);
    T(unlink("etxtbsy.data"));

    /* No descriptor free: EMFILE before anything is truncated, as Linux takes its fd first. */
    scratch = open("etxtbsy.data", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(scratch, "data", 4);
    close(scratch);
    struct rlimit few = {64, 64};
    setrlimit(RLIMIT_NOFILE, &few);
    int last = -1, fd;
    while ((fd = dup(0)) >= 0)
        last = fd;
    T(open("etxtbsy.data", O_RDONLY | O_TRUNC));
    stat("etxtbsy.data", &st);
    printf("the file: size %ld\n", (long)st.st_size);
    for (fd = 3; fd <= last; fd++)
        if (fd != self && fd != out)
            close(fd);
    T(unlink("etxtbsy.data"));

    close(out);
    fflush(stdout);
    execve(COPY, again, NULL);
    printf("execve after close: %s\n", errname(errno));
    return 1;
}
