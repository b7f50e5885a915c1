/* Starts the app as Linux would: ELF segments mapped, the ABI's pages (the vsyscall page or
   the vDSO), and the ABI's initial stack with argv (the module's command line) and envp (the
   kernel command line's KEY=VALUE words that are not kernel options, as Linux gives init).
   execve starts another program in its place the same way, from the file tree. */
#include "kernel/exec.h"
#include "arch/x86/cpu.h"
#include "arch/x86/fpu.h"
#include "arch/x86/tls.h"
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/cpio.h"
#include "kernel/cputime.h"
#include "kernel/cred.h"
#include "kernel/dev.h"
#include "kernel/elf.h"
#include "kernel/errno.h"
#include "kernel/fd.h"
#include "kernel/fmt.h"
#include "kernel/fs.h"
#include "kernel/itimer.h"
#include "kernel/mm.h"
#include "kernel/mount.h"
#include "kernel/pmm.h"
#include "kernel/proc.h"
#include "kernel/random.h"
#include "kernel/signal.h"
#include "kernel/socket.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/vfs.h"
#include "kernel/vm.h"
#include <mode/frame.h>
#include <mode/layout.h>

/* Words of a command line, copied one after another into store. */
struct words {
    int n;
    char *w[EXEC_MAX_ARGS];
    char store[BOOT_CMDLINE_MAX];
};

/* Fill ws with the words next() finds in line: cmdline_word (argv, from the module's command
   line; argv[0] is its first word) or cmdline_env (envp, from the kernel's). */
static void split(struct words *ws, const char *line,
                  const char *(*next)(const char *, char *, size_t))
{
    size_t used = 0;
    ws->n = 0;
    for (const char *p = line; ws->n < EXEC_MAX_ARGS && used < sizeof(ws->store) &&
                               (p = next(p, ws->store + used, sizeof(ws->store) - used));) {
        ws->w[ws->n++] = ws->store + used;
        used += strlen(ws->store + used) + 1;
    }
}

/* The name prctl(PR_GET_NAME) reports: the last path element of the file run (a bare ELF
   module's argv[0]), as Linux's comm. */
static void set_comm(const char *path)
{
    const char *name = path;
    for (const char *p = path; *p; p++)
        if (*p == '/')
            name = p + 1;
    strlcpy(app.comm, name, sizeof(app.comm));
}

/* A random number below max, or 0 with "norandmaps" on the command line or the app's
   personality ADDR_NO_RANDOMIZE (as on Linux). */
uint32_t random_below(uint32_t max)
{
    if (cmdline_has("norandmaps") || (app.personality & ADDR_NO_RANDOMIZE))
        return 0;
    return cpu_random_u32() % max;
}

/* The file's name (AT_EXECFN), the arguments and the environment a program starts with. */
struct exec_args {
    const char *execfn;
    int argc, envc;
    char *const *argv, *const *envp;
};

/* Why a new address space could not be laid out (lay_out). */
enum { ABI_CLASH = 1, ABI_NO_MEMORY, STACK_CLASH, STACK_NO_MEMORY };

/* The layout of a new address space for img, randomised as Linux does (mode/layout.h:
   i386's ranges, x86_64's), the heap start within 32 MiB on both; the ABI's pages mapped above
   the stack, and the initial stack built, its pointer in mm.start_stack. 0; or why not, with
   *at the page that clashes. */
static int lay_out(const struct elf_image *img, const struct exec_args *args, uaddr_t *at)
{
    uaddr_t abi_start, abi_end;
    abi_pages_place(&abi_start, &abi_end);
    for (*at = abi_start; *at < abi_end; *at += PAGE_SIZE)
        if (vm_mapped(*at))
            return ABI_CLASH;
    if (abi_pages_map())
        return ABI_NO_MEMORY;
    app.image_end = page_round_up(img->end);
    mm.brk_start = mm.brk = app.image_end + random_below(8192) * PAGE_SIZE;
    mm.stack_top = abi_start - random_below(STACK_RND_PAGES) * (uaddr_t)PAGE_SIZE;
    mm.stack_floor = mm.stack_top - STACK_MAX;
    mm.mmap_base =
        mm.stack_floor - STACK_GUARD_GAP - random_below(MMAP_RND_PAGES) * (uaddr_t)PAGE_SIZE;
    mm.mmap_full = mm.mmap_base;
    /* Like Linux's arch_align_stack(), the strings also move within 8 KiB. */
    uaddr_t top = mm.stack_top - (random_below(8192) & ~15u);
    mm.start_stack = abi_initial_stack(top, args->execfn, args->argc, args->argv, args->envc,
                                       args->envp, img, at);
    return mm.start_stack ? 0 : *at ? STACK_CLASH : STACK_NO_MEMORY;
}

/* The file tree: a bare ELF gets /dev alone, an archive its own tree. Returns the image to
   run: the module itself, or /init (init=PATH) in the archive, whose bytes stay in place. */
static const void *tree_start(const struct boot_info *bi, uint32_t *size, char *init)
{
    const void *module = phys_to_virt((uint32_t)bi->module_start);
    *size = (uint32_t)(bi->module_end - bi->module_start);
    vfs_set_limit(pmm_free_count() / 2); /* tmpfs's default size: half the RAM */
    if (!(vfs_root = vfs_new(S_IFDIR | 0755)))
        app_refuse("not enough memory for the file tree");
    bool archive = cpio_is_archive(module, *size);
    if (archive) {
        uint32_t at = 0;
        const char *why = cpio_unpack(module, *size, &at);
        if (why)
            app_refuse("bad cpio archive: %s (at byte %u)", why, at);
    }
    /* /dev is the archive's own to make; /proc and the mounts come after its files */
    if ((!archive && dev_populate()) || proc_populate() || fs_start())
        app_refuse("not enough memory for the file tree");
    if (!archive)
        return module;
    if (!cmdline_value("init", init, PATH_MAX))
        strlcpy(init, "/init", PATH_MAX);
    struct vnode *n;
    uint8_t via;
    if (init[0] != '/' || fs_node_kernel(init, &n, &via))
        app_refuse("no %s in the archive (give the app as /init, or init=/PATH)", init);
    if (!S_ISREG(n->mode))
        app_refuse("%s in the archive is not a regular file", init);
    vfs_get(n);
    app.exe = n;
    *size = n->size;
    return n->ext ? (const void *)n->ext : "";
}

void exec_start(const struct boot_info *bi)
{
    if (!bi->has_module && bi->module_cmdline[0])
        app_refuse("empty file (the loader gave no module for \"%s\")", bi->module_cmdline);
    if (!bi->has_module)
        app_refuse("no module: give the app as the first Multiboot module");
    if (bi->module_end > KERNEL_DIRECT_MAP_SIZE)
        app_refuse("the module (%u KiB) does not fit in the kernel's low memory",
                   (uint32_t)((bi->module_end - bi->module_start) / 1024));
    if (bi->module_end == bi->module_start)
        app_refuse("empty file");
    static char init[PATH_MAX];
    uint32_t size;
    const struct elf_source src = {.image = tree_start(bi, &size, init)};
    const struct elf_ehdr *eh = (const void *)src.image;
    const char *why = elf_check(eh, elf_phdrs(eh), size);
    if (why && init[0])
        app_refuse("%s: %s", init, why);
    if (why)
        app_refuse("%s", why);

    random_init();
    app.pages_at_start = pmm_free_count() + size / PAGE_SIZE;
    struct elf_image img;
    uint32_t free_kib = pmm_free_count() * 4; /* a failed load keeps what it took */
    if (elf_load(eh, elf_phdrs(eh), &src, &img))
        app_refuse("not enough memory to load the app (its segments need %lu KiB, %u KiB free)",
                   (unsigned long)img.pages * 4, free_kib);
    if (!init[0]) /* the segments are copied: a bare ELF module is garbage now */
        pmm_give_back(bi->module_start, bi->module_end - bi->module_start);

    /* An archive's app without arguments of its own gets its path as argv[0], as Linux's
       init does. */
    static struct words argv, envp;
    split(&argv, bi->module_cmdline[0] || !init[0] ? bi->module_cmdline : init, cmdline_word);
    const char *path = init[0] ? init : argv.n ? argv.w[0] : "";
    set_comm(path); /* Linux's: the file's, "init" */
    split(&envp, cmdline_text(), cmdline_env);
    struct exec_args args = {path, argv.n, envp.n, argv.w, envp.w};
    uaddr_t at;
    int fail = lay_out(&img, &args, &at);
    if (fail == ABI_CLASH)
        app_refuse("a segment covers %p, %s", (void *)at, abi_pages_name);
    if (fail == ABI_NO_MEMORY)
        app_refuse("not enough memory for %s", abi_pages_name);
    if (fail == STACK_CLASH)
        app_refuse("a segment covers %p, where the app's stack goes (%p-%p)", (void *)at,
                   (void *)mm.stack_floor, (void *)mm.stack_top);
    if (fail)
        app_refuse("not enough memory for the app's stack (%u KiB free)", pmm_free_count() * 4);
    /* the format's tail is execve's line's (one string for both) */
    klog("%s: %u KiB, entry %p; %u KiB of memory free", "app", size / 1024, (void *)img.entry,
         pmm_free_count() * 4);
    debug_smap_trigger(img.entry);
    time_start();
    cputime_start();
    user_enter(img.entry, mm.start_stack);
}

/* execve's strings, copied out of the old program before it goes: the pointers first (room
   for a script's interpreters before argv[0]), then the strings. 128 KiB in all, Linux's
   ARG_MAX before 2.6.23: past it, E2BIG. */
#define ARENA_SIZE (128u << 10)
#define SCRIPT_DEPTH 5 /* interpreters in a chain, as Linux's exec_binprm allows */
#define SCRIPT_BUF 256 /* the start of a file a #! line is read from (BINPRM_BUF_SIZE) */
static union {
    char *ptrs[ARENA_SIZE / sizeof(char *)];
    char bytes[ARENA_SIZE];
} arena;

/* A user string into the arena at *used (the bytes taken: the pointers', then the strings'):
   its copy, or NULL with *err (EFAULT, or E2BIG when the arena is full). */
static char *copy_user_string(uint32_t *used, uaddr_t ustr, int *err)
{
    char *start = arena.bytes + *used;
    int32_t len = copy_string_from_user(start, ustr, ARENA_SIZE - *used);
    if (len < 0) {
        *err = len == -EFAULT ? -EFAULT : -E2BIG;
        return NULL;
    }
    *used += (uint32_t)len + 1;
    return start;
}

/* A kernel string into the arena: its copy, or NULL when the arena is full (E2BIG). */
static char *copy_kernel_string(uint32_t *used, const char *s)
{
    uint32_t n = (uint32_t)strlen(s) + 1;
    if (n > ARENA_SIZE - *used)
        return NULL;
    memcpy(arena.bytes + *used, s, n);
    *used += n;
    return arena.bytes + *used - n;
}

/* The number of pointers in a user array (argv, envp) up to its NULL: -EFAULT, -E2BIG. A NULL
   array has none. The app's pointers are its C longs: i386's, x86_64's, or an int $0x80
   call's. */
/* Pointer i of a user array into *p (zero-extended): 0, or nonzero on a fault. */
static __attribute__((noinline)) int user_ptr(uaddr_t uarr, int i, uint64_t *p)
{
    unsigned size = abi_long_size();
    *p = 0;
    return copy_from_user(p, uarr + (uaddr_t)i * size, size);
}

static int count_user_ptrs(uaddr_t uarr)
{
    for (int n = 0; uarr; n++) {
        uint64_t p;
        if (n >= (int)(ARENA_SIZE / sizeof(char *) / 2))
            return -E2BIG;
        if (user_ptr(uarr, n, &p))
            return -EFAULT;
        if (!p)
            return n;
    }
    return 0;
}

/* Copy n strings of a user array into the arena, their pointers at slot onwards. */
static int copy_user_strings(uint32_t *used, uaddr_t uarr, int n, uint32_t slot)
{
    for (int i = 0; i < n; i++) {
        uint64_t p;
        int err = 0;
        if (user_ptr(uarr, i, &p))
            return -EFAULT;
        if (!(arena.ptrs[slot + (uint32_t)i] = copy_user_string(used, (uaddr_t)p, &err)))
            return err;
    }
    return 0;
}

/* Open a file to run, as Linux's do_open_execat: a regular file the app may execute (root
   too needs an x bit; /proc is noexec), or -EACCES; one open for writing is -ETXTBSY
   (deny_write_access). */
static int exec_node_check(struct vnode *n, uint8_t via)
{
    if (!S_ISREG(n->mode))
        return -EACCES;
    int err = cred_permission(n, MAY_EXEC);
    return err                               ? err
           : mount_flags(n, via) & MS_NOEXEC ? -EACCES /* a noexec mount's */
           : n->writers                      ? -ETXTBSY
                                             : 0;
}

/* A #! line's interpreter and its one optional argument, as Linux's load_script parses the
   file's first 256 bytes (buf, zero-padded): 0, or -ENOEXEC where it finds no interpreter or
   only a truncated one. *name and *arg point into buf, which is cut at their ends. */
static bool spacetab(char c)
{
    return c == ' ' || c == '\t';
}

/* Past the blanks (blank set) or the other bytes but NUL from p, up to end. */
static char *skip(char *p, const char *end, bool blank)
{
    while (p < end && *p && spacetab(*p) == blank)
        p++;
    return p;
}

static int parse_script(char *buf, char **name, char **arg)
{
    char *end = buf + SCRIPT_BUF - 1, *i_end = NULL;
    for (char *p = buf; p < buf + SCRIPT_BUF; p++)
        if (*p == '\n') {
            i_end = p;
            break;
        }
    if (!i_end) { /* no newline: the name must end before the buffer does */
        char *p = skip(buf + 2, end, true);
        if (p == end || skip(p, end, false) == end)
            return -ENOEXEC;
        i_end = end;
    }
    while (i_end > buf + 2 && spacetab(i_end[-1]))
        i_end--;
    char *p = skip(buf + 2, i_end, true);
    if (p == i_end)
        return -ENOEXEC;
    *name = p;
    p = skip(p, i_end, false);
    *arg = NULL;
    if (p < i_end && *p) {
        char *sep = p;
        p = skip(p, i_end, true);
        if (p < i_end)
            *arg = p;
        *sep = 0;
    }
    *i_end = 0;
    return 0;
}

/* The new program's arguments: argc pointers from slot first, then NULL; envc from envp_at. */
struct arena_args {
    int argc, envc;
    uint32_t first, envp_at;
};

/* Run the file n in the app's place: a #! script's interpreter (up to SCRIPT_DEPTH deep, as
   Linux's load_script splices it into argv), or an ELF, checked as the boot checks one
   (-ENOEXEC, with the reason on the console, for what moat cannot run). Past the checks there
   is no way back: the old program is gone, and a failure kills the app with SIGSEGV, as
   Linux's. */
static sword_t exec_program(struct vnode *n, uint8_t via, const char *filename, uint32_t *used,
                            struct arena_args a)
{
    static char head[SCRIPT_BUF];
    static struct elf_phdr ph[MAX_PHNUM];
    const char *interp = filename;
    for (int depth = 0;; depth++) {
        memset(head, 0, sizeof(head));
        vfs_read(n, 0, head, sizeof(head));
        if (head[0] != '#' || head[1] != '!')
            break;
        char *name, *arg, *iname, *iarg = NULL;
        if (depth == SCRIPT_DEPTH)
            return -ELOOP;
        int err = parse_script(head, &name, &arg);
        if (err)
            return err;
        if (!(iname = copy_kernel_string(used, name)) ||
            (arg && !(iarg = copy_kernel_string(used, arg))))
            return -E2BIG;
        arena.ptrs[a.first] = (char *)interp; /* the script's path for argv[0] */
        if (iarg)
            arena.ptrs[--a.first] = iarg, a.argc++;
        arena.ptrs[--a.first] = iname, a.argc++;
        if ((err = fs_node_kernel(iname, &n, &via)) || (err = exec_node_check(n, via)))
            return err;
        interp = iname;
    }
    const struct elf_ehdr *eh = (const void *)head;
    uint32_t phnum = eh->phnum < MAX_PHNUM ? eh->phnum : MAX_PHNUM;
    vfs_read(n, eh->phoff, ph, phnum * (uint32_t)sizeof(ph[0]));
    const char *why = elf_check(eh, ph, n->size);
    if (why) { /* the app may try as often as it likes: rate-limited, as its faults are */
        if (klog_ratelimit())
            klog("execve %s: %s (ENOEXEC)", filename, why);
        return -ENOEXEC;
    }

    /* The point of no return: what Linux's begin_new_exec and start_thread undo or reset. The
       file is the app's exe from now on (held). */
    vfs_get(n);
    if (app.exe)
        vfs_put(app.exe);
    app.exe = n;
    sock_gc_hold(); /* the collector looks once, when they are all closed */
    for (uint32_t fd = 0; fd < NOFILE; fd++)
        if (fd_cloexec(fd))
            fd_close(fd);
    sock_gc_let();
    sig_exec();
    ptimer_exec();
    tls_exec();
    fpu_reset();
    cred_exec(n, via);
    prctl_exec();
    app.robust_list = 0;
    ABI_COMPAT_END();
    mm_unmap(USER_MIN, USER_TOP - USER_MIN);
    vm_free_user_tables();
    mm.lock_new = 0;
    set_comm(filename);
    struct elf_source src = {.image = n->ext, .node = n->ext ? NULL : n};
    struct elf_image img;
    uint32_t size = n->size;
    uaddr_t at = 0;
    struct exec_args args = {filename, a.argc, a.envc, &arena.ptrs[a.first],
                             &arena.ptrs[a.envp_at]};
    int fail = elf_load(eh, ph, &src, &img) ? STACK_NO_MEMORY : lay_out(&img, &args, &at);
    if (fail) {
        klog("execve %s: %s at %p: killed", filename,
             fail == ABI_CLASH || fail == STACK_CLASH ? "a segment's clash" : "no memory",
             (void *)at);
        app_kill(SIGSEGV);
    }
    if (klog_ratelimit())
        klog("execve %s: %u KiB, entry %p; %u KiB of memory free", filename, size / 1024,
             (void *)img.entry, pmm_free_count() * 4);
    user_enter(img.entry, mm.start_stack);
}

/* As Linux 6.1's do_execveat_common: the path (EFAULT, and ENOENT for an empty one but under
   AT_EMPTY_PATH), then argv and envp copied (EFAULT, E2BIG), then execveat's flags and the
   file (ENOENT, EACCES, ELOOP, ...). A file named through a descriptor is "/dev/fd/N" or
   "/dev/fd/N/PATH", as Linux names it, for AT_EXECFN, the name and a script's argv. */
sword_t sys_execveat(uint32_t dirfd, uaddr_t upath, uaddr_t uargv, uaddr_t uenvp, uint32_t flags)
{
    char *path;
    int err = fs_get_path(upath, &path);
    if (err)
        return err;
    int argc, envc;
    uint32_t first = 2 * SCRIPT_DEPTH, envp_at, used;
    char *filename;
    err = -ENOENT;
    if (!path[0] && !(flags & AT_EMPTY_PATH))
        goto put;
    if ((err = argc = count_user_ptrs(uargv)) < 0 || (err = envc = count_user_ptrs(uenvp)) < 0)
        goto put;
    /* Pointers: interpreters' room, argv (an empty one gets "", as Linux 5.18's), NULL, envp,
       NULL. Then the file's name, the environment, the arguments. */
    envp_at = first + (uint32_t)(argc ? argc : 1) + 1;
    used = (envp_at + (uint32_t)envc + 1) * (uint32_t)sizeof(char *);
    err = -E2BIG;
    if (used >= ARENA_SIZE)
        goto put;
    if (dirfd != AT_FDCWD && path[0] != '/') {
        static char fdpath[PATH_MAX + 32];
        ksnprintf(fdpath, sizeof(fdpath), path[0] ? "/dev/fd/%u/%s" : "/dev/fd/%u", dirfd, path);
        filename = copy_kernel_string(&used, fdpath);
    } else {
        filename = copy_kernel_string(&used, path);
    }
    if (filename)
        err = 0;
put:
    fs_put_path(path);
    if (err || (err = copy_user_strings(&used, uenvp, envc, envp_at)) ||
        (err = copy_user_strings(&used, uargv, argc, first)))
        return err;
    if (!argc && !(arena.ptrs[first] = copy_kernel_string(&used, "")))
        return -E2BIG;
    if (flags & ~(uint32_t)(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
        return -EINVAL;
    struct vnode *n;
    uint8_t via;
    if ((err = fs_node_via(dirfd, upath, !(flags & AT_SYMLINK_NOFOLLOW), flags & AT_EMPTY_PATH, &n,
                           &via)))
        return err;
    if (S_ISLNK(n->mode))
        return -ELOOP;
    if ((err = exec_node_check(n, via)))
        return err;
    int nargs = argc ? argc : 1;
    arena.ptrs[first + (uint32_t)nargs] = NULL;
    arena.ptrs[envp_at + (uint32_t)envc] = NULL;
    return exec_program(n, via, filename, &used, (struct arena_args){nargs, envc, first, envp_at});
}

sword_t sys_execve(uaddr_t upath, uaddr_t uargv, uaddr_t uenvp)
{
    return sys_execveat(AT_FDCWD, upath, uargv, uenvp, 0);
}
