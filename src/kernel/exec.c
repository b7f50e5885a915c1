/* Starts the app as Linux would: ELF segments mapped, the ABI's pages (the vsyscall page or
   the vDSO), and the ABI's initial stack with argv (the module's command line) and envp (the
   kernel command line's KEY=VALUE words that are not kernel options, as Linux gives init). */
#include "kernel/exec.h"
#include "arch/x86/cpu.h"
#include "kernel/abi.h"
#include "kernel/app.h"
#include "kernel/cmdline.h"
#include "kernel/console.h"
#include "kernel/cpio.h"
#include "kernel/cputime.h"
#include "kernel/dev.h"
#include "kernel/elf.h"
#include "kernel/fs.h"
#include "kernel/kmalloc.h"
#include "kernel/mm.h"
#include "kernel/pmm.h"
#include "kernel/random.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "kernel/vfs.h"
#include "kernel/vm.h"
#include <mode/frame.h>

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

/* The name prctl(PR_GET_NAME) reports: argv[0]'s last path element, as Linux's comm. */
static void set_comm(const char *argv0)
{
    const char *name = argv0;
    for (const char *p = argv0; *p; p++)
        if (*p == '/')
            name = p + 1;
    strlcpy(app.comm, name, sizeof(app.comm));
}

/* A random number below max, or 0 with "norandmaps" on the command line (as on Linux). */
uint32_t random_below(uint32_t max)
{
    return cmdline_has("norandmaps") ? 0 : cpu_random_u32() % max;
}

/* The initial stack pointer, or 0 with *clash set to a page a segment holds, or left 0 when
   memory ran out. */
static uaddr_t build_stack(const char *module_cmdline, const struct elf_image *img, uaddr_t *clash)
{
    /* Like Linux's arch_align_stack(), the strings also move within 8 KiB. */
    uaddr_t top = mm.stack_top - (random_below(8192) & ~15u);
    static struct words argv, envp;
    split(&argv, module_cmdline, cmdline_word);
    set_comm(argv.n ? argv.w[0] : "");
    split(&envp, cmdline_text(), cmdline_env);
    return abi_initial_stack(top, argv.n, argv.w, envp.n, envp.w, img, clash);
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
    if (!cpio_is_archive(module, *size)) {
        if (dev_populate() || fs_start())
            app_refuse("not enough memory for the file tree");
        return module;
    }
    uint32_t at = 0;
    const char *why = cpio_unpack(module, *size, &at);
    if (why)
        app_refuse("bad cpio archive: %s (at byte %u)", why, at);
    if (fs_start())
        app_refuse("not enough memory for the file tree");
    if (!cmdline_value("init", init, PATH_MAX))
        strlcpy(init, "/init", PATH_MAX);
    char *path = kmalloc(PATH_MAX); /* vfs_resolve rewrites the path it walks */
    struct lookup *l = kmalloc(sizeof(*l));
    if (!path || !l)
        app_refuse("not enough memory for the file tree");
    strlcpy(path, init, PATH_MAX);
    if (init[0] != '/' || vfs_resolve(vfs_root, path, LOOKUP_FOLLOW, l) || !l->node)
        app_refuse("no %s in the archive (give the app as /init, or init=/PATH)", init);
    if (!S_ISREG(l->node->mode))
        app_refuse("%s in the archive is not a regular file", init);
    *size = l->node->size;
    const void *image = l->node->ext ? (const void *)l->node->ext : "";
    kfree(path, PATH_MAX);
    kfree(l, sizeof(*l));
    return image;
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
    const void *image = tree_start(bi, &size, init);
    const char *why = elf_check(image, size);
    if (why && init[0])
        app_refuse("%s: %s", init, why);
    if (why)
        app_refuse("%s", why);

    random_init();
    app.pages_at_start = pmm_free_count() + size / PAGE_SIZE;
    struct elf_image img;
    uint32_t free_kib = pmm_free_count() * 4; /* a failed load keeps what it took */
    if (elf_load(image, size, &img))
        app_refuse("not enough memory to load the app (its segments need %lu KiB, %u KiB free)",
                   (unsigned long)img.pages * 4, free_kib);
    if (!init[0]) /* the segments are copied: a bare ELF module is garbage now */
        pmm_give_back(bi->module_start, bi->module_end - bi->module_start);

    uaddr_t abi_start, abi_end;
    abi_pages_place(&abi_start, &abi_end);
    for (uaddr_t p = abi_start; p < abi_end; p += PAGE_SIZE)
        if (vm_mapped(p))
            app_refuse("a segment covers %p, %s", (void *)p, abi_pages_name);
    if (abi_pages_map())
        app_refuse("not enough memory for %s", abi_pages_name);
    /* Randomised as Linux does (mode/layout.h: i386's ranges, x86_64's), the heap start
       within 32 MiB on both. */
    app.image_end = page_round_up(img.end);
    mm.brk_start = mm.brk = page_round_up(img.end) + random_below(8192) * PAGE_SIZE;
    mm.stack_top = abi_start - random_below(STACK_RND_PAGES) * (uaddr_t)PAGE_SIZE;
    mm.stack_floor = mm.stack_top - STACK_MAX;
    mm.mmap_base =
        mm.stack_floor - STACK_GUARD_GAP - random_below(MMAP_RND_PAGES) * (uaddr_t)PAGE_SIZE;
    mm.mmap_full = mm.mmap_base;
    /* An archive's app without arguments of its own gets its path as argv[0], as Linux's
       init does. */
    uaddr_t clash, sp = build_stack(bi->module_cmdline[0] || !init[0] ? bi->module_cmdline : init,
                                    &img, &clash);
    if (!sp && clash)
        app_refuse("a segment covers %p, where the app's stack goes (%p-%p)", (void *)clash,
                   (void *)mm.stack_floor, (void *)mm.stack_top);
    if (!sp)
        app_refuse("not enough memory for the app's stack (%u KiB free)", pmm_free_count() * 4);
    klog("app: %u KiB, entry %p; %u KiB of memory free", size / 1024, (void *)img.entry,
         pmm_free_count() * 4);
    debug_smap_trigger(img.entry);
    time_start();
    cputime_start();
    user_enter(img.entry, sp);
}
