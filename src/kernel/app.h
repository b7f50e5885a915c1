/* The one app's life: its few pieces of process state, and how it ends. */
#pragma once

#include "kernel/machine.h"
#include <mode/types.h>
#include <stdbool.h>
#include <stdint.h>

#define MOAT_VERSION "0.1.0"
/* What uname and /proc tell programs: Linux, at the release whose system calls moat follows
   (a program that reads the release to choose a call, or glibc's "kernel too old" check, finds
   6.1); moat and its own version are in the version field. */
#define UTS_SYSNAME "Linux"
#define UTS_RELEASE "6.1.0-moat"
#define UTS_VERSION "#1 moat " MOAT_VERSION
#define APP_PID 1          /* the one app, and its one thread: also its tid, pgid and tgid */
#define PER_LINUX32 0x0008 /* personality: uname's machine is i686 */
#define ADDR_NO_RANDOMIZE 0x0040000u /* personality: the next program's layout is not random */

struct vnode;

struct app {
    uaddr_t robust_list;     /* set_robust_list */
    struct vnode *exe;       /* the program's file (held), /proc/self/exe: none for a bare ELF */
    int32_t nice;            /* getpriority's and setpriority's */
    uint32_t personality;    /* personality(2)'s: PER_LINUX32, ADDR_NO_RANDOMIZE act */
    uint32_t pgid, sid;      /* its process group and session: Linux init's 0 until setsid */
    bool ctty;               /* the console is its controlling terminal (sys_ioctl.c) */
    char comm[16];           /* the name: argv[0]'s file name, or prctl(PR_SET_NAME) */
    uint32_t pages_at_start; /* free frames before the app was loaded: its RAM */
    uint32_t maxrss_kib;     /* the most it has held, as getrusage last saw it */
    uaddr_t image_end;       /* the end of the ELF image's pages: below is file-backed */
};
extern struct app app;

/* execve, as Linux's begin_new_exec: dumpable again unless the program runs set-id (after
   cred_exec; sys_proc.c: prctl's state). */
void prctl_exec(void);
/* A change of effective or file system ids makes the app undumpable and clears its
   pdeathsig (Linux's commit_creds); so does a set-id execve (prctl_exec). */
void prctl_undumpable(void);
bool prctl_no_new_privs(void);

/* The host name (or the NIS domain name) uname reports: sethostname's, setdomainname's, and
   /proc/sys/kernel's; UTS_LEN bytes and a NUL. */
#define UTS_LEN 64
char *uts_name(bool domain);

/* Each prints the kernel's final line and stops the machine. */
__attribute__((noreturn)) void app_exit(uint32_t status);
__attribute__((noreturn)) void app_kill(int sig);
/* reboot(2): the app ends with status 0, and the machine stops as it asked (what: for the log). */
__attribute__((noreturn)) void app_reboot(enum machine_end how, const char *what);
__attribute__((noreturn)) void app_refuse(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
