/* Physical frames, anywhere PAE reaches. Free RAM is a few runs of frames; each run hands out
   frames from its bottom up (a high-water mark) and, below the mark, the frames freed again,
   found through a bitmap. So boot costs the same with 64 MiB or 64 GiB: nothing is walked or
   cleared per frame until it is used. Frames the loader zeroed (pmm_add_zeroed) go first, and
   are not cleared again. */
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "kernel/vm.h"

#define MAX_RUNS 64
#define WORDS (PMM_MAX_FRAMES / 32)

struct run {
    uint64_t base;   /* the first frame's physical address */
    uint32_t frames; /* how many frames the run has */
    uint32_t top;    /* frames [0, top) have been handed out at least once */
    uint32_t bit0;   /* the run's first bit in freed[] (a multiple of 32) */
    uint32_t nfreed; /* set bits below top */
    uint32_t hint;   /* no set bit in the run's words before this one */
    uint32_t zeroed; /* frames [top, zeroed) hold zeros still */
};

static struct run runs[MAX_RUNS]; /* sorted by base */
static int nruns;
static uint32_t freed[WORDS]; /* a set bit: a frame below its run's top that is free again */
static uint32_t bits_used, nfree;
static bool zeroed_left; /* some run may have zeroed frames at its mark still */

static bool is_low(const struct run *r)
{
    return r->base < PMM_LOW_LIMIT;
}

/* One run, which must lie on one side of PMM_LOW_LIMIT; trimmed to the bits left. */
static void add_run(uint64_t base, uint64_t end, bool zeroed)
{
    uint64_t frames = (end - base) / PAGE_SIZE;
    if (frames > WORDS * 32u - bits_used)
        frames = WORDS * 32u - bits_used;
    if (!frames || nruns == MAX_RUNS)
        return;
    int i = nruns++;
    for (; i > 0 && runs[i - 1].base > base; i--)
        runs[i] = runs[i - 1];
    runs[i] =
        (struct run){base, (uint32_t)frames, 0, bits_used, 0, 0, zeroed ? (uint32_t)frames : 0};
    zeroed_left |= zeroed;
    bits_used += ((uint32_t)frames + 31) & ~31u;
    nfree += (uint32_t)frames;
}

static void add_free(uint64_t base, uint64_t len, bool zeroed)
{
    uint64_t end = (base + len) & ~(uint64_t)(PAGE_SIZE - 1);
    base = (base + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
    if (base < PAGE_SIZE)
        base = PAGE_SIZE; /* frame 0 is never handed out: its address would read as "none" */
    if (end <= base)
        return;
    if (base < PMM_LOW_LIMIT && end > PMM_LOW_LIMIT) {
        add_run(base, PMM_LOW_LIMIT, zeroed);
        base = PMM_LOW_LIMIT;
    }
    add_run(base, end, zeroed);
}

void pmm_add_free(paddr_t base, uint64_t len)
{
    add_free(base, len, false);
}

void pmm_add_zeroed(paddr_t base, uint64_t len)
{
    add_free(base, len, true);
}

static struct run *run_of(uint64_t phys)
{
    for (int i = 0; i < nruns; i++)
        if (phys >= runs[i].base && phys < runs[i].base + (uint64_t)runs[i].frames * PAGE_SIZE)
            return &runs[i];
    return 0;
}

static uint64_t take(struct run *r)
{
    uint32_t f;
    if (r->nfreed) {
        uint32_t w = r->bit0 / 32 + r->hint;
        while (!freed[w])
            w++, r->hint++;
        f = w * 32 + (uint32_t)__builtin_ctz(freed[w]) - r->bit0;
        freed[w] &= freed[w] - 1;
        r->nfreed--;
    } else if (r->top < r->frames) {
        f = r->top++;
    } else {
        return 0;
    }
    nfree--;
    return r->base + (uint64_t)f * PAGE_SIZE;
}

/* The frame at a run's mark if the loader zeroed it, or 0. */
static uint64_t take_zeroed(bool low_only)
{
    bool left = false;
    for (int i = 0; zeroed_left && i < nruns; i++) {
        struct run *r = &runs[i];
        if (r->top < r->zeroed && (!low_only || is_low(r))) {
            nfree--;
            return r->base + (uint64_t)r->top++ * PAGE_SIZE;
        }
        left |= r->top < r->zeroed;
    }
    zeroed_left = left; /* zeroed frames are never added back */
    return 0;
}

/* Kernel frames come from the low runs only; user frames from the high ones first, which
   keeps the low ones for the page tables. */
static uint64_t alloc(bool low_only)
{
    for (int i = nruns - 1; i >= 0; i--) {
        uint64_t pa = low_only && !is_low(&runs[i]) ? 0 : take(&runs[i]);
        if (pa)
            return pa;
    }
    return 0;
}

/* A zeroed frame, a kernel one (low, cleared through the direct map) or a user one. */
static uint64_t alloc_zeroed(bool kernel)
{
    uint64_t pa = take_zeroed(kernel);
    if (!pa && (pa = alloc(kernel)))
        memset(kernel ? phys_to_virt(pa) : vm_frame(KMAP_ZERO, pa), 0, PAGE_SIZE);
    return pa;
}

uintptr_t pmm_alloc_kernel(void)
{
    return (uintptr_t)alloc_zeroed(true);
}

paddr_t pmm_alloc_user(void)
{
    return alloc_zeroed(false);
}

uintptr_t pmm_alloc_low_range(uint32_t frames)
{
    struct run *best = 0;
    for (int i = 0; i < nruns; i++)
        if (is_low(&runs[i]) && !runs[i].nfreed && runs[i].frames - runs[i].top >= frames &&
            (!best || runs[i].frames - runs[i].top > best->frames - best->top))
            best = &runs[i];
    if (!best)
        return 0;
    uint32_t pa = (uint32_t)(best->base + (uint64_t)best->top * PAGE_SIZE);
    best->top += frames;
    nfree -= frames;
    return pa;
}

void pmm_free(paddr_t phys)
{
    struct run *r = run_of(phys);
    if (!r)
        return;
    uint32_t f = (uint32_t)((phys - r->base) / PAGE_SIZE), b = r->bit0 + f;
    if (f >= r->top || (freed[b / 32] >> (b % 32)) & 1)
        return; /* never handed out, or already free */
    nfree++;
    if (f == r->top - 1) {    /* the last one handed out: lower the mark instead */
        r->zeroed = --r->top; /* that frame is not zero: none above the mark counts */
        return;
    }
    freed[b / 32] |= 1u << (b % 32);
    r->nfreed++;
    if ((b - r->bit0) / 32 < r->hint)
        r->hint = (b - r->bit0) / 32;
}

void pmm_give_back(paddr_t base, uint64_t len)
{
    if (!run_of(base)) {
        pmm_add_free(base, len);
        return;
    }
    for (uint64_t p = base; p < base + len; p += PAGE_SIZE)
        pmm_free(p);
}

uint32_t pmm_free_count(void)
{
    return nfree;
}
