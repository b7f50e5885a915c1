/* A bitmap of 4 KiB frames, built from the loader's memory map. Allocation is next-fit. */
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "kernel/vm.h"

#define FRAMES (PMM_MAX_PHYS / PAGE_SIZE)

static uint32_t used[FRAMES / 32]; /* a set bit is a frame that is in use or not RAM */
static uint32_t next, nfree;
static int initialised;

static int is_used(uint32_t f)
{
    return (used[f / 32] >> (f % 32)) & 1;
}

static void set_used(uint32_t f, int u)
{
    if (u)
        used[f / 32] |= 1u << (f % 32);
    else
        used[f / 32] &= ~(1u << (f % 32));
}

/* Frame range [first, last) covered entirely (free) or partly (reserve) by a region. */
static void frames_in(uint64_t base, uint64_t len, int whole, uint32_t *first, uint32_t *last)
{
    uint64_t end = base + len;
    if (end > PMM_MAX_PHYS)
        end = PMM_MAX_PHYS;
    if (base > end)
        base = end;
    *first = (uint32_t)((whole ? base + PAGE_SIZE - 1 : base) / PAGE_SIZE);
    *last = (uint32_t)((whole ? end : end + PAGE_SIZE - 1) / PAGE_SIZE);
}

void pmm_add_free(uint64_t base, uint64_t len)
{
    if (!initialised) {
        memset(used, 0xFF, sizeof(used));
        initialised = 1;
    }
    uint32_t f, last;
    frames_in(base, len, 1, &f, &last);
    if (f == 0)
        f = 1; /* frame 0 is never handed out: its address would read as "no frame" */
    while (f < last) {
        if (f % 32 == 0 && last - f >= 32) { /* a whole word at once: boot frees ~32K frames */
            nfree += (uint32_t)__builtin_popcount(used[f / 32]);
            used[f / 32] = 0;
            f += 32;
            continue;
        }
        if (is_used(f))
            set_used(f, 0), nfree++;
        f++;
    }
}

void pmm_reserve(uint64_t base, uint64_t len)
{
    uint32_t f, last;
    for (frames_in(base, len, 0, &f, &last); f < last; f++)
        if (!is_used(f))
            set_used(f, 1), nfree--;
}

uint32_t pmm_alloc(void)
{
    for (uint32_t i = 0; nfree && i < FRAMES; i++) {
        uint32_t f = (next + i) % FRAMES;
        if (!is_used(f)) {
            set_used(f, 1);
            nfree--;
            next = f + 1;
            return f * PAGE_SIZE;
        }
    }
    return 0;
}

uint32_t pmm_alloc_zeroed(void)
{
    uint32_t p = pmm_alloc();
    if (p)
        memset(phys_to_virt(p), 0, PAGE_SIZE);
    return p;
}

void pmm_free(uint32_t phys)
{
    uint32_t f = phys / PAGE_SIZE;
    if (f && f < FRAMES && is_used(f)) {
        set_used(f, 0);
        nfree++;
    }
}

uint32_t pmm_free_count(void)
{
    return nfree;
}
