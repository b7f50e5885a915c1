/* What the fuzzer's files share: its memory layout, its PRNG and the system call stub. */
#pragma once

#include <stdint.h>

/* A register, an argument or an address: 32 bits on i386, 64 on x86_64. */
#ifdef __x86_64__
typedef uint64_t fz_word;
typedef int64_t fz_sword;
#else
typedef uint32_t fz_word;
typedef int32_t fz_sword;
#endif

/* Every register around one system call. call.S reads `before` and fills `after`. */
#ifdef __x86_64__
struct fuzz_regs {
    uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp, r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rflags, cs, ds, es, fs, gs, ss;
};

/* Issue the call in fuzz_before with `syscall`, every general register (rsp too when
   hostile_rsp) and rflags as fuzz_before says. Records everything in fuzz_after; rcx and
   r11 hold what `syscall` left in them. */
void fuzz_call(uint64_t hostile_rsp);
/* The instructions after the `syscall` (with the app's rsp, and with a hostile one): what rcx
   holds after it. */
extern char fuzz_call_ret[], fuzz_call_ret_rsp[];
/* SIGTRAP's restorer: rt_sigreturn. */
void fuzz_restorer(void);
#else
struct fuzz_regs {
    uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp, eflags;
    uint32_t cs, ds, es, fs, gs, ss;
};

/* Issue the call in fuzz_before through `entry` (0: int $0x80; else AT_SYSINFO, sysenter),
   with DF set first when set_df is nonzero. Records everything in fuzz_after. */
void fuzz_call(uint32_t entry, uint32_t set_df);
#endif
extern struct fuzz_regs fuzz_before, fuzz_after;

enum {
    FZ_PAGE = 4096,
    FZ_ROOM = 1024, /* bytes left after any pointer into a target: moat's largest
                       write to a caller's buffer is uname's 390 */
    FZ_SCRATCH_PAGES = 32,
    FZ_STRUCTS_LEN = 1024, /* the argument structs at the start of the structs page */
    FZ_NTARGETS = 4,
};

/* Where things are; fuzz.c fills it in at start-up. */
struct fuzz_layout {
    fz_word target[FZ_NTARGETS], target_len[FZ_NTARGETS]; /* the kernel may write these */
    fz_word structs; /* argument structs the fuzzer builds; never written by the kernel */
    fz_word edge_e;  /* a target page followed by an unmapped hole */
    fz_word edge_f;  /* a target page followed by a PROT_NONE page */
    fz_word ro;      /* a read-only canary page */
    fz_word text_lo, text_hi;
    fz_word gap;      /* the unmapped page after the image (the heap starts later) */
    fz_word vsyscall; /* the AT_SYSINFO page (x86_64: the vDSO's first), or 0 */
    fz_word scratch;  /* FZ_SCRATCH_PAGES the memory calls may change at will */
    fz_word image_lo, image_hi, stack_lo; /* the app's own memory: never handed out */
    fz_word brk0;                         /* the break at start-up; restored after every brk */
};
extern struct fuzz_layout fz;

uint32_t fuzz_rand(void);

/* shape.c (x86_64/shape.c): pick the next call and its arguments under the rules in fuzz.c's
   first comment. Returns the number; fills a[6]. */
fz_word fuzz_pick(fz_word a[6]);

/* shape.c: undo what the call left behind (mappings outside the scratch region, a moved
   break). Returns 0, or a message naming a broken promise (an overlapping mapping). */
const char *fuzz_cleanup(fz_word nr, const fz_word a[6], fz_sword r);

/* shape.c: the calls that may move the break or map memory (checked again after the
   clean-up's own calls). */
int fuzz_maps(fz_word nr);
