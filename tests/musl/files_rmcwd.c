/* Proves a failed open(".", O_CREAT) in a removed working directory (EISDIR) drops no
 * reference to it: after more files are made, "." is still the directory, not memory that
 * was freed and reused. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
int main(void)
{
    mkdir("/tmp/moat_rmcwd", 0755);
    chdir("/tmp/moat_rmcwd");
    rmdir("/tmp/moat_rmcwd");
    int r = open(".", O_RDONLY | O_CREAT, 0644);
    printf("open(\".\", O_CREAT) in a removed cwd: %s\n", r < 0 ? strerror(errno) : "opened");
    char name[32];
    for (int i = 0; i < 64; i++) {
        snprintf(name, sizeof name, "/tmp/moat_rmcwd_f%d", i);
        close(open(name, O_CREAT | O_RDWR, 0600));
    }
    struct stat st;
    int s = stat(".", &st);
    printf("stat(\".\"): %s, a directory: %s\n", s ? strerror(errno) : "ok",
           s == 0 && S_ISDIR(st.st_mode) ? "yes" : "no");
    for (int i = 0; i < 64; i++) {
        snprintf(name, sizeof name, "/tmp/moat_rmcwd_f%d", i);
        unlink(name);
    }
    return 0;
}
