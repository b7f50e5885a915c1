/* /proc, Linux's procfs as the one process sees it: its own folder (1, and self linking to
   it) and the files that ps, top, free, df, mount and pidof read, and that a program reads to
   run itself again (/proc/self/exe, a link to its file). Each file's text is made when it is
   read, from the kernel's state at that moment, as Linux's seq_files are. The nodes sit in
   the tree, marked by their kind (vnode.proc), and refuse what Linux's procfs refuses: a
   write (EIO), a new name (ENOENT), a removal (EPERM), a move or a link out (EXDEV). */
#include "kernel/proc.h"
#include "kernel/abi.h"
#include "kernel/anon.h"
#include "kernel/app.h"
#include "kernel/cmdline.h"
#include "kernel/cputime.h"
#include "kernel/cred.h"
#include "kernel/dev.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/fmt.h"
#include "kernel/fs.h"
#include "kernel/ipc.h"
#include "kernel/loop.h"
#include "kernel/mm.h"
#include "kernel/mount.h"
#include "kernel/pmm.h"
#include "kernel/random.h"
#include "kernel/rlimit.h"
#include "kernel/signal.h"
#include "kernel/socket.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/vm.h"
#include <stdarg.h>
#include <stddef.h>

/* The nodes' kinds (vnode.proc): /proc, then its nodes in layout's order. */
enum {
    NONE,
    TOP, /* /proc itself */
    PID,
    SELF,
    EXE,
    CWD,
    ROOT,
    CMDLINE,
    ENVIRON,
    COMM,
    STAT,
    STATM,
    STATUS,
    PID_MOUNTS,
    MOUNTINFO,
    MOUNTS,
    MEMINFO,
    UPTIME,
    LOADAVG,
    CPU_STAT,
    CPUINFO,
    VERSION,
    FILESYSTEMS,
    PARTITIONS,
    KERNEL_CMDLINE,
    SYS,
    SYS_KERNEL,
    HOSTNAME,
    OSTYPE,
    OSRELEASE,
    MAPS,
    FD,
    LOGINUID,
    DOMAINNAME,
    FDINFO,
    PERSONALITY,
    OOM_SCORE,
    OOM_SCORE_ADJ,
    AUXV,
    TASK,
    TASK_ONE,
    SYSVIPC,
    SYSVIPC_MSG, /* the IPC_KIND_* order */
    SYSVIPC_SEM,
    SYSVIPC_SHM,
    MODULES,
    SWAPS,
    MODULES_DISABLED,
    SYS_RANDOM,
    UUID,
    BOOT_ID,
    PID_MAX,
    SYS_VM,
    OVERCOMMIT_MEMORY,
    MAX_MAP_COUNT,
    CAP_LAST_CAP_FILE,
    NGROUPS_MAX,
    OVERFLOWUID,
    OVERFLOWGID,
    ENTROPY_AVAIL,
    POOLSIZE,
    SYS_FS,
    NR_OPEN,
    NET_LINK,
    NET,
    NET_ARP,
    NET_DEV,
    NET_RAW,
    NET_ROUTE,
    NET_TCP,
    NET_UDP,
    NET_UNIX,
    SYS_BLOCK, /* sysfs's, under its root (SYSFS) */
    SYS_CLASS,
    SYS_DEV,
    SYS_DEVICES,
    SYS_DEV_BLOCK,
    SYS_DEV_CHAR,
    SYS_SYSTEM,
    SYS_VIRTUAL,
    SYS_CPU,
    CPU0,
    ONLINE,
    POSSIBLE,
    PRESENT,
    LO_ADDRESS,
    LO_FLAGS,
    LO_IFINDEX,
    LO_MTU,
    LO_OPERSTATE,
    LO_TYPE,
    LO_UEVENT,
    LO_SUBSYSTEM,
    DEV_NUMBERS, /* a device's folder's (DEV_DIR), each its text by its device (proc_fd) */
    DEV_UEVENT,
    DEV_SUBSYSTEM,
    KINDS,
    FD_LINK = KINDS, /* 1/fd's links and 1/fdinfo's files, made as descriptors open */
    FD_INFO,         /* (proc_refresh) */
    SYSFS,           /* a sysfs's root */
    /* sysfs's folders and files for its devices (sys_fill), each with its device's or its
       class's number in proc_fd */
    CLASS_DIR,  /* class/mem, ...: a link to each device of the class */
    VCLASS_DIR, /* devices/virtual/mem, ...: a folder for each */
    DEV_DIR,    /* devices/virtual/mem/null, ...: the DEV_*'s (and the console's active) */
    LO,         /* devices/virtual/net/lo: the LO_*'s */
    DEV_LINK,   /* class/mem/null, dev/char/1:3: to its folder */
    BLOCK_LINK, /* block/loop0: to its folder */
    ACTIVE,     /* devices/virtual/tty/console/active */
};

/* Every node but /proc and a sysfs's root, in the kinds' order: its folder (T /proc, P 1, S sys,
   K sys/kernel, R sys/kernel/random, W sys/vm, M sys/fs, X 1/task, V sysvipc, N 1/net; 1/task/1,
   the one thread, has 1's nodes but task, as proc_populate makes them; then sysfs's: Y its root,
   G dev, D devices, E devices/system, C devices/system/cpu, L devices/virtual/net/lo, H each
   device's folder in devices/virtual, its nodes taking the folder's device number), its type
   (d a folder, e one its owner writes too, D one only its owner reads, l a link, f a file, x a
   file only its owner reads, w a file its owner writes too) and its name. */
static const char layout[] =
    "Td1\0Tlself\0Plexe\0Plcwd\0Plroot\0Pfcmdline\0Pxenviron\0Pfcomm\0"
    "Pfstat\0Pfstatm\0Pfstatus\0Pfmounts\0Pfmountinfo\0Tlmounts\0Tfmeminfo\0"
    "Tfuptime\0Tfloadavg\0Tfstat\0Tfcpuinfo\0Tfversion\0"
    "Tffilesystems\0Tfpartitions\0Tfcmdline\0Tdsys\0Sdkernel\0"
    "Kwhostname\0Kfostype\0Kfosrelease\0Pfmaps\0PDfd\0Pfloginuid\0Kwdomainname\0PDfdinfo\0"
    "Pxpersonality\0Pfoom_score\0Pwoom_score_adj\0Pxauxv\0"
    "Pdtask\0Xd1\0Tdsysvipc\0Vfmsg\0Vfsem\0Vfshm\0Tfmodules\0Tfswaps\0Kwmodules_disabled\0"
    "Kdrandom\0Rfuuid\0Rfboot_id\0Kwpid_max\0Sdvm\0Wwovercommit_memory\0Wwmax_map_count\0"
    "Kfcap_last_cap\0Kfngroups_max\0Kwoverflowuid\0Kwoverflowgid\0Rfentropy_avail\0Rfpoolsize\0"
    "Sdfs\0Mwnr_open\0"
    "Tlnet\0Pdnet\0Nfarp\0Nfdev\0Nfraw\0Nfroute\0Nftcp\0Nfudp\0Nfunix\0"
    "Yeblock\0Yeclass\0Yedev\0Yedevices\0Geblock\0Gechar\0Desystem\0Devirtual\0Eecpu\0Cecpu0\0"
    "Cfonline\0Cfpossible\0Cfpresent\0Lfaddress\0Lwflags\0Lfifindex\0Lwmtu\0Lfoperstate\0"
    "Lftype\0Lwuevent\0Llsubsystem\0Hfdev\0Hwuevent\0Hlsubsystem";

static uint32_t layout_mode(char type)
{
    return type == 'd'   ? S_IFDIR | 0555
           : type == 'e' ? S_IFDIR | 0755
           : type == 'D' ? S_IFDIR | 0500
           : type == 'l' ? S_IFLNK | 0777
           : type == 'x' ? S_IFREG | 0400
           : type == 'w' ? S_IFREG | 0644
                         : S_IFREG | 0444;
}

/* A node of kind k named name in dir, its number (proc_fd) fd, or NULL when memory runs out. */
static struct vnode *make(struct vnode *dir, const char *name, uint32_t mode, uint8_t k,
                          uint16_t fd)
{
    struct vnode *n = vfs_new(mode);
    if (n) {
        n->mnt = dir->mnt;
        if (vfs_link(dir, name, n)) {
            vfs_put(n); /* freed: it has no name, nor a reference */
            return NULL;
        }
        n->proc = k, n->proc_fd = fd;
        /* a folder's size is none, as below; a sysfs file's what stat says of it, as Linux's */
        n->size = S_ISREG(mode) && mount_sysfs(dir) ? 4096 : 0;
    }
    /* procfs's and sysfs's folders have no size */
    dir->size = 0;
    return n;
}

/* The nodes of layout's kinds below end in folder kind's, made under dir. Only /proc's are made
   when it is mounted; a folder of its own is filled when first looked at (proc_refresh), so
   that booting makes no more than it must: 1/task/1's are 1's again (those before task), as
   nodes of their own (nlink 1, as Linux's). */
static int fill(struct vnode *dir, uint8_t kind, uint8_t end)
{
    static const uint8_t folders['Y' - 'C' + 1] = {
        ['K' - 'C'] = SYS_KERNEL,  ['N' - 'C'] = NET,        ['P' - 'C'] = PID,
        ['S' - 'C'] = SYS,         ['T' - 'C'] = TOP,        ['V' - 'C'] = SYSVIPC,
        ['X' - 'C'] = TASK,        ['R' - 'C'] = SYS_RANDOM, ['W' - 'C'] = SYS_VM,
        ['M' - 'C'] = SYS_FS,      ['Y' - 'C'] = SYSFS,      ['G' - 'C'] = SYS_DEV,
        ['D' - 'C'] = SYS_DEVICES, ['E' - 'C'] = SYS_SYSTEM, ['C' - 'C'] = SYS_CPU,
        ['L' - 'C'] = LO,          ['H' - 'C'] = DEV_DIR};
    const char *p = layout;
    for (uint8_t k = PID; k < end; k++, p += strlen(p) + 1) {
        const char *name = p + 2;
        if (folders[p[0] - 'C'] == kind && !make(dir, name, layout_mode(p[1]), k, dir->proc_fd))
            return -ENOMEM;
    }
    return 0;
}

/* sysfs's devices: the kernel's device nodes (dev_nth), then lo. Device i into *d: its class,
   its place in classes from 1 (by its major, as Linux's drivers class them), or 0 past the last. */
static const char classes[] = "block\0mem\0misc\0net\0rtc\0tty\0";
static uint8_t sys_device(uint32_t i, struct dev_node *d)
{
    if (i < DEV_NODES && dev_nth(i, d))
        return d->major == LOOP_MAJOR ? 1
               : d->major == DEV_MEM  ? 2
               : d->major == DEV_MISC ? 3
               : d->major == DEV_RTC  ? 5
                                      : 6;
    *d = (struct dev_node){"lo", 0, 0, 0};
    return i == DEV_NODES ? 4 : 0;
}

/* A sysfs folder that lists classes or devices, filled as the layout's are (proc_refresh): class
   and devices/virtual a folder for each class, these a link or a folder for each of its devices,
   the console's folder its active, and dev/char, dev/block and block a link for each such
   device: 0, or -ENOMEM. */
static int sys_fill(struct vnode *dir)
{
    uint8_t k = dir->proc, c;
    uint16_t of = dir->proc_fd;
    struct dev_node d;
    char name[12];
    if (k == SYS_CLASS || k == SYS_VIRTUAL) {
        c = 0;
        for (const char *p = classes; *p; p += strlen(p) + 1, c++)
            if (!make(dir, p, S_IFDIR | 0755, k == SYS_CLASS ? CLASS_DIR : VCLASS_DIR, c))
                return -ENOMEM;
        return 0;
    }
    if (k == DEV_DIR) /* its files are the layout's but the console's active */
        return sys_device(of, &d) && !strcmp(d.name, "console") &&
                       !make(dir, "active", S_IFREG | 0444, ACTIVE, of)
                   ? -ENOMEM
                   : 0;
    for (uint16_t i = 0; (c = sys_device(i, &d)); i++) {
        bool block = S_ISBLK(d.mode);
        const char *as = d.name;
        if (k == SYS_DEV_CHAR || k == SYS_DEV_BLOCK) {
            if (!d.mode || block != (k == SYS_DEV_BLOCK))
                continue;
            ksnprintf(name, sizeof(name), "%u:%u", d.major, d.minor);
            as = name;
        } else if (k == SYS_BLOCK ? !block : (k != CLASS_DIR && k != VCLASS_DIR) || c - 1 != of) {
            continue;
        }
        if (!make(dir, as, k == VCLASS_DIR ? S_IFDIR | 0755 : S_IFLNK | 0777,
                  k == VCLASS_DIR  ? (d.mode ? DEV_DIR : LO)
                  : k == SYS_BLOCK ? BLOCK_LINK
                                   : DEV_LINK,
                  i))
            return -ENOMEM;
    }
    return 0;
}

int proc_fill(struct vnode *top, bool sysfs)
{
    top->proc = sysfs ? SYSFS : TOP;
    return fill(top, top->proc, sysfs ? KINDS : SYS_BLOCK); /* procfs's kinds end there */
}

int proc_populate(void)
{
    struct vnode *point = vfs_child(vfs_root, "proc", 4), *sys = vfs_child(vfs_root, "sys", 3);
    mount_init();
    if (point && !S_ISDIR(point->mode))
        point = NULL; /* the archive's /proc is no folder: no /proc */
    else if (!point && (!(point = vfs_new(S_IFDIR | 0555)) || vfs_link(vfs_root, "proc", point)))
        return -ENOMEM;
    return (point && mount_boot(point, false)) ||
                   (sys && S_ISDIR(sys->mode) && mount_boot(sys, true))
               ? -ENOMEM
               : 0;
}

/* The app's oom_score_adj, kept across execve: no OOM killer reads it, but daemons set it. */
static int16_t oom_score_adj;

/* The text being made: past its room it is cut. */
#define TEXT_SIZE 8192
static char text[TEXT_SIZE];
static uint32_t text_len;

void proc_put(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvsnprintf(text + text_len, TEXT_SIZE - text_len, fmt, ap);
    va_end(ap);
    text_len += (uint32_t)n < TEXT_SIZE - text_len ? (uint32_t)n : TEXT_SIZE - 1 - text_len;
}
#define put proc_put

void proc_put_packed(const char *s)
{
    for (; *s; s++)
        for (int n = (uint8_t)*s > 0x80 ? (uint8_t)*s - 0x80 : 1; n; n--)
            put("%c", (uint8_t)*s > 0x80 ? ' ' : *s);
}

void proc_pad(uint32_t width)
{
    uint32_t from = text_len;
    while (from && text[from - 1] != '\n')
        from--;
    while (text_len < from + width && text_len < TEXT_SIZE - 1)
        text[text_len++] = ' ';
    put("\n");
    if (text_len == TEXT_SIZE - 1)
        text_len = from; /* the line does not fit whole: the text ends before it */
}

/* A range of the app's memory (its arguments or environment), as Linux reads it there. */
static void put_user(uaddr_t start, uaddr_t end)
{
    uint32_t n = end - start < TEXT_SIZE ? (uint32_t)(end - start) : TEXT_SIZE;
    if (start && end > start && !copy_from_user(text, start, n))
        text_len = n;
}

static uint64_t ticks(uint64_t ns)
{
    return ns / (NSEC_PER_SEC / 100); /* USER_HZ */
}

/* The signal sets, signal n in bit n - 1: pending, blocked, ignored and caught. */
static void sig_sets(uint64_t set[4])
{
    set[0] = set[1] = set[2] = set[3] = 0;
    for (int sig = 1; sig <= NSIG; sig++) {
        uint64_t bit = 1ull << (sig - 1);
        set[0] |= sig_pending & sig_bit(sig) ? bit : 0;
        set[1] |= sig_blocked & sig_bit(sig) ? bit : 0;
        set[2] |= sig_actions[sig].handler == SIG_IGN ? bit : 0;
        set[3] |= sig_actions[sig].handler > SIG_IGN ? bit : 0;
    }
}

static void put_pid_stat(void)
{
    uint64_t utime, stime, set[4];
    cputime_split(&utime, &stime);
    sig_sets(set);
    /* tty_nr and tpgid: the console's 4:64 and the group, where it is the terminal (Linux's
       new_encode_dev); else 0 and -1 */
    put("%d (%s) R 0 %u %u %u %d 4194560 0 0 0 0 %llu %llu 0 0 %d %d 1 0 0 %lu %lu %lu"
        " %lu %lu %lu 0 0 %u %u %u %u 0 0 0 17 0 0 0 0 0 0 %lu %lu %lu %lu %lu %lu %lu 0\n",
        APP_PID, app.comm, app.pgid, app.sid, app.ctty ? 4u << 8 | 64 : 0,
        app.ctty ? (int)app.pgid : -1, (unsigned long long)ticks(utime),
        (unsigned long long)ticks(stime), 20 + app.nice, app.nice,
        (unsigned long)mm.pages * PAGE_SIZE, (unsigned long)mm.pages, ~0ul,
        (unsigned long)mm.start_code, (unsigned long)mm.end_code, (unsigned long)mm.start_stack,
        /* the signal sets as Linux shows them here: the first word, less its top bit */
        (uint32_t)set[0] & 0x7FFFFFFFu, (uint32_t)set[1] & 0x7FFFFFFFu,
        (uint32_t)set[2] & 0x7FFFFFFFu, (uint32_t)set[3] & 0x7FFFFFFFu,
        (unsigned long)mm.start_data, (unsigned long)mm.end_data, (unsigned long)mm.brk_start,
        (unsigned long)mm.arg_start, (unsigned long)mm.arg_end, (unsigned long)mm.env_start,
        (unsigned long)mm.env_end);
}

_Static_assert(offsetof(struct cred, amb) == offsetof(struct cred, inh) + 4 * sizeof(uint64_t),
               "status copies the capability sets as one run");
static void put_status(void)
{
    uint32_t kib = mm.pages * (PAGE_SIZE / 1024);
    put("Name:\t%s\nUmask:\t%04o\nState:\tR (running)\nTgid:\t1\nNgid:\t0\nPid:\t1\nPPid:\t0\n"
        "TracerPid:\t0\nUid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nFDSize:\t256\nGroups:\t",
        app.comm, fs.umask, cred.uid, cred.euid, cred.suid, cred.fsuid, cred.gid, cred.egid,
        cred.sgid, cred.fsgid);
    for (uint32_t i = 0; i < cred.ngroups; i++)
        put(i ? " %u" : "%u", cred.groups[i]);
    /* Linux's trailing space, groups or none; then the ids in the one pid namespace. VmExe as
       Linux's: the executable segments' pages; nothing is pinned or swapped. */
    put(" \nNStgid:\t1\nNSpid:\t1\nNSpgid:\t%u\nNSsid:\t%u\n"
        "VmPeak:\t%8u kB\nVmSize:\t%8u kB\nVmLck:\t%8u kB\nVmPin:\t%8u kB\nVmHWM:\t%8u kB\n"
        "VmRSS:\t%8u kB\nVmExe:\t%8lu kB\nVmSwap:\t%8u kB\nHugetlbPages:\t%8u kB\n"
        "CoreDumping:\t0\nThreads:\t1\nSigQ:\t%u/%llu\n",
        app.pgid, app.sid, app.maxrss_kib > kib ? app.maxrss_kib : kib, kib,
        (uint32_t)mm_locked() * (PAGE_SIZE / 1024), 0, app.maxrss_kib > kib ? app.maxrss_kib : kib,
        kib,
        (unsigned long)(mm.end_code > mm.start_code
                            ? (page_round_up(mm.end_code) - (mm.start_code & PAGE_MASK)) / 1024
                            : 0),
        0, 0, sigqueue_count(), (unsigned long long)rlimit_cur(RLIMIT_SIGPENDING));
    /* The signal sets, then the capability sets from 4 */
    uint64_t set[9];
    sig_sets(set);
    memcpy(set + 4, &cred.inh, 5 * sizeof(uint64_t));
    /* Each line's set (the one thread's pending are the process's too), then its name. */
    static const char set_lines[] = "0SigPnd\0"
                                    "0ShdPnd\0"
                                    "1SigBlk\0"
                                    "2SigIgn\0"
                                    "3SigCgt\0"
                                    "4CapInh\0"
                                    "5CapPrm\0"
                                    "6CapEff\0"
                                    "7CapBnd\0"
                                    "8CapAmb";
    for (const char *p = set_lines; *p; p += 8)
        put("%s:\t%016llx\n", p + 1, (unsigned long long)set[*p - '0']);
    /* no context switches: one process, and its waits are the kernel's idling */
    put("NoNewPrivs:\t%d\nSeccomp:\t0\nCpus_allowed:\t1\nCpus_allowed_list:\t0\n"
        "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n",
        prctl_no_new_privs());
}

static void put_meminfo(void)
{
    uint32_t used, limit, kib[4] = {0, app.pages_at_start, pmm_free_count()};
    vfs_usage(&used, &limit);
    kib[3] = used; /* tmpfs's pages, as Linux counts them in Cached and Shmem */
    /* Each line's figure (0 none: nothing the kernel holds can be given back, no swap; 1 the
       total, 2 the free, 3 tmpfs's), then its name and colon, which fill 16 columns before the
       KiB in 8. */
    static const char lines[] = "1MemTotal:\0"
                                "2MemFree:\0"
                                "2MemAvailable:\0"
                                "0Buffers:\0"
                                "3Cached:\0"
                                "0SwapCached:\0"
                                "0SwapTotal:\0"
                                "0SwapFree:\0"
                                "3Shmem:\0"
                                "0KReclaimable:\0"
                                "0SReclaimable:";
    for (const char *p = lines; *p; p += strlen(p) + 1)
        put("%-16s%8u kB\n", p + 1, kib[*p - '0'] * (PAGE_SIZE / 1024));
}

static void put_cpu_stat(void)
{
    uint64_t utime, stime, up = time_monotonic_ns();
    cputime_split(&utime, &stime);
    uint64_t idle = up > utime + stime ? up - utime - stime : 0;
    /* the one CPU's line is the total's */
    unsigned long long user = ticks(utime), sys = ticks(stime), idle_ticks = ticks(idle);
    put("cpu  %llu 0 %llu %llu 0 0 0 0 0 0\ncpu0 %llu 0 %llu %llu 0 0 0 0 0 0\n"
        "intr 0\nctxt 0\nbtime %llu\nprocesses 1\nprocs_running 1\nprocs_blocked 0\n"
        "softirq 0 0 0 0 0 0 0 0 0 0 0\n",
        user, sys, idle_ticks, user, sys, idle_ticks,
        (unsigned long long)((time_realtime_ns() - up) / NSEC_PER_SEC));
}

/* A run of the app's pages alike, for maps: their rights, and what they are. */
struct run {
    uaddr_t start, end;
    uint32_t prot;
    const char *name; /* exe_path (the program's file, at off), another name, or NULL */
    uint64_t off;
    int32_t shm_key, shm_id; /* a System V segment's pages (name: shm_name), at off */
};
static char exe_path[PATH_MAX];
static const char shm_name[] = "/SYSV";

static void classify(uaddr_t va, paddr_t pa, struct run *r)
{
    r->name = NULL;
    r->off = 0;
    r->shm_id = -1;
    if (shm_page(va, pa, &r->shm_key, &r->shm_id, &r->off)) {
        r->name = shm_name;
        return;
    }
    for (const struct mm_image_run *i = mm.image; i < mm.image + MM_IMAGE_RUNS; i++)
        if (va >= i->start && va < i->end) {
            r->name = exe_path;
            r->off = i->off + (va - i->start);
            return;
        }
    if (abi_frame(pa))
        r->name = abi_frame_label(pa);
    else if (va >= mm.brk_start && va < page_round_up(mm.brk))
        r->name = "[heap]";
    else if (va >= mm.stack_floor && va < mm.stack_top)
        r->name = "[stack]";
}

/* A line as Linux's show_map_vma prints it: a name starts at a column of its own (after the
   prefix padded to 25 + 6 columns per pointer byte, and a blank). moat knows no mapping as
   shared but a System V segment's (Linux's shm mount is 0:1, its inode the id, its name the
   key's), nor a file's but the program's, nor a page's rights past a file's end (---p).
   False, writing nothing, when the line would not fit whole. */
static bool put_run(const struct run *r)
{
    uint32_t from = text_len;
    bool file = r->name == exe_path && app.exe, shm = r->name == shm_name;
    char prefix[96];
    ksnprintf(prefix, sizeof(prefix), "%08lx-%08lx %c%c%c%c %08llx 00:%02x %u ",
              (unsigned long)r->start, (unsigned long)r->end, r->prot & PROT_READ ? 'r' : '-',
              r->prot & PROT_WRITE ? 'w' : '-', r->prot & PROT_EXEC ? 'x' : '-', shm ? 's' : 'p',
              (unsigned long long)r->off,
              file  ? mount_minor(app.exe)
              : shm ? 1
                    : 0,
              file  ? app.exe->ino
              : shm ? (uint32_t)r->shm_id
                    : 0);
    if (shm)
        put(sizeof(void *) == 8 ? "%-72s /SYSV%08x (deleted)\n" : "%-48s /SYSV%08x (deleted)\n",
            prefix, (uint32_t)r->shm_key);
    else if (r->name && r->name[0])
        put(sizeof(void *) == 8 ? "%-72s %s\n" : "%-48s %s\n", prefix, r->name);
    else
        put("%s\n", prefix);
    if (text_len < TEXT_SIZE - 1)
        return true;
    text_len = from;
    return false;
}

/* /proc/self/maps, from the page tables: a line for each run of pages alike, as many as the
   text holds (the walk stops there). */
static void put_maps(void)
{
    if (!app.exe || vfs_path_of_file(app.exe, NULL, exe_path) < 0)
        exe_path[0] = 0;
    struct run r = {0}, page;
    for (uaddr_t va = USER_MIN; (va = vm_next_covered(va, USER_TOP)) < USER_TOP; va += PAGE_SIZE) {
        paddr_t pa;
        if (!vm_query_marks(va, &pa, &page.prot))
            continue;
        classify(va, pa, &page);
        bool at_off = page.name == exe_path || page.name == shm_name;
        if (va == r.end && page.prot == r.prot && page.name == r.name && page.shm_id == r.shm_id &&
            page.off == (at_off ? r.off + (va - r.start) : 0)) {
            r.end += PAGE_SIZE;
            continue;
        }
        if (r.end && !put_run(&r))
            return;
        r = page;
        r.start = va, r.end = va + PAGE_SIZE;
    }
    if (r.end)
        put_run(&r);
}

/* n's path (reached through via) as the text, as Linux's d_path names it: a directory's, or the
   first name found of another node: 0, or -ENOENT (removed, or a node with no name left). */
static int put_path(struct vnode *n, uint8_t via)
{
    int len = S_ISDIR(n->mode) ? vfs_path_of(n, via, NULL, text, false)
              : n->names       ? vfs_path_of_file(n, NULL, text)
                               : -ENOENT;
    if (len < 0)
        return -ENOENT;
    text_len = (uint32_t)len - 1;
    return 0;
}

/* Descriptor fd's fdinfo (info), as Linux 6.1's: its position, its flags (close-on-exec among
   them), its file system's mount (moat has no mount ids: its device's minor) and its inode. Or
   its link's target, as Linux's d_path names the open file: its path, a pipe's "pipe:[ino]", a
   socket's "socket:[ino]", eventfd's "anon_inode:[eventfd]" (and timerfd's, epoll's), the
   console outside the tree as /dev/console, and a file with no name left as "(deleted)". */
static int put_fd(uint32_t fd, bool info)
{
    const struct file *f = fd_get(fd);
    if (!f)
        return -ENOENT;
    if (info) {
        put("pos:\t%llu\nflags:\t0%o\nmnt_id:\t%u\nino:\t%u\n", (unsigned long long)f->pos,
            f->flags | (fd_cloexec(fd) ? O_CLOEXEC : 0), f->mnt + 1u, /* mountinfo's id */
            f->node->ino);
        return 0;
    }
    struct vnode *n = f->node;
    if (!put_path(n, f->mnt))
        return 0;
    if (S_ISFIFO(n->mode)) /* the stdin pipe too, as `init < pipe` has it */
        put("pipe:[%u]", n->ino);
    else if (S_ISSOCK(n->mode))
        put("socket:[%u]", n->ino);
    else if (f->anon)
        put("anon_inode:[%s]", anon_name(f));
    else if (dev_is_console(n))
        put("/dev/console");
    else
        put("(deleted)");
    return 0;
}

/* The files whose text never changes, by kind: fixed's texts in fixed_kinds' order. The
   network's are Linux's for one whose only interface is lo: no neighbours, no route but the
   local table's (which route does not show; generate pads its title), and lo's counters, which
   stay 0 (moat's loopback hands bytes from socket to socket: there are no packets to count).
   loginuid is never set: no login, as the kernel starts init. pid 1 is no OOM killer's choice
   (Linux's badness for init is none); pid_max is Linux's for one CPU; overcommit is the
   heuristic one (moat maps on demand and refuses what cannot fit). sysfs's: the CPUs' lists (CPU
   0 alone), lo's unchanging attributes (its flags, mtu and operstate are lo_dev's) and the
   console's active (the serial port, as Linux's with console=ttyS0). A run of n blanks in them
   is one byte, 0x80 + n (proc_put_packed); kinds with the same text sit together, each but the
   last with an empty one. */
/* clang-format off */
static const uint8_t fixed_kinds[] = {
    SELF, ROOT, MOUNTS, NET_LINK, LOADAVG, VERSION, FILESYSTEMS, PARTITIONS, SWAPS, NET_ARP,
    NET_DEV, NET_ROUTE, OSTYPE, OSRELEASE, MODULES_DISABLED, LO_IFINDEX, LOGINUID, OOM_SCORE,
    OVERCOMMIT_MEMORY, ONLINE, POSSIBLE, PRESENT, PID_MAX, MAX_MAP_COUNT, CAP_LAST_CAP_FILE,
    NGROUPS_MAX, OVERFLOWUID, OVERFLOWGID, ENTROPY_AVAIL, POOLSIZE, NR_OPEN, LO_ADDRESS, LO_TYPE,
    LO_UEVENT, ACTIVE};
/* clang-format on */
_Static_assert(APP_PID == 1, "self and loadavg name pid 1");
/* clang-format off */
static const char fixed[] =
    "1\0"
    "/\0"
    "self/mounts\0"
    "self/net\0"
    "0.00 0.00 0.00 1/1 1\n\0"
    UTS_SYSNAME " version " UTS_RELEASE " " UTS_VERSION "\n\0"
    "nodev\tsysfs\nnodev\trootfs\nnodev\ttmpfs\nnodev\tproc\nnodev\tdevtmpfs\nnodev\tramfs\n\text2\n\0"
    "major minor\202#blocks\202name\n\n\0"
    "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n\0"
    "IP address\207HW type\205Flags\207HW address\214Mask\205Device\n\0"
    "Inter-|\203Receive\260|\202Transmit\n"
    " face |bytes\204packets errs drop fifo frame compressed multicast|bytes\204packets "
    "errs drop fifo colls carrier compressed\n\204lo:\2070\2070\2040\2040\2040\2050"
    "\2120\2110\2100\2070\2040\2040\2040\2050\2070\2120\n\0"
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\0"
    UTS_SYSNAME "\n\0"
    UTS_RELEASE "\n\0"
    "\0"
    "1\n\0"
    "4294967295\0"
    "\0"
    "\0"
    "\0"
    "\0"
    "0\n\0"
    "32768\n\0"
    "65530\n\0"
    "40\n\0"
    "65536\n\0"
    "\0"
    "65534\n\0"
    "\0"
    "256\n\0"
    "1048576\n\0"
    "00:00:00:00:00:00\n\0"
    "772\n\0"
    "INTERFACE=lo\nIFINDEX=1\n\0"
    "ttyS0\n";
/* clang-format on */

/* Kind k's fixed text, or none: an empty one in fixed is the next kind's, which it shares. */
static const char *fixed_text(uint8_t k)
{
    const char *p = fixed;
    for (uint32_t i = 0; i < sizeof(fixed_kinds); i++, p += strlen(p) + 1)
        if (fixed_kinds[i] == k) {
            while (!*p)
                p++; /* past the empty ones, each a single NUL */
            return p;
        }
    return "";
}

/* A version 4 UUID, as Linux's %pU writes it: a new one, or the boot's. */
static void put_uuid(bool fresh)
{
    static uint8_t boot_id[16];
    uint8_t fresh_id[16], *u = fresh ? fresh_id : boot_id;
    if (fresh || !boot_id[6]) {
        random_fill(u, 16);
        u[6] = (u[6] & 0x0F) | 0x40;
        u[8] = (u[8] & 0x3F) | 0x80;
    }
    for (uint32_t i = 0; i < 16; i++)
        put(i == 4 || i == 6 || i == 8 || i == 10 ? "-%02x" : "%02x", u[i]);
    put("\n");
}

/* Kind k's text for device i (sys_device): its links' targets, its numbers and its uevent, as
   Linux's (DISKSEQ left out: moat counts no disks). */
static void put_sys_device(uint8_t k, uint32_t i)
{
    struct dev_node d;
    const char *c = classes;
    for (uint8_t n = sys_device(i, &d); --n;)
        c += strlen(c) + 1;
    if (k == DEV_SUBSYSTEM || k == LO_SUBSYSTEM)
        put("../../../../class/%s", c);
    else if (k == DEV_NUMBERS)
        put("%u:%u\n", d.major, d.minor);
    else if (k == DEV_UEVENT)
        put("MAJOR=%u\nMINOR=%u\nDEVNAME=%s\n%s", d.major, d.minor, d.name,
            (d.mode & 0777) == 0666 ? "DEVMODE=0666\n"
            : S_ISBLK(d.mode)       ? "DEVTYPE=disk\n"
                                    : "");
    else
        put("%s/devices/virtual/%s/%s", k == DEV_LINK ? "../.." : "..", c, d.name);
}

/* The text of node n, in text[0 .. text_len): 0, or -ENOENT (a link to nothing). */
static int generate(const struct vnode *n)
{
    uint8_t k = n->proc;
    text_len = 0;
    uint64_t up, idle;
    switch (k) {
    case EXE: /* a regular file, or none (a bare ELF module's) */
        return app.exe ? put_path(app.exe, 0) : -ENOENT;
    case CWD: /* a directory */
        return put_path(fs.cwd, fs.cwd_mnt);
    case CMDLINE:
        put_user(mm.arg_start, mm.arg_end);
        break;
    case ENVIRON:
        put_user(mm.env_start, mm.env_end);
        break;
    case COMM:
        put("%s\n", app.comm);
        break;
    case STAT:
        put_pid_stat();
        break;
    case STATM:
        put("%u %u 0 0 0 %u 0\n", mm.pages, mm.pages, mm.pages);
        break;
    case STATUS:
        put_status();
        break;
    case PID_MOUNTS:
    case MOUNTINFO:
        mount_text(k == MOUNTINFO);
        break;
    case MEMINFO:
        put_meminfo();
        break;
    case UPTIME: /* the time since boot, then the time idle */
        up = time_monotonic_ns(), idle = cputime_ns();
        idle = up - (idle < up ? idle : up);
        put("%llu.%02llu %llu.%02llu\n", (unsigned long long)(up / NSEC_PER_SEC),
            (unsigned long long)(ticks(up) % 100), (unsigned long long)(idle / NSEC_PER_SEC),
            (unsigned long long)(ticks(idle) % 100));
        break;
    case CPU_STAT:
        put_cpu_stat();
        break;
    case CPUINFO:
        cpu_info_text();
        break;
    case SYSVIPC_MSG:
    case SYSVIPC_SEM:
    case SYSVIPC_SHM:
        ipc_proc_text(k - SYSVIPC_MSG);
        break;
    case NET_RAW:
    case NET_TCP:
    case NET_UDP:
        inet_proc(k == NET_RAW ? IPPROTO_RAW : k == NET_TCP ? IPPROTO_TCP : IPPROTO_UDP);
        break;
    case NET_UNIX:
        sock_proc_unix();
        break;
    case KERNEL_CMDLINE:
        put("%s\n", cmdline_text());
        break;
    case HOSTNAME:
    case DOMAINNAME:
        put("%s\n", uts_name(k == DOMAINNAME));
        break;
    case MAPS:
        put_maps();
        break;
    case PERSONALITY:
        put("%08x\n", app.personality);
        break;
    case OOM_SCORE_ADJ:
        put("%d\n", oom_score_adj);
        break;
    case LO_MTU:
        put("%u\n", lo_dev.mtu);
        break;
    case LO_FLAGS: /* dev->flags: IFF_UP and IFF_LOOPBACK, or IFF_LOOPBACK */
        put("0x%x\n", lo_dev.flags & (IFF_UP | 8)); /* 8: IFF_LOOPBACK */
        break;
    case LO_OPERSTATE:
        put(lo_dev.flags & IFF_UP ? "unknown\n" : "down\n");
        break;
    case AUXV: /* up to its AT_NULL, as Linux's saved copy (every vector ends in one) */
        while (mm.saved_auxv[text_len / sizeof(word_t)])
            text_len += 2 * sizeof(word_t);
        text_len += 2 * sizeof(word_t);
        memcpy(text, mm.saved_auxv, text_len);
        break;
    case UUID: /* a new random one each read, and one for the boot (made at its first read) */
    case BOOT_ID:
        put_uuid(k == UUID);
        break;
    case FD_LINK:
    case FD_INFO:
        return put_fd(n->proc_fd, k == FD_INFO);
    case DEV_LINK:
    case BLOCK_LINK:
    case DEV_NUMBERS:
    case DEV_UEVENT:
    case DEV_SUBSYSTEM:
    case LO_SUBSYSTEM:
        put_sys_device(k, n->proc_fd);
        break;
    default: /* a fixed text; a folder's, none */
        proc_put_packed(fixed_text(k));
        if (k == NET_ROUTE)
            proc_pad(127);
    }
    return 0;
}

int32_t proc_read(const struct vnode *n, uint64_t pos, uintptr_t buf, uint32_t len, bool user)
{
    int err = generate(n);
    if (err)
        return err;
    /* Linux's proc_dointvec reads from the start only: from further on, nothing */
    if (pos >= text_len || (pos && (n->proc == MODULES_DISABLED || n->proc == PID_MAX ||
                                    (n->proc >= OVERCOMMIT_MEMORY && n->proc <= NR_OPEN))))
        return 0;
    len = len < text_len - (uint32_t)pos ? len : text_len - (uint32_t)pos;
    if (!user)
        memcpy((void *)buf, text + pos, len);
    else if (copy_to_user(buf, text + pos, len))
        return -EFAULT;
    return (int32_t)len;
}

/* A write's bytes, from the app's memory when user is set (0 or -EFAULT), else the kernel's. */
static int copy_in(void *dst, uintptr_t buf, uint32_t len, bool user)
{
    return copy_from_source(dst, buf, len, !user);
}

/* Linux's isspace: its ctype has Latin-1's no-break space (0xA0) among the blanks. */
static bool is_blank(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || c == (char)0xA0;
}

/* modules_disabled, as Linux's proc_dointvec_minmax between 1 and 1: a write of 1 (decimal,
   blanks before it, a blank or the end after) changes nothing; any other number, or none, is
   EINVAL. A write from further on is taken and ignored, as strict sysctl writes are. */
static int32_t write_modules_disabled(uint64_t pos, uintptr_t buf, uint32_t len, bool user)
{
    char in[24] = {0};
    uint32_t take = len < sizeof(in) - 1 ? len : sizeof(in) - 1, i = 0;
    if (pos || !len)
        return (int32_t)len;
    if (copy_in(in, buf, take, user))
        return -EFAULT;
    while (is_blank(in[i]))
        i++;
    while (in[i] == '0')
        i++;
    bool one =
        in[i] == '1' && (!in[i + 1] || in[i + 1] == ' ' || in[i + 1] == '\t' || in[i + 1] == '\n');
    return one ? (int32_t)len : -EINVAL;
}

/* A digit's value, a letter's from 10 on; more than any base for anything else ('@' and '`',
   'A' and 'a' less one, wrap to 255 before the 10). */
static uint32_t digit(char c)
{
    return c <= '9' ? (uint32_t)(c - '0') : (uint8_t)((c | 0x20) - 'a') + 10u;
}

/* oom_score_adj, as Linux's: up to 12 bytes (at any position) with a number from -1000 to
   1000 (kstrtoint's, blanks around it: 0x hex, 0 octal, a sign; EINVAL or ERANGE); below the
   lowest one set with CAP_SYS_RESOURCE, only with it (EACCES). */
__attribute__((cold, noinline)) static int32_t write_oom_score_adj(uintptr_t buf, uint32_t len,
                                                                   bool user)
{
    static int16_t lowest; /* Linux's oom_score_adj_min */
    char in[13] = {0}, *s = in;
    len = len < sizeof(in) - 1 ? len : sizeof(in) - 1;
    if (copy_in(in, buf, len, user))
        return -EFAULT;
    while (is_blank(*s))
        s++;
    bool neg = *s == '-';
    s += *s == '-' || *s == '+';
    uint32_t base = *s != '0' ? 10 : (s[1] | 0x20) == 'x' && digit(s[2]) < 16 ? 16 : 8;
    s += base == 16 ? 2 : 0;
    const char *digits = s;
    uint64_t n = 0;
    for (uint32_t d; (d = digit(*s)) < base; s++)
        n = n * base + d; /* 12 bytes of digits do not overflow it */
    while (is_blank(*s))
        s++;
    if (s == digits || *s)
        return -EINVAL;
    if (n > 0x80000000u - !neg)
        return -ERANGE;
    int32_t v = (int32_t)(neg ? 0u - (uint32_t)n : (uint32_t)n);
    if (v < -1000 || v > 1000)
        return -EINVAL;
    bool resource = capable(CAP_SYS_RESOURCE);
    if (v < lowest && !resource)
        return -EACCES;
    oom_score_adj = (int16_t)v;
    lowest = resource ? (int16_t)v : lowest;
    return (int32_t)len;
}

bool proc_write_moves(const struct vnode *n)
{
    return n->proc != OOM_SCORE_ADJ;
}

int32_t proc_write(const struct vnode *n, uint64_t pos, uintptr_t buf, uint32_t len, bool user)
{
    if (n->proc == MODULES_DISABLED)
        return write_modules_disabled(pos, buf, len, user);
    if (n->proc == OOM_SCORE_ADJ)
        return write_oom_score_adj(buf, len, user);
    if (n->proc != HOSTNAME && n->proc != DOMAINNAME)
        return -EIO; /* Linux's proc_reg_write without a write of its own */
    /* As Linux's proc_dostring in its strict mode: nothing for an empty write; else one from
       where the name ends or before it, up to a NUL or a newline, within UTS_LEN; one past
       the end changes nothing. The whole write counts as written. */
    char *name = uts_name(n->proc == DOMAINNAME), in[UTS_LEN + 1], tmp[UTS_LEN + 1];
    uint32_t at = (uint32_t)strlen(name), take = len < sizeof(in) ? len : sizeof(in);
    if (!len || pos > at)
        return (int32_t)len;
    if (copy_in(in, buf, take, user))
        return -EFAULT;
    memcpy(tmp, name, (uint32_t)pos);
    at = (uint32_t)pos;
    for (uint32_t i = 0; i < take && at < UTS_LEN && in[i] && in[i] != '\n'; i++)
        tmp[at++] = in[i];
    memset(tmp + at, 0, UTS_LEN + 1 - at);
    memcpy(name, tmp, UTS_LEN + 1);
    return (int32_t)len;
}

uint32_t proc_size(const struct vnode *n)
{
    return generate(n) ? 0 : text_len;
}

struct vnode *proc_link_node(const struct vnode *n, bool *magic, uint8_t *via)
{
    const struct file *f;
    *magic = true;
    switch (n->proc) {
    case EXE:
        return *via = app.exe ? app.exe->mnt : 0, app.exe;
    case CWD:
        return *via = fs.cwd_mnt, fs.cwd;
    case ROOT:
        return *via = vfs_app_root_mnt, vfs_app_root;
    case FD_LINK:
        return (f = fd_get(n->proc_fd)) ? (*via = f->mnt, f->node) : NULL;
    }
    *magic = false;
    return NULL;
}

/* A descriptor's link has the rights of its file's access, as Linux's; its fdinfo file is
   its owner's to read. */
static uint32_t fd_node_mode(const struct file *f, bool info)
{
    if (info)
        return S_IFREG | 0400;
    return S_IFLNK | (file_readable(f) ? 0500 : 0) | (file_writable(f) ? 0300 : 0);
}

static void empty(struct vnode *dir)
{
    while (dir->entries)
        vfs_unlink(dir, dir->entries->name);
}

void proc_refresh(struct vnode *dir)
{
    if (!dir->nlink)
        return; /* removed (an unmounted tree's, held open): nothing comes back into it */
    /* all or nothing: a folder memory ran short for is left empty, to be filled at the next look */
    if (S_ISDIR(dir->mode) && dir->proc != TOP && dir->proc != FD && dir->proc != FDINFO &&
        !dir->entries &&
        (fill(dir, dir->proc == TASK_ONE ? PID : dir->proc, dir->proc == TASK_ONE ? TASK : KINDS) ||
         (mount_sysfs(dir) && sys_fill(dir))))
        empty(dir);
    if (dir->proc != FD && dir->proc != FDINFO)
        return;
    bool info = dir->proc == FDINFO;
    /* Up to date: a node for each open descriptor, in order, and no other; else made anew,
       the highest first, so that the newest-first list goes from 0 up, as Linux lists. */
    uint32_t fd = 0;
    const struct ventry *e = dir->entries;
    for (;; e = e->next, fd++) {
        while (fd < NOFILE && !fd_get(fd))
            fd++;
        if (!e || fd == NOFILE || e->node->proc_fd != fd)
            break;
        e->node->mode = fd_node_mode(fd_get(fd), info);
    }
    if (!e && fd == NOFILE)
        return;
    empty(dir);
    for (fd = NOFILE; fd-- > 0;) {
        const struct file *f = fd_get(fd);
        if (!f)
            continue;
        char name[12];
        ksnprintf(name, sizeof(name), "%u", fd);
        struct vnode *n =
            make(dir, name, fd_node_mode(f, info), info ? FD_INFO : FD_LINK, (uint16_t)fd);
        if (!n)
            break;
        n->size = info ? 0 : 64; /* what stat says, as Linux's */
    }
    dir->size = 0;
}
