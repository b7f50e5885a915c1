/* /proc/sysvipc/msg, sem and shm as Linux writes them: each file's header, and the line of an
 * object made here, its fields in order with the ones that differ from run to run (ids, pids,
 * times, the caller's ids) named instead of shown. Other objects (the host's, or a concurrent
 * run's) are left out, and so are the columns' widths (a 32-bit kernel's shm file is
 * narrower). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

static time_t t0;

/* A field as the test shows it: what it is, where its value is not the same on every run. */
static void field(const char *name, const char *v, long id)
{
    long n = atol(v);
    if (!strcmp(name, "id"))
        printf(" %s", n == id ? "ID" : "?");
    else if (!strcmp(name, "pid"))
        printf(" %s", !n ? "0" : n == getpid() ? "ME" : "?");
    else if (!strcmp(name, "time"))
        printf(" %s", !n ? "0" : n >= t0 && n <= time(NULL) ? "NOW" : "?");
    else if (!strcmp(name, "uid"))
        printf(" %s", n == (long)geteuid() ? "EUID" : "?");
    else if (!strcmp(name, "gid"))
        printf(" %s", n == (long)getegid() ? "EGID" : "?");
    else
        printf(" %s", v);
}

/* names: one word per field of a line, "-" for one shown as it is. */
static void show(const char *file, long id, const char *const *names)
{
    FILE *f = fopen(file, "r");
    if (!f) {
        printf("%s: cannot open\n", file);
        return;
    }
    char line[512];
    if (fgets(line, sizeof(line), f)) {
        char *save;
        printf("%s header:", file);
        for (char *tok = strtok_r(line, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save))
            printf(" %s", tok);
        printf("\n");
    }
    int found = 0;
    while (fgets(line, sizeof(line), f)) {
        char copy[512], *save, *tok;
        strcpy(copy, line);
        tok = strtok_r(copy, " \n", &save);
        if (!tok || !(tok = strtok_r(NULL, " \n", &save)) || atol(tok) != id)
            continue;
        found = 1;
        printf("%s line:", file);
        strcpy(copy, line);
        tok = strtok_r(copy, " \n", &save);
        for (int i = 0; tok; i++, tok = strtok_r(NULL, " \n", &save))
            field(names[i] ? names[i] : "-", tok, id);
        printf("\n");
    }
    if (!found)
        printf("%s: no line for the object\n", file);
    fclose(f);
}

int main(void)
{
    t0 = time(NULL);
    static const char *const msg_names[] = {"-",   "id",  "-",   "-",   "-",    "pid",  "pid",
                                            "uid", "gid", "uid", "gid", "time", "time", "time"};
    static const char *const sem_names[] = {"-",   "id",  "-",   "-",    "uid",
                                            "gid", "uid", "gid", "time", "time"};
    static const char *const shm_names[] = {"-",   "id",  "-",   "-",    "pid",  "pid",  "-", "uid",
                                            "gid", "uid", "gid", "time", "time", "time", "-", "-"};
    int q = msgget(IPC_PRIVATE, 0640), s = semget(IPC_PRIVATE, 3, 0600),
        m = shmget(IPC_PRIVATE, 5000, 0604);
    struct {
        long type;
        char text[5];
    } msg = {7, "hello"};
    struct sembuf op = {1, 2, 0};
    char *at = shmat(m, NULL, 0);
    printf("made: %d %d %d, attached: %d\n", q >= 0, s >= 0, m >= 0, at != (void *)-1);
    memset(at, 1, 5000); /* both pages resident: rss 8192 */
    printf("msgsnd: %d, semop: %d\n", msgsnd(q, &msg, 5, 0), semop(s, &op, 1));
    show("/proc/sysvipc/msg", q, msg_names);
    show("/proc/sysvipc/sem", s, sem_names);
    show("/proc/sysvipc/shm", m, shm_names);
    shmdt(at);
    shmctl(m, IPC_RMID, NULL);
    semctl(s, 0, IPC_RMID);
    msgctl(q, IPC_RMID, NULL);
    return 0;
}
