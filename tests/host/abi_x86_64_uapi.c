/*
 * abi_x86_64_uapi.c: the half of test_abi_x86_64 that needs Linux's own uapi headers (which
 * clash with glibc's): src/abi/x86_64's struct sigaction, termios, sigcontext, struct stat
 * and the FPU image's software bytes against the kernel's definitions, at compile time.
 */
#include <asm/sigcontext.h>
#include <asm/signal.h>
#include <asm/stat.h>
#include <asm/termbits.h>
#include <linux/types.h>
#include <stddef.h>

#define sigcontext_64 moat_sigcontext_64 /* Linux's uapi has a struct of the same name */
#include "abi/x86_64/sigframe.h"
#include "abi/x86_64/uapi.h"

int abi_x86_64_uapi_checked(void);

#define SAME(a, fa, b, fb)                                                                         \
    _Static_assert(offsetof(a, fa) == offsetof(b, fb) &&                                           \
                       sizeof(((a *)0)->fa) == sizeof(((b *)0)->fb),                               \
                   #a "." #fa)

_Static_assert(sizeof(struct sigaction) == sizeof(struct sigaction_64), "struct sigaction");
SAME(struct sigaction, sa_flags, struct sigaction_64, flags);
SAME(struct sigaction, sa_restorer, struct sigaction_64, restorer);
SAME(struct sigaction, sa_mask, struct sigaction_64, mask);
_Static_assert(sizeof(struct termios) == sizeof(struct termios_64), "struct termios");
SAME(struct termios, c_cc, struct termios_64, cc);
_Static_assert(VMIN == VMIN_64 && NCCS == NCCS_64, "VMIN, NCCS");
_Static_assert(sizeof(struct sigcontext) == sizeof(struct moat_sigcontext_64), "sigcontext");
SAME(struct sigcontext, r8, struct moat_sigcontext_64, r8);
SAME(struct sigcontext, rdi, struct moat_sigcontext_64, rdi);
SAME(struct sigcontext, rsp, struct moat_sigcontext_64, rsp);
SAME(struct sigcontext, rip, struct moat_sigcontext_64, rip);
SAME(struct sigcontext, eflags, struct moat_sigcontext_64, rflags);
SAME(struct sigcontext, cs, struct moat_sigcontext_64, cs);
SAME(struct sigcontext, gs, struct moat_sigcontext_64, gs);
SAME(struct sigcontext, fs, struct moat_sigcontext_64, fs);
SAME(struct sigcontext, ss, struct moat_sigcontext_64, ss);
SAME(struct sigcontext, err, struct moat_sigcontext_64, err);
SAME(struct sigcontext, trapno, struct moat_sigcontext_64, trapno);
SAME(struct sigcontext, oldmask, struct moat_sigcontext_64, oldmask);
SAME(struct sigcontext, cr2, struct moat_sigcontext_64, cr2);
SAME(struct sigcontext, fpstate, struct moat_sigcontext_64, fpstate);
SAME(struct sigcontext, reserved1, struct moat_sigcontext_64, reserved1);
_Static_assert(offsetof(struct _fpstate_64, sw_reserved) == 464 &&
                   sizeof(struct _fpx_sw_bytes) == 48,
               "the FXSAVE image's software bytes");
_Static_assert(sizeof(struct stat) == sizeof(struct stat_64), "the kernel's struct stat");
SAME(struct stat, st_blksize, struct stat_64, blksize);
SAME(struct stat, st_mtime_nsec, struct stat_64, mtime_nsec);
SAME(struct stat, __unused, struct stat_64, unused);

int abi_x86_64_uapi_checked(void)
{
    return 1;
}
