/*
 * test_abi_x86_64.c: proves src/abi/x86_64's layouts are Linux x86_64's, against the host's
 * own: every structure the ABI converts (stat, statfs, statx, siginfo_t, ucontext_t and its
 * mcontext, stack_t, rusage, sysinfo, the ELF64 headers, ...) at compile time against glibc's
 * (and, in abi_x86_64_uapi.c, against Linux's uapi headers); and at run time the frame the
 * host's Linux builds for a handler: where it puts it (below the red zone, the FPU image
 * 64-byte aligned, (rsp + 8) % 16 == 0, or at the alternate stack's top), siginfo and
 * ucontext's distances, uc_flags, the selectors and the FPU image's software bytes, each as
 * sigframe.c computes them. A failure prints the expected and the actual value.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <elf.h>
#include <linux/futex.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <ucontext.h>

#undef PF_R /* elf.h's, the same values as elf_format.h's */
#undef PF_W
#undef PF_X
#include "abi/x86_64/elf_format.h"
#include "abi/x86_64/sigframe.h"
#include "abi/x86_64/uapi.h"

int abi_x86_64_uapi_checked(void);

#define SAME(a, fa, b, fb)                                                                         \
    _Static_assert(offsetof(a, fa) == offsetof(b, fb) &&                                           \
                       sizeof(((a *)0)->fa) == sizeof(((b *)0)->fb),                               \
                   #a "." #fa)
#define SIZE(a, b) _Static_assert(sizeof(a) == sizeof(b), #a)

SIZE(struct stat, struct stat_64);
SAME(struct stat, st_dev, struct stat_64, dev);
SAME(struct stat, st_ino, struct stat_64, ino);
SAME(struct stat, st_nlink, struct stat_64, nlink);
SAME(struct stat, st_mode, struct stat_64, mode);
SAME(struct stat, st_uid, struct stat_64, uid);
SAME(struct stat, st_gid, struct stat_64, gid);
SAME(struct stat, st_rdev, struct stat_64, rdev);
SAME(struct stat, st_size, struct stat_64, size);
SAME(struct stat, st_blksize, struct stat_64, blksize);
SAME(struct stat, st_blocks, struct stat_64, blocks);
SAME(struct stat, st_atim.tv_sec, struct stat_64, atime);
SAME(struct stat, st_atim.tv_nsec, struct stat_64, atime_nsec);
SAME(struct stat, st_mtim.tv_sec, struct stat_64, mtime);
SAME(struct stat, st_ctim.tv_nsec, struct stat_64, ctime_nsec);
SIZE(struct statfs, struct statfs_64);
SAME(struct statfs, f_type, struct statfs_64, type);
SAME(struct statfs, f_blocks, struct statfs_64, blocks);
SAME(struct statfs, f_ffree, struct statfs_64, ffree);
SAME(struct statfs, f_fsid, struct statfs_64, fsid);
SAME(struct statfs, f_namelen, struct statfs_64, namelen);
SAME(struct statfs, f_frsize, struct statfs_64, frsize);
SAME(struct statfs, f_flags, struct statfs_64, flags);
SAME(struct statfs, f_spare, struct statfs_64, spare);
SIZE(struct statx, struct statx_64);
SAME(struct statx, stx_mode, struct statx_64, mode);
SAME(struct statx, stx_ino, struct statx_64, ino);
SAME(struct statx, stx_atime, struct statx_64, atime);
SAME(struct statx, stx_mtime, struct statx_64, mtime);
SAME(struct statx, stx_rdev_major, struct statx_64, rdev_major);
SAME(struct statx, stx_dev_minor, struct statx_64, dev_minor);
SIZE(struct timespec, struct timespec_64);
SIZE(struct timeval, struct timeval_64);
SIZE(struct timezone, struct timezone_64);
SAME(struct itimerval, it_value, struct itimerval_64, value);
SIZE(struct iovec, struct iovec_64);
SAME(struct iovec, iov_len, struct iovec_64, len);
SAME(struct pollfd, revents, struct pollfd_64, revents);
SIZE(struct winsize, struct winsize_64);
SAME(struct tms, tms_cstime, struct tms_64, cstime);
SIZE(struct rusage, struct rusage_64);
SAME(struct rusage, ru_maxrss, struct rusage_64, maxrss);
SAME(struct rusage, ru_nivcsw, struct rusage_64, nivcsw);
SIZE(struct sysinfo, struct sysinfo_64);
SAME(struct sysinfo, procs, struct sysinfo_64, procs);
SAME(struct sysinfo, totalhigh, struct sysinfo_64, totalhigh);
SAME(struct sysinfo, mem_unit, struct sysinfo_64, mem_unit);
SIZE(struct utsname, struct new_utsname_64);
SAME(struct utsname, machine, struct new_utsname_64, machine);
SIZE(struct rlimit, struct rlimit_64);
SAME(struct robust_list_head, list_op_pending, struct robust_list_head_64, list_op_pending);
SIZE(struct robust_list_head, struct robust_list_head_64);
SIZE(stack_t, struct sigaltstack_64);
SAME(stack_t, ss_flags, struct sigaltstack_64, flags);
SAME(stack_t, ss_size, struct sigaltstack_64, size);
SIZE(siginfo_t, struct siginfo_64);
SAME(siginfo_t, si_pid, struct siginfo_64, kill.pid);
SAME(siginfo_t, si_uid, struct siginfo_64, kill.uid);
SAME(siginfo_t, si_value, struct siginfo_64, kill.value);
SAME(siginfo_t, si_addr, struct siginfo_64, fault.addr);
SAME(ucontext_t, uc_flags, struct ucontext_64, uc_flags);
SAME(ucontext_t, uc_link, struct ucontext_64, uc_link);
SAME(ucontext_t, uc_stack, struct ucontext_64, uc_stack);
SAME(ucontext_t, uc_mcontext, struct ucontext_64, uc_mcontext);
_Static_assert(offsetof(ucontext_t, uc_sigmask) == offsetof(struct ucontext_64, uc_sigmask),
               "uc_sigmask");
#define GREG(r, f)                                                                                 \
    _Static_assert(offsetof(mcontext_t, gregs[r]) == offsetof(struct sigcontext_64, f), #f)
GREG(REG_R8, r8);
GREG(REG_R15, r15);
GREG(REG_RDI, rdi);
GREG(REG_RBX, rbx);
GREG(REG_RAX, rax);
GREG(REG_RSP, rsp);
GREG(REG_RIP, rip);
GREG(REG_EFL, rflags);
GREG(REG_CSGSFS, cs);
GREG(REG_ERR, err);
GREG(REG_TRAPNO, trapno);
GREG(REG_OLDMASK, oldmask);
GREG(REG_CR2, cr2);
_Static_assert(offsetof(mcontext_t, fpregs) == offsetof(struct sigcontext_64, fpstate), "fpstate");
SAME(struct dirent64, d_reclen, struct linux_dirent64_64, reclen);
_Static_assert(offsetof(struct dirent64, d_name) == offsetof(struct linux_dirent64_64, name),
               "d_name");
SIZE(Elf64_Ehdr, struct elf_ehdr);
SAME(Elf64_Ehdr, e_entry, struct elf_ehdr, entry);
SAME(Elf64_Ehdr, e_phoff, struct elf_ehdr, phoff);
SAME(Elf64_Ehdr, e_flags, struct elf_ehdr, flags);
SAME(Elf64_Ehdr, e_phnum, struct elf_ehdr, phnum);
SIZE(Elf64_Phdr, struct elf_phdr);
SAME(Elf64_Phdr, p_flags, struct elf_phdr, flags);
SAME(Elf64_Phdr, p_offset, struct elf_phdr, offset);
SAME(Elf64_Phdr, p_vaddr, struct elf_phdr, vaddr);
SAME(Elf64_Phdr, p_memsz, struct elf_phdr, memsz);
_Static_assert(ELF_CLASS == ELFCLASS64 && EM_X86_64 == 62, "ELF64, EM_X86_64");

#define SS_AUTODISARM (1u << 31)
#define RED_ZONE 128u

static int failures;

static void expect(const char *what, uint64_t want, uint64_t got)
{
    if (want != got) {
        printf("FAIL %s: expected %#llx, got %#llx\n", what, (unsigned long long)want,
               (unsigned long long)got);
        failures++;
    }
}

/* What the handler saw. */
static struct {
    uintptr_t uc, info, rsp, fpstate;
    uint64_t uc_flags, csgsfs, size;
    uint32_t magic1, extended_size, magic2;
} seen;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    (void)sig;
    seen.uc = (uintptr_t)uc, seen.info = (uintptr_t)si;
    seen.rsp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
    seen.fpstate = (uintptr_t)uc->uc_mcontext.fpregs;
    seen.uc_flags = uc->uc_flags;
    seen.csgsfs = (uint64_t)uc->uc_mcontext.gregs[REG_CSGSFS];
    const uint32_t *sw = (const uint32_t *)(seen.fpstate + 464);
    seen.magic1 = sw[0], seen.extended_size = sw[1], seen.size = sw[4];
    seen.magic2 = *(const uint32_t *)(seen.fpstate + sw[4]);
}

/* The frame sigframe.c would build, from the top it starts at, against the host's. */
static void check_frame(const char *where, uintptr_t top)
{
    uintptr_t image = seen.size + 4; /* XSAVE: MAGIC2 after the area */
    uintptr_t fpstate = (top - image) & ~(uintptr_t)63;
    uintptr_t frame = ((fpstate - sizeof(struct rt_sigframe_64)) & ~(uintptr_t)15) - 8;
    printf("%s: frame %#lx, fpstate %#lx\n", where, (unsigned long)(seen.uc - 8),
           (unsigned long)seen.fpstate);
    expect("fpstate", fpstate, seen.fpstate);
    expect("frame", frame, seen.uc - offsetof(struct rt_sigframe_64, uc));
    expect("(frame + 8) % 16", 0, (seen.uc - 8 + 8) % 16);
    expect("info",
           seen.uc - offsetof(struct rt_sigframe_64, uc) + offsetof(struct rt_sigframe_64, info),
           seen.info);
    expect("uc_flags", UC_FP_XSTATE | UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS, seen.uc_flags);
    expect("cs, gs, fs, ss", 0x33 | (uint64_t)0x2b << 48, seen.csgsfs);
    expect("magic1", 0x46505853u, seen.magic1);
    expect("extended_size", seen.size + 4, seen.extended_size);
    expect("magic2", 0x46505845u, seen.magic2);
}

int main(void)
{
    struct sigaction sa = {.sa_sigaction = handler, .sa_flags = SA_SIGINFO};
    if (!abi_x86_64_uapi_checked() || sigaction(SIGUSR1, &sa, 0))
        return 2;
    raise(SIGUSR1);
    if (!seen.magic1) {
        printf("SKIP the frame checks: this CPU has no XSAVE\n");
        return failures != 0;
    }
    check_frame("the app's stack, below the red zone", seen.rsp - RED_ZONE);

    static char alt[65536] __attribute__((aligned(64)));
    stack_t ss = {.ss_sp = alt + 8, .ss_size = sizeof(alt) - 40, .ss_flags = SS_AUTODISARM};
    sa.sa_flags |= SA_ONSTACK;
    if (sigaltstack(&ss, 0) || sigaction(SIGUSR1, &sa, 0))
        return 2;
    raise(SIGUSR1);
    check_frame("the alternate stack's top", (uintptr_t)ss.ss_sp + ss.ss_size);
    printf("%s\n", failures ? "FAILED" : "ok");
    return failures != 0;
}
