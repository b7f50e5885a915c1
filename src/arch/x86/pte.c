/* The page-table calls both widths share: the app's page entries (map, unmap, protect,
   query) and the kernel's window and device mappings. Each width's paging.c walks its own
   tables (pte_of) and builds the kernel's half. */
#include "arch/x86/pte.h"
#include "arch/x86/cpu.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/vm.h"

uint64_t nx_bit;
/* The window at KERNEL_KMAP_BASE: one page table's 2 MiB of 4 KiB slots. */
uint64_t kmap_pt[512] __attribute__((aligned(4096)));

/* A PROT_NONE page is not present, so every access faults, the kernel's copies included.
   It still owns its frame: like Linux (L1TF), the entry holds the frame number inverted,
   so that it never points at real memory. A page past a file's end is one too, which keeps
   its protection for the fault to judge. */
static uint64_t make_pte(uint64_t pa, uint32_t prot)
{
    uint64_t marks = prot & VM_NOWRITE ? PTE_NOWRITE : 0;
    if (prot & VM_PAST_END)
        marks |= PTE_PAST_END | (uint64_t)(prot & PROT_ALL) << PTE_PAST_END_PROT;
    else if (!(prot & PROT_ALL))
        marks |= PTE_PROTNONE | (prot & VM_SHARED ? PTE_SHARED_NONE : 0);
    else
        return pa | marks | PTE_P | PTE_U | (prot & PROT_WRITE ? PTE_W : 0) |
               (prot & PROT_EXEC ? 0 : nx_bit) | (prot & VM_SHARED ? PTE_SHARED : 0) |
               (prot & VM_LOCKED ? PTE_LOCKED : 0);
    return (~pa & PTE_ADDR) | marks | (prot & VM_LOCKED ? PTE_LOCKED_NONE : 0);
}

static uint64_t pte_frame(uint64_t e)
{
    return (e & PTE_P ? e : ~e) & PTE_ADDR;
}

/* The marks a mapped entry keeps, as make_pte put them. */
static uint32_t pte_marks(uint64_t e)
{
    bool p = e & PTE_P;
    return (e & PTE_NOWRITE ? VM_NOWRITE : 0) | (!p && (e & PTE_PAST_END) ? VM_PAST_END : 0) |
           (e & (p ? PTE_SHARED : PTE_SHARED_NONE) ? VM_SHARED : 0) |
           (e & (p ? PTE_LOCKED : PTE_LOCKED_NONE) ? VM_LOCKED : 0);
}

static uint64_t *user_pte(uaddr_t va)
{
    return va >= USER_MIN && va < USER_TOP ? pte_of(va) : 0;
}

int vm_map(uaddr_t va, uint64_t pa, uint32_t prot)
{
    if (va < USER_MIN || va >= USER_TOP)
        return -EINVAL;
    uint64_t *pte = pte_make(va);
    if (!pte)
        return -ENOMEM;
    *pte = make_pte(pa, prot);
    invlpg(va);
    return 0;
}

paddr_t vm_unmap(uaddr_t va, bool *shared)
{
    uint64_t *pte = user_pte(va);
    *shared = false;
    if (!pte || !pte_mapped(*pte))
        return 0;
    uint64_t pa = pte_frame(*pte);
    *shared = pte_marks(*pte) & VM_SHARED;
    *pte = 0; /* no stale frame number stays behind a non-present entry (L1TF) */
    invlpg(va);
    return pa;
}

__attribute__((cold)) void vm_move(uaddr_t va, uaddr_t to)
{
    uint64_t *from = user_pte(va), *dst = user_pte(to);
    *dst = *from;
    *from = 0;
    invlpg(va);
    invlpg(to);
}

__attribute__((cold)) bool vm_make_tables(uaddr_t va, word_t len)
{
    for (uaddr_t p = va; p - va < len; p += PAGE_SIZE)
        if (p < USER_MIN || p >= USER_TOP || !pte_make(p))
            return false;
    return true;
}

__attribute__((cold)) int vm_protect(uaddr_t va, uint32_t prot)
{
    uint64_t *pte = user_pte(va), e;
    if (!pte || !pte_mapped(e = *pte))
        return -ENOMEM;
    if ((e & PTE_NOWRITE) && (prot & PROT_WRITE))
        return -EACCES;
    *pte = make_pte(pte_frame(e), prot | pte_marks(e));
    invlpg(va);
    return 0;
}

/* A mark the CPU never reads: the TLB's copy of the entry stays good. */
__attribute__((cold)) void vm_lock(uaddr_t va, uint32_t lock)
{
    uint64_t *pte = user_pte(va), bit = *pte & PTE_P ? PTE_LOCKED : PTE_LOCKED_NONE;
    *pte = lock ? *pte | bit : *pte & ~bit;
}

__attribute__((cold)) void vm_kmap_init(void)
{
    kernel_pd[KMAP_PDE] = virt_to_phys(kmap_pt) | PTE_P | PTE_W;
    invlpg(KERNEL_KMAP_BASE); /* the boot map's 2 MiB page there */
}

__attribute__((cold)) void *vm_kmap_pages(unsigned slot, uint64_t pa, unsigned pages)
{
    uintptr_t va = KERNEL_KMAP_BASE + slot * PAGE_SIZE;
    for (unsigned i = 0; i < pages; i++) {
        kmap_pt[slot + i] = (pa + i * PAGE_SIZE) | PTE_P | PTE_W | nx_bit;
        invlpg(va + i * PAGE_SIZE);
    }
    return (void *)(uintptr_t)va;
}

__attribute__((cold)) volatile void *vm_map_mmio(paddr_t pa)
{
    uint64_t base = pa & ~0x1FFFFFul;
    kernel_pd[511] = base | PTE_P | PTE_W | PTE_PS | PTE_PCD | PTE_PWT | nx_bit;
    invlpg(KERNEL_MMIO_BASE);
    return (volatile void *)(uintptr_t)(KERNEL_MMIO_BASE + (pa - base));
}

/* Cold: only a fault on a page neither present nor PROT_NONE asks it. */
__attribute__((noinline, cold)) uint64_t vm_entry(uaddr_t va)
{
    uint64_t *pte = user_pte(va);
    return pte ? *pte : 0;
}

inline bool vm_mapped(uaddr_t va)
{
    uint64_t *pte = user_pte(va);
    return pte && pte_mapped(*pte);
}

/* Inline too: user_range_ok asks it for every page of every read and write. */
inline bool vm_query(uaddr_t va, paddr_t *pa, uint32_t *prot)
{
    uint64_t *pte = user_pte(va);
    if (!pte || !pte_mapped(*pte))
        return false;
    uint64_t e = *pte;
    if (pa)
        *pa = pte_frame(e);
    if (prot)
        *prot = !(e & PTE_P) ? PROT_NONE
                             : PROT_READ | (e & PTE_W ? PROT_WRITE : 0) |
                                   (e & nx_bit && nx_bit ? 0 : PROT_EXEC);
    return true;
}

__attribute__((cold)) bool vm_query_marks(uaddr_t va, paddr_t *pa, uint32_t *prot)
{
    bool mapped = vm_query(va, pa, prot);
    if (mapped)
        *prot |= pte_marks(*user_pte(va)) & (VM_SHARED | VM_LOCKED);
    return mapped;
}

/* The first 2 MiB, which hold the kernel image, in 4 KiB pages with per-section rights. */
uint64_t low_pt[512] __attribute__((aligned(4096)));

/* n entries from e on: first, then each step bytes of address on. */
__attribute__((cold)) static void fill(uint64_t *e, uint32_t n, uint64_t first, uint64_t step)
{
    for (uint64_t *end = e + n; e < end; e++, first += step)
        *e = first;
}

/* Low page-table entries for the kernel's virtual [from, to), page by page. */
__attribute__((cold)) static void map_low(const char *from, const char *to, uint64_t bits)
{
    uintptr_t i = page_round_up((uintptr_t)from - KERNEL_BASE) / PAGE_SIZE;
    uintptr_t end = page_round_up((uintptr_t)to - KERNEL_BASE) / PAGE_SIZE;
    fill(&low_pt[i], (uint32_t)(end - i), i * PAGE_SIZE | bits, PAGE_SIZE);
}

__attribute__((cold)) void pte_map_kernel(bool pti, const char *const guards[], unsigned nguards)
{
    extern char __text_start[], __text_end[], __rodata_start[], __data_start[];
    uint64_t g = cpu.pge && !pti ? PTE_G : 0, rw = PTE_P | PTE_W | g | nx_bit;
    char *base = (char *)KERNEL_BASE, *low_end = base + 512 * PAGE_SIZE;
    map_low(base, __text_start, rw);
    map_low(__text_start, __text_end, PTE_P | g);
    map_low(__text_end, __rodata_start, rw);
    map_low(__rodata_start, __data_start, PTE_P | g | nx_bit);
    map_low(__data_start, low_end, rw);
    for (unsigned i = 0; i < nguards; i++)
        low_pt[((uintptr_t)guards[i] - KERNEL_BASE) / PAGE_SIZE] = 0;
    fill(&kernel_pd[1], KMAP_PDE - 1, (1u << 21) | PTE_P | PTE_W | PTE_PS | g | nx_bit,
         1u << 21); /* the direct map's 2 MiB pages */
    /* Boot's mappings in the window were made before NX was on; it used no other slots. */
    memset(kmap_pt, 0, (KMAP_BOOT + KMAP_BOOT_PAGES) * sizeof(kmap_pt[0]));
    kernel_pd[KMAP_PDE] |= nx_bit;
    kernel_pd[511] = 0; /* KERNEL_MMIO_BASE: devices only (vm_map_mmio) */
    kernel_pd[0] = virt_to_phys(low_pt) | PTE_P | PTE_W;
}
