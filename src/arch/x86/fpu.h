/* The app's FPU/SSE state. The kernel's C never uses the FPU, so the registers always hold
   the app's state; signal frames save it straight to the app's stack (sigframe.c), whose
   block moves then use xmm0 until the handler's reset (user_access.h). */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* The 512-byte FXSAVE image (Intel SDM vol. 1, 10.5.1). */
struct fxsave_area {
    uint16_t fcw, fsw;
    uint8_t ftw, reserved0;
    uint16_t fop;
    uint32_t fip;
    uint16_t fcs, reserved1;
    uint32_t fdp;
    uint16_t fds, reserved2;
    uint32_t mxcsr, mxcsr_mask;
    uint8_t st[8][16];
    uint8_t xmm[8][16];
    uint8_t reserved3[224];
} __attribute__((aligned(16)));
_Static_assert(sizeof(struct fxsave_area) == 512, "fxsave layout");

/* The XSAVE area's header (the 64 bytes after the legacy image). */
struct xsave_header {
    uint64_t xstate_bv, xcomp_bv;
    uint64_t reserved[6];
};
_Static_assert(sizeof(struct xsave_header) == 64, "xsave header layout");
#define XSAVE_HEADER_OFFSET 512u
#define XSAVE_MAX 4096u /* room for every component up to AVX-512 (2696 bytes) */

/* XSAVE as Linux i386 enables it: the components in XCR0 and the standard (uncompacted)
   area's size; on is false without XSAVE, and then the FXSAVE image is all there is. */
struct fpu_xstate {
    bool on;
    union {
        uint64_t mask; /* XCR0 */
        struct {
            uint32_t mask_lo, mask_hi; /* its halves, as XSAVE and XRSTOR take them in edx:eax */
        };
    };
    uint32_t size; /* the XSAVE area for mask: CPUID 0xD's EBX */
};
extern struct fpu_xstate fpu_xstate;
/* What fpu_reset loads (FCW 0x37f, MXCSR 0x1f80, the rest zero): with XSAVE, an image whose
   header marks every component as in its initial state; without, an FXSAVE one. Also for
   sigframe.c, which loads one right after its xsave64 or fxsave64, the mask still in
   edx:eax. */
extern uint8_t fpu_init_xsave[XSAVE_HEADER_OFFSET + sizeof(struct xsave_header)];
extern struct fxsave_area fpu_init_fxsave;

void fpu_init(void);
/* Load an XSAVE image (64-byte aligned, kernel memory) for every enabled component; the
   caller has checked its header and MXCSR. */
void fpu_xrstor(const void *area);
/* The MXCSR bits this CPU accepts (FXRSTOR faults on any other). */
uint32_t fpu_mxcsr_mask(void);
/* Load an image from the app: reserved MXCSR bits are cleared first, so it cannot fault. */
void fpu_restore(struct fxsave_area *fx);
/* The state a fresh handler starts with: FCW 0x37f, MXCSR 0x1f80, every register zero. */
void fpu_reset(void);
/* The si_code for a pending x87 (#MF) or SIMD (#XM) exception, as Linux's
   fpu__exception_code(); 0 when none is pending. */
int fpu_exception_code(bool simd);
