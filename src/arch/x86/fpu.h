/* The app's FPU/SSE state. The kernel never uses the FPU, so the registers always hold the
   app's state; these save it for a signal frame and load it back. */
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

/* The 108-byte FSAVE image, for CPUs without FXSR. */
struct fsave_area {
    uint32_t cw, sw, tag, ipoff, cssel, dataoff, datasel;
    uint8_t st[8][10];
};
_Static_assert(sizeof(struct fsave_area) == 108, "fsave layout");

void fpu_init(void);
void fpu_save(struct fxsave_area *fx);
void fpu_save_fsave(struct fsave_area *fs);
/* Load an image from the app: reserved MXCSR bits are cleared first, so it cannot fault. */
void fpu_restore(struct fxsave_area *fx);
void fpu_restore_fsave(const struct fsave_area *fs);
/* The state a fresh handler starts with: FCW 0x37f, MXCSR 0x1f80, every register zero. */
void fpu_reset(void);
/* The si_code for a pending x87 (#MF) or SIMD (#XM) exception, as Linux's
   fpu__exception_code(); 0 when none is pending. */
int fpu_exception_code(bool simd);
