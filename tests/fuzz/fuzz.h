/* What the fuzzer's files share: its memory layout, its PRNG and the system call stub. */
#pragma once

#include <stdint.h>

/* Every register around one system call. call.S reads `before` and fills `after`. */
struct fuzz_regs {
    uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp, eflags;
    uint32_t cs, ds, es, fs, gs, ss;
};
extern struct fuzz_regs fuzz_before, fuzz_after;

/* Issue the call in fuzz_before through `entry` (0: int $0x80; else AT_SYSINFO, sysenter),
   with DF set first when set_df is nonzero. Records everything in fuzz_after. */
void fuzz_call(uint32_t entry, uint32_t set_df);

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
    uint32_t target[FZ_NTARGETS], target_len[FZ_NTARGETS]; /* the kernel may write these */
    uint32_t structs; /* argument structs the fuzzer builds; never written by the kernel */
    uint32_t edge_e;  /* a target page followed by an unmapped hole */
    uint32_t edge_f;  /* a target page followed by a PROT_NONE page */
    uint32_t ro;      /* a read-only canary page */
    uint32_t text_lo, text_hi;
    uint32_t gap;      /* the unmapped page after the image (the heap starts later) */
    uint32_t vsyscall; /* the AT_SYSINFO page, or 0 */
    uint32_t scratch;  /* FZ_SCRATCH_PAGES the memory calls may change at will */
    uint32_t image_lo, image_hi, stack_lo; /* the app's own memory: never handed out */
    uint32_t brk0;                         /* the break at start-up; restored after every brk */
};
extern struct fuzz_layout fz;

uint32_t fuzz_rand(void);

/* shape.c: pick the next call and its arguments under the rules in fuzz.c's first comment.
   Returns the number; fills a[6]. */
uint32_t fuzz_pick(uint32_t a[6]);

/* shape.c: undo what the call left behind (mappings outside the scratch region, a moved
   break). Returns 0, or a message naming a broken promise (an overlapping mapping). */
const char *fuzz_cleanup(uint32_t nr, const uint32_t a[6], int32_t r);
