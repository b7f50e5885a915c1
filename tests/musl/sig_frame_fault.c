/* Proves that a signal frame which cannot be written whole leaves the app's FPU state as it
 * was, as on Linux: the SIGILL of a ud2 cannot be delivered, and the SIGSEGV that replaces it
 * (on the normal stack) shows st(0) and xmm0 exactly as they were at the ud2. The alternate
 * stack is a writable page above a PROT_NONE one, its top placed so that the failing store
 * is, by mode:
 *   frame    the frame's own: the FPU image fits in the writable page, the rest does not;
 *   header   (i386) fnsave's, the FSAVE header reaching down into the PROT_NONE page;
 *   magic2   (XSAVE) FP_XSTATE_MAGIC2's, right after the XSAVE area, on a PROT_NONE page
 *            above the writable one.
 * moat once lost that state: fnsave resets the x87 unit, and the frame's block moves go
 * through xmm0. */
#include "sig.h"
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#ifdef __x86_64__
#define IMAGE_OFFSET 0 /* fpregs points at the FXSAVE image */
#else
#define IMAGE_OFFSET 112 /* after the FSAVE header */
#endif

static const unsigned char xmm_magic[16] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
                                            0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xf0, 0x0f};
/* 1.5 as the x87 holds it: significand 0xC000000000000000, exponent 0x3FFF. */
static const unsigned char st_magic[10] = {0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0x3f};

/* The bytes of the frame's FPU image: FXSAVE's layout, which XSAVE keeps for x87 and SSE. */
static void on_segv(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    const unsigned char *image = (const unsigned char *)uc->uc_mcontext.fpregs + IMAGE_OFFSET;
    hprintf("%s code %d addr %p\n", signame(sig), si->si_code, si->si_addr);
    hprintf("x87 top %u, abridged tags 0x%02x, st(0) %s\n", (image[3] >> 3) & 7, image[4],
            memcmp(image + 32, st_magic, 10) ? "lost" : "1.5");
    hprintf("xmm0 %s\n", memcmp(image + 160, xmm_magic, 16) ? "lost" : "kept");
    _exit(0);
}

static void on_ill(int sig, siginfo_t *si, void *uc)
{
    (void)si, (void)uc;
    hprintf("%s delivered: the frame should not have fit\n", signame(sig));
    _exit(1);
}

/* The XSAVE area's size for the features the kernel enabled (CPUID 0xD), or 0 without XSAVE. */
static unsigned xsave_size(void)
{
    unsigned a, b, c, d;
    __asm__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    if (!(c & (1u << 27))) /* OSXSAVE */
        return 0;
    __asm__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0xd), "c"(0));
    return b;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "frame";
    /* Three pages: PROT_NONE, writable, PROT_NONE. */
    char *pages = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED || mprotect(pages, 4096, PROT_NONE) ||
        mprotect(pages + 2 * 4096, 4096, PROT_NONE))
        return 2;
    unsigned xsave = xsave_size(), image = xsave ? xsave + 4 : 512; /* + MAGIC2 */
    size_t top; /* the alternate stack's top, above pages (64-byte aligned images) */
    if (!strcmp(mode, "frame")) /* the image (and the FSAVE header) fit; the frame does not */
        top = 4096 + IMAGE_OFFSET + 64 + image;
    else if (!strcmp(mode, "header")) /* the image 64 bytes up the page, the header below */
        top = 4096 + 64 + image;
    else if (!strcmp(mode, "magic2") && xsave % 64 == 0 &&
             xsave) /* the area ends at the page's end */
        top = 2 * 4096 + 4;
    else
        return 6;
    stack_t ss = {.ss_sp = pages, .ss_size = top};
    struct sigaction sa = {.sa_sigaction = on_ill, .sa_flags = SA_SIGINFO | SA_ONSTACK};
    if (sigaltstack(&ss, NULL) || sigaction(SIGILL, &sa, NULL))
        return 3;
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    if (sigaction(SIGSEGV, &sa, NULL))
        return 4;
    static const double one_and_a_half = 1.5;
    /* No clobbers: it never returns (the SIGSEGV handler ends the app). */
    __asm__ volatile("fldl %0\n\tmovups %1, %%xmm0\n\tud2" : : "m"(one_and_a_half), "m"(xmm_magic));
    __builtin_unreachable();
}
