/* Proves the x86_64 vDSO is Linux's: AT_SYSINFO_EHDR points at an ELF shared object that
 * exports clock_gettime, gettimeofday, time and getcpu under version LINUX_2.6 (as musl and
 * glibc look them up), has section headers that name them too (dietlibc looks them up so, and
 * calls what it finds), and each agrees with its system call, gettimeofday's timezone too. The
 * clock page (kernel/time.h) sits below the image, read-only. `vdso.elf tz` first sets the
 * timezone (settimeofday), which the vDSO must then give: moat only, as it would set the
 * host's. */
#define _GNU_SOURCE
#include <elf.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static const Elf64_Ehdr *eh;
static const Elf64_Sym *syms;
static const char *strs;
static const Elf64_Half *versym;
static const Elf64_Verdef *verdef;
static size_t nsyms;
static uintptr_t base; /* the image's load bias */

/* The vDSO's dynamic tables, through its PT_DYNAMIC, as musl and glibc find them. */
static int vdso_open(void)
{
    eh = (const Elf64_Ehdr *)getauxval(AT_SYSINFO_EHDR);
    if (!eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_type != ET_DYN)
        return -1;
    const Elf64_Phdr *ph = (const void *)((const char *)eh + eh->e_phoff);
    const Elf64_Dyn *dyn = 0;
    base = 0;
    for (int i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type == PT_LOAD && !base)
            base = (uintptr_t)eh + ph[i].p_offset - ph[i].p_vaddr;
        if (ph[i].p_type == PT_DYNAMIC)
            dyn = (const void *)((const char *)eh + ph[i].p_offset);
    }
    const Elf32_Word *hash = 0;
    for (; dyn && dyn->d_tag != DT_NULL; dyn++) {
        uintptr_t p = base + dyn->d_un.d_ptr;
        if (dyn->d_tag == DT_SYMTAB)
            syms = (const void *)p;
        else if (dyn->d_tag == DT_STRTAB)
            strs = (const void *)p;
        else if (dyn->d_tag == DT_HASH)
            hash = (const void *)p;
        else if (dyn->d_tag == DT_VERSYM)
            versym = (const void *)p;
        else if (dyn->d_tag == DT_VERDEF)
            verdef = (const void *)p;
    }
    if (!syms || !strs || !hash)
        return -1;
    nsyms = hash[1];
    return 0;
}

/* The version name of symbol i, from its versym index and the version definitions. */
static const char *version_of(size_t i)
{
    if (!versym || !verdef)
        return "";
    Elf64_Half want = versym[i] & 0x7fff;
    for (const Elf64_Verdef *d = verdef;; d = (const void *)((const char *)d + d->vd_next)) {
        if (d->vd_ndx == want) {
            const Elf64_Verdaux *a = (const void *)((const char *)d + d->vd_aux);
            return strs + a->vda_name;
        }
        if (!d->vd_next)
            return "";
    }
}

static void *vdso_sym(const char *name)
{
    for (size_t i = 0; i < nsyms; i++)
        if (syms[i].st_shndx != SHN_UNDEF && !strcmp(strs + syms[i].st_name, name) &&
            !strcmp(version_of(i), "LINUX_2.6"))
            return (void *)(base + syms[i].st_value);
    return 0;
}

/* name's address found as dietlibc's libc finds it: through the section headers (the first
   allocated string table, the dynamic symbols, the symbol's own section), not PT_DYNAMIC. */
static void *vdso_sym_by_sections(const char *name)
{
    const Elf64_Shdr *sh = (const void *)((const char *)eh + eh->e_shoff);
    const char *names = 0;
    for (int i = 0; i < eh->e_shnum && !names; i++)
        if (sh[i].sh_type == SHT_STRTAB && sh[i].sh_flags & SHF_ALLOC)
            names = (const char *)eh + sh[i].sh_offset;
    for (int i = 0; i < eh->e_shnum && names; i++) {
        const Elf64_Sym *sym = (const void *)((const char *)eh + sh[i].sh_offset);
        for (size_t j = 0; sh[i].sh_type == SHT_DYNSYM && j < sh[i].sh_size / sizeof(*sym); j++) {
            const Elf64_Shdr *in = sym[j].st_shndx < eh->e_shnum ? &sh[sym[j].st_shndx] : 0;
            if (in && in->sh_flags & SHF_EXECINSTR && !strcmp(names + sym[j].st_name, name) &&
                sym[j].st_value - in->sh_addr < in->sh_size)
                return (void *)(base + sym[j].st_value);
        }
    }
    return 0;
}

static sigjmp_buf back;
static void on_segv(int sig)
{
    siglongjmp(back, 1);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "tz")) {
        struct timezone set = {-60, 1};
        printf("settimeofday(0, {-60, 1}) = %ld\n", syscall(SYS_settimeofday, 0, &set));
    }
    if (vdso_open()) {
        printf("no vDSO\n");
        return 1;
    }
    printf("vDSO: an ELF64 shared object\n");
    int (*cg)(clockid_t, struct timespec *) = vdso_sym("__vdso_clock_gettime");
    int (*gtod)(struct timeval *, void *) = vdso_sym("__vdso_gettimeofday");
    time_t (*tm)(time_t *) = vdso_sym("__vdso_time");
    int (*gc)(unsigned *, unsigned *, void *) = vdso_sym("__vdso_getcpu");
    printf("exports: clock_gettime %s, gettimeofday %s, time %s, getcpu %s\n", cg ? "yes" : "no",
           gtod ? "yes" : "no", tm ? "yes" : "no", gc ? "yes" : "no");
    if (!cg || !gtod || !tm || !gc)
        return 1;
    printf("by section headers: %s\n",
           vdso_sym_by_sections("__vdso_clock_gettime") == (void *)cg &&
                   vdso_sym_by_sections("__vdso_gettimeofday") == (void *)gtod &&
                   vdso_sym_by_sections("__vdso_time") == (void *)tm &&
                   vdso_sym_by_sections("__vdso_getcpu") == (void *)gc
               ? "the same four"
               : "not found");

    static const clockid_t clocks[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW,
                                       CLOCK_BOOTTIME, CLOCK_PROCESS_CPUTIME_ID};
    int agree = 1;
    for (size_t i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
        struct timespec a, v, b;
        syscall(SYS_clock_gettime, clocks[i], &a);
        int r = cg(clocks[i], &v);
        syscall(SYS_clock_gettime, clocks[i], &b);
        long long na = a.tv_sec * 1000000000LL + a.tv_nsec,
                  nv = v.tv_sec * 1000000000LL + v.tv_nsec,
                  nb = b.tv_sec * 1000000000LL + b.tv_nsec;
        if (r || nv < na || nv > nb || v.tv_nsec >= 1000000000) {
            printf("clock %d: %lld not between %lld and %lld\n", (int)clocks[i], nv, na, nb);
            agree = 0;
        }
    }
    struct timeval tv;
    struct timespec rt;
    syscall(SYS_clock_gettime, CLOCK_REALTIME, &rt);
    if (gtod(&tv, 0) || tv.tv_sec < rt.tv_sec || tv.tv_sec > rt.tv_sec + 1)
        agree = 0;
    struct timezone sz = {7, 7}, vz = {9, 9};
    syscall(SYS_gettimeofday, 0, &sz);
    if (gtod(0, &vz) || vz.tz_minuteswest != sz.tz_minuteswest || vz.tz_dsttime != sz.tz_dsttime)
        agree = 0;
    if (argc > 1)
        printf("timezone %d %d\n", vz.tz_minuteswest, vz.tz_dsttime);
    /* Linux's time() reads the coarse clock, which may still be on the second before rt's
       (up to a tick behind): that is agreement too. */
    time_t t = 0, tr = tm(&t);
    if (tr != t || t < rt.tv_sec - 1 || t > rt.tv_sec + 1)
        agree = 0;
    /* The same CPU as the system call's, unless the scheduler moved the program in between
       (a host with more than one): a few tries settle that. */
    int same_cpu = 0;
    for (int i = 0; i < 10 && !same_cpu; i++) {
        unsigned cpu = ~0u, node = ~0u, scpu = ~0u;
        syscall(SYS_getcpu, &scpu, 0, 0);
        if (gc(&cpu, &node, 0) || cpu == ~0u || node == ~0u)
            break;
        same_cpu = cpu == scpu;
    }
    if (!same_cpu)
        agree = 0;
    printf("every call agrees with its system call: %s\n", agree ? "yes" : "no");

    /* musl's own clock_gettime goes through it too: monotonic, never backwards. */
    struct timespec p, q;
    clock_gettime(CLOCK_MONOTONIC, &p);
    for (int i = 0; i < 100000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &q);
        if (q.tv_sec < p.tv_sec || (q.tv_sec == p.tv_sec && q.tv_nsec < p.tv_nsec)) {
            printf("clock_gettime went backwards\n");
            return 1;
        }
        p = q;
    }
    printf("100000 monotonic readings in order\n");

    /* The image is read-execute: a write faults. */
    signal(SIGSEGV, on_segv);
    volatile int wrote = 0;
    if (!sigsetjmp(back, 1)) {
        *(volatile char *)eh = 0;
        wrote = 1;
    }
    printf("write to the vDSO: %s\n", wrote ? "allowed" : "SIGSEGV");
    return agree ? 0 : 1;
}
