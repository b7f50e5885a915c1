/* Proves set_thread_area (243) installs a TLS descriptor in the GDT: entry -1 picks a free
 * slot and writes its number back, a %gs loaded with that selector reads and writes the
 * block at the base, survives sleeping through timer interrupts, and can be re-pointed, which
 * %gs sees at once (the kernel reloads it); get_thread_area (244) reads a slot back; clearing
 * the slot %gs holds leaves %gs null; bad pointers give -EFAULT and bad entry numbers
 * -EINVAL. */
#include "raw.h"

struct user_desc {
    uint32_t entry_number;
    uint32_t base_addr;
    uint32_t limit;
    uint32_t flags; /* seg_32bit:1 contents:2 read_exec_only:1 limit_in_pages:1 ... */
};

enum { DESC_FLAGS = 0x51 }; /* seg_32bit, limit_in_pages, useable */

static uint32_t block_a[4] = {0xa0a0a0a0, 0xa1a1a1a1, 0, 0};
static uint32_t block_b[4] = {0xb0b0b0b0, 0xb1b1b1b1, 0, 0};

static uint32_t gs_read(uint32_t off)
{
    uint32_t v;
    __asm__ volatile("mov %%gs:(%1), %0" : "=r"(v) : "r"(off));
    return v;
}

static void gs_load(uint32_t sel)
{
    __asm__ volatile("mov %0, %%gs" : : "r"(sel));
}

static int32_t set_area(struct user_desc *d)
{
    return sys1(__NR_set_thread_area, d);
}

int main(void)
{
    uint32_t old_gs;
    __asm__ volatile("xor %0, %0\n\tmov %%gs, %w0" : "=r"(old_gs));

    struct user_desc d = {(uint32_t)-1, (uint32_t)(uintptr_t)block_a, 0xfffff, DESC_FLAGS};
    show("set_thread_area(entry -1)", set_area(&d));
    fact("entry number written back", d.entry_number != (uint32_t)-1 && d.entry_number < 8192);
    uint32_t sel = d.entry_number * 8 + 3;
    gs_load(sel);
    fact("%gs:0 reads the block", gs_read(0) == 0xa0a0a0a0);
    fact("%gs:4 reads the block", gs_read(4) == 0xa1a1a1a1);
    __asm__ volatile("movl $0x5eed, %%gs:8" : : : "memory");
    fact("%gs:8 writes the block", block_a[2] == 0x5eed);

    struct r_timespec ts = {0, 20 * 1000000};
    sys2(__NR_nanosleep, &ts, 0);
    uint32_t gs_now;
    __asm__ volatile("xor %0, %0\n\tmov %%gs, %w0" : "=r"(gs_now));
    fact("%gs kept across a 20 ms sleep", gs_now == sel && gs_read(0) == 0xa0a0a0a0);

    d.base_addr = (uint32_t)(uintptr_t)block_b;
    show("set_thread_area(same entry, new base)", set_area(&d));
    fact("%gs:0 reads the new block at once", gs_read(0) == 0xb0b0b0b0);
    gs_load(sel);
    fact("%gs:0 reads the new block", gs_read(0) == 0xb0b0b0b0);

    struct user_desc g = {d.entry_number, 0, 0, 0};
    show("get_thread_area(the entry)", sys1(__NR_get_thread_area, &g));
    fact("it reads back the base, the limit and the flags",
         g.base_addr == (uint32_t)(uintptr_t)block_b && g.limit == 0xfffff &&
             g.flags == DESC_FLAGS);
    g = (struct user_desc){d.entry_number + 1, 1, 1, 1};
    show("get_thread_area(an empty slot)", sys1(__NR_get_thread_area, &g));
    fact("it reads as empty: base 0, limit 0, read_exec_only and seg_not_present",
         g.base_addr == 0 && g.limit == 0 && g.flags == 0x28);
    g.entry_number = 100;
    show("get_thread_area(entry 100)", sys1(__NR_get_thread_area, &g));
    show("get_thread_area(NULL)", sys1(__NR_get_thread_area, 0));

    show("set_thread_area(NULL)", set_area(0));
    show("set_thread_area(0xc0000000)", sys1(__NR_set_thread_area, KERNEL_LO));
    show("set_thread_area(0xfffffff8) (wraps)", sys1(__NR_set_thread_area, 0xfffffff8u));
    struct user_desc bad = {100, (uint32_t)(uintptr_t)block_a, 0xfffff, DESC_FLAGS};
    show("set_thread_area(entry 100)", set_area(&bad));
    bad.entry_number = 1;
    show("set_thread_area(entry 1, not a TLS slot)", set_area(&bad));
    struct user_desc empty = {d.entry_number, 0, 0, 0x28}; /* read_exec_only, seg_not_present */
    show("set_thread_area(clear the slot %gs holds)", set_area(&empty));
    __asm__ volatile("mov %%gs, %w0" : "=r"(gs_now));
    fact("%gs is null then", (gs_now & 0xffff) == 0);
    gs_load(old_gs);
    return 0;
}
