/* Proves the AVX state survives signals as on Linux i386 (and x86_64, which has no FSAVE image):
 * ymm0-7 stay live across a handler that clobbers them, the handler starts with them zero, the
 * frame's fpstate carries the XSAVE area in Linux's layout (UC_FP_XSTATE, FP_XSTATE_MAGIC1 in
 * sw_reserved, the sizes, FP_XSTATE_MAGIC2 after the area, the upper halves at the AVX offset), an
 * edit there reaches the registers at sigreturn, a frame without MAGIC2 restores only the FXSAVE
 * part, and AT_MINSIGSTKSZ covers the frame. `sig_avx.elf corrupt` sets a reserved byte of the
 * frame's XSAVE header, and `xcomp` sets XCOMP_BV: sigreturn is then a SIGSEGV, never a kernel
 * fault. */
#define _GNU_SOURCE
#include <cpuid.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <ucontext.h>
#include <unistd.h>

#define MAGIC1 0x46505853u
#define MAGIC2 0x46505845u
/* Where the FXSAVE image starts in the frame's fpstate (i386 puts the FSAVE one first), and
 * the rt_sigframe's size around the XSAVE area (AT_MINSIGSTKSZ covers both). */
#ifdef __x86_64__
#define FSAVE_HEADER 0
#define FRAME_REST 440 /* the return address, the kernel's 304-byte uc, a siginfo */
#define NR_gettid 186
#else
#define FSAVE_HEADER 112
#define FRAME_REST 268
#define NR_gettid 224
#endif
#define AVX_OFFSET 576 /* the YMM_Hi128 component in the standard XSAVE layout */
#ifndef AT_MINSIGSTKSZ
#define AT_MINSIGSTKSZ 51
#endif

static uint8_t in[8][32] __attribute__((aligned(32)));
static uint8_t out[8][32] __attribute__((aligned(32)));
static uint8_t at_entry[8][32] __attribute__((aligned(32)));
static const char *mode = "";
static int frame_ok, upper_saved;
static uint32_t xstate_size;

/* Load ymm0-7 from in, tkill ourselves with sig, store ymm0-7 to out, all in one asm block
   so that no compiled code runs between. */
static void ymm_across_signal(int sig)
{
    int tid = (int)syscall(NR_gettid);
    __asm__ volatile("vmovdqa 0(%0), %%ymm0\n\tvmovdqa 32(%0), %%ymm1\n\t"
                     "vmovdqa 64(%0), %%ymm2\n\tvmovdqa 96(%0), %%ymm3\n\t"
                     "vmovdqa 128(%0), %%ymm4\n\tvmovdqa 160(%0), %%ymm5\n\t"
                     "vmovdqa 192(%0), %%ymm6\n\tvmovdqa 224(%0), %%ymm7\n\t"
#ifdef __x86_64__
                     "mov %2, %%edi\n\tmov %3, %%esi\n\tmov $200, %%eax\n\tsyscall\n\t" /* tkill */
#else
                     "push %%ebx\n\tmov %2, %%ebx\n\tmov $238, %%eax\n\tint $0x80\n\tpop %%ebx\n\t"
#endif
                     "vmovdqa %%ymm0, 0(%1)\n\tvmovdqa %%ymm1, 32(%1)\n\t"
                     "vmovdqa %%ymm2, 64(%1)\n\tvmovdqa %%ymm3, 96(%1)\n\t"
                     "vmovdqa %%ymm4, 128(%1)\n\tvmovdqa %%ymm5, 160(%1)\n\t"
                     "vmovdqa %%ymm6, 192(%1)\n\tvmovdqa %%ymm7, 224(%1)\n\t"
                     "vzeroupper"
                     :
#ifdef __x86_64__
                     : "r"(in), "r"(out), "r"(tid), "r"(sig)
                     : "rax", "rcx", "rdx", "rsi", "rdi", "r11", "memory");
#else
                     : "r"(in), "r"(out), "r"(tid), "c"(sig)
                     : "eax", "edx", "memory");
#endif
}

static void handler(int sig, siginfo_t *si, void *ucv)
{
    (void)sig, (void)si;
    __asm__ volatile("vmovdqa %%ymm0, 0(%0)\n\tvmovdqa %%ymm1, 32(%0)\n\t"
                     "vmovdqa %%ymm2, 64(%0)\n\tvmovdqa %%ymm3, 96(%0)\n\t"
                     "vmovdqa %%ymm4, 128(%0)\n\tvmovdqa %%ymm5, 160(%0)\n\t"
                     "vmovdqa %%ymm6, 192(%0)\n\tvmovdqa %%ymm7, 224(%0)\n\t"
                     "vpcmpeqd %%ymm0, %%ymm0, %%ymm0\n\tvpcmpeqd %%ymm1, %%ymm1, %%ymm1\n\t"
                     "vpcmpeqd %%ymm2, %%ymm2, %%ymm2\n\tvpcmpeqd %%ymm3, %%ymm3, %%ymm3\n\t"
                     "vpcmpeqd %%ymm4, %%ymm4, %%ymm4\n\tvpcmpeqd %%ymm5, %%ymm5, %%ymm5\n\t"
                     "vpcmpeqd %%ymm6, %%ymm6, %%ymm6\n\tvpcmpeqd %%ymm7, %%ymm7, %%ymm7"
                     :
                     : "r"(at_entry)
                     : "memory");
    ucontext_t *uc = ucv;
    uint8_t *fp = (uint8_t *)uc->uc_mcontext.fpregs, *image = fp + FSAVE_HEADER;
    uint32_t sw[5];
    memcpy(sw, image + 464, sizeof sw); /* magic1, extended_size, xfeatures (2), xstate_size */
    xstate_size = sw[4];
    uint32_t magic2;
    memcpy(&magic2, image + xstate_size, 4);
    uint64_t bv;
    memcpy(&bv, image + 512, 8);
    frame_ok = (uc->uc_flags & 1) && sw[0] == MAGIC1 && (sw[2] & 7) == 7 &&
               sw[1] == xstate_size + 4 + FSAVE_HEADER && magic2 == MAGIC2 && (bv & 3) == 3;
    upper_saved = memcmp(image + AVX_OFFSET, &in[0][16], 16) == 0 && (bv & 4);
    if (!strcmp(mode, "edit")) /* ymm1's upper half becomes 0x5a... */
        memset(image + AVX_OFFSET + 16, 0x5a, 16);
    if (!strcmp(mode, "nomagic2"))
        memset(image + xstate_size, 0, 4);
    if (!strcmp(mode, "corrupt")) /* a reserved byte of the header: XRSTOR faults on any CPU */
        image[512 + 16] = 1;
    if (!strcmp(mode, "xcomp")) {
        uint64_t xcomp = 1ull << 63 | 7;
        memcpy(image + 520, &xcomp, 8);
    }
}

static int upper_is(int r, int byte)
{
    for (int i = 16; i < 32; i++)
        if (out[r][i] != byte)
            return 0;
    return 1;
}

static const char *yes(int b)
{
    return b ? "yes" : "NO";
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    unsigned a, b, c, d;
    __cpuid(1, a, b, c, d);
    printf("AVX usable (AVX and OSXSAVE): %s\n", yes((c & (1u << 28)) && (c & (1u << 27))));
    for (int r = 0; r < 8; r++)
        for (int i = 0; i < 32; i++)
            in[r][i] = (uint8_t)(r * 32 + i + 1);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);

    if (argc > 1) {
        mode = argv[1];
        ymm_across_signal(SIGUSR1);
        printf("%s: returned\n", mode);
        return 0;
    }
    ymm_across_signal(SIGUSR1);
    int entry_zero = 1;
    for (int r = 0; r < 8; r++)
        for (int i = 0; i < 32; i++)
            entry_zero &= at_entry[r][i] == 0;
    printf("the handler starts with ymm0-7 zero: %s\n", yes(entry_zero));
    printf("ymm0-7 intact after the handler clobbered them: %s\n",
           yes(memcmp(in, out, sizeof in) == 0));
    printf("frame: UC_FP_XSTATE, MAGIC1, sizes, xfeatures, MAGIC2: %s\n", yes(frame_ok));
    printf("frame: ymm0's upper half at the AVX offset: %s\n", yes(upper_saved));
    unsigned long min = getauxval(AT_MINSIGSTKSZ);
    printf("AT_MINSIGSTKSZ covers the XSAVE frame: %s\n",
           yes(min >= xstate_size + 4 + FSAVE_HEADER + FRAME_REST));

    mode = "edit";
    ymm_across_signal(SIGUSR1);
    printf("an edit of ymm1's saved upper half reaches ymm1: %s\n", yes(upper_is(1, 0x5a)));
    printf("the others intact: %s\n",
           yes(memcmp(in[2], out[2], 6 * 32) == 0 && memcmp(in[0], out[0], 32) == 0));

    mode = "nomagic2";
    ymm_across_signal(SIGUSR1);
    int lower = 1, upper_zero = 1;
    for (int r = 0; r < 8; r++) {
        lower &= memcmp(in[r], out[r], 16) == 0;
        upper_zero &= upper_is(r, 0);
    }
    printf("without MAGIC2: xmm0-7 restored %s, upper halves initial (zero) %s\n", yes(lower),
           yes(upper_zero));
    return 0;
}
