/* Reads Multiboot2 (GRUB) and PVH (QEMU -kernel, microvm) boot information into a boot_info. */
#include "arch/x86/acpi.h"
#include "kernel/boot.h"
#include "kernel/string.h"
#include "kernel/vm.h"

#define MB2_BOOT_MAGIC 0x36D76289u
#define PVH_MAGIC 0x336EC578u

/* The loader's data may lie anywhere in RAM (QEMU puts PVH's near its top): len bytes at pa,
   through the direct map or the boot slots of the kernel's window, which the next call
   reuses. At most KMAP_BOOT_PAGES pages are reached. */
static const void *boot_map(uint64_t pa, uint32_t len)
{
    if (pa + len <= KERNEL_DIRECT_MAP_SIZE)
        return phys_to_virt((uint32_t)pa);
    uint32_t off = (uint32_t)pa & ~PAGE_MASK, pages = (off + len + PAGE_SIZE - 1) / PAGE_SIZE;
    if (pages > KMAP_BOOT_PAGES)
        pages = KMAP_BOOT_PAGES;
    return (const uint8_t *)vm_kmap_pages(KMAP_BOOT, pa - off, pages) + off;
}

/* A string of at most max bytes, terminated or not: copied and always terminated. */
static void copy_bounded(char *dst, const char *src, uint32_t max)
{
    uint32_t i = 0;
    for (; i < max && i < BOOT_CMDLINE_MAX - 1 && src[i]; i++)
        dst[i] = src[i];
    dst[i] = 0;
}

static void copy_str(char *dst, uint64_t phys)
{
    if (phys)
        copy_bounded(dst, boot_map(phys, BOOT_CMDLINE_MAX), BOOT_CMDLINE_MAX);
}

/* Out of line: one copy serves both loaders' memory maps. */
__attribute__((noinline)) static void add_region(struct boot_info *bi, uint64_t base, uint64_t len,
                                                 uint32_t type)
{
    if (type == 1 && bi->nregions < BOOT_MAX_REGIONS)
        bi->regions[bi->nregions++] = (struct boot_region){base, len};
}

/* The first module is the app's; false for any other, which is ignored. */
static bool add_module(struct boot_info *bi, uint64_t start, uint64_t end)
{
    if (bi->has_module)
        return false;
    bi->has_module = 1;
    bi->module_start = start;
    bi->module_end = end;
    return true;
}

static void parse_mb2(uint32_t info, struct boot_info *bi)
{
    uint32_t total = *(const uint32_t *)boot_map(info, 8);
    if (total > KMAP_BOOT_PAGES * PAGE_SIZE - PAGE_SIZE)
        total = KMAP_BOOT_PAGES * PAGE_SIZE - PAGE_SIZE;
    const uint8_t *base = boot_map(info, total);
    for (uint32_t off = 8; off + 8 <= total;) {
        const uint8_t *tag = base + off;
        uint32_t type = *(const uint32_t *)tag, size = *(const uint32_t *)(tag + 4);
        if (type == 0 || size < 8 || size > total - off)
            break;
        if (type == 1) {
            copy_bounded(bi->cmdline, (const char *)tag + 8, size - 8);
        } else if (type == 3 && size >= 16) {
            const uint32_t *m = (const uint32_t *)(tag + 8);
            if (add_module(bi, m[0], m[1]))
                copy_bounded(bi->module_cmdline, (const char *)tag + 16, size - 16);
        } else if (type == 6) {
            uint32_t esize = *(const uint32_t *)(tag + 8);
            for (uint32_t e = 16; esize && e + esize <= size; e += esize) {
                const uint8_t *ent = tag + e;
                add_region(bi, *(const uint64_t *)ent, *(const uint64_t *)(ent + 8),
                           *(const uint32_t *)(ent + 16));
            }
        } else if (type == 14 || type == 15) { /* a copy of the ACPI 1.0 or 2.0 RSDP */
            acpi_rsdp_roots(tag + 8, &bi->acpi_rsdt, &bi->acpi_xsdt);
        }
        off += (size + 7) & ~7u;
    }
}

/* struct hvm_start_info (Xen's public arch-x86/hvm/start_info.h) and its tables. */
struct pvh_start_info {
    uint32_t magic, version, flags, nr_modules;
    uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr, memmap_paddr;
    uint32_t memmap_entries, reserved;
};

struct pvh_module {
    uint64_t paddr, size, cmdline_paddr, reserved;
};

struct pvh_memmap_entry {
    uint64_t addr, size;
    uint32_t type, reserved;
};

/* PVH gives modules no command line of their own (QEMU's -initrd is one file), so the app's
   argv comes after "--" on the kernel's, as Linux passes init its arguments. */
static void split_app_args(struct boot_info *bi)
{
    for (char *p = bi->cmdline; *p; p++) {
        if ((p == bi->cmdline || p[-1] == ' ') && p[0] == '-' && p[1] == '-' &&
            (p[2] == ' ' || p[2] == 0)) {
            strlcpy(bi->module_cmdline, p[2] ? p + 3 : "", BOOT_CMDLINE_MAX);
            *p = 0;
            return;
        }
    }
}

/* Each piece is copied out at once: the next boot_map may reuse the slots. */
static void parse_pvh(uint32_t info, struct boot_info *bi)
{
    struct pvh_start_info si = *(const struct pvh_start_info *)boot_map(info, sizeof(si));
    copy_str(bi->cmdline, si.cmdline_paddr);
    if (si.rsdp_paddr)
        acpi_rsdp_roots(boot_map(si.rsdp_paddr, 36), &bi->acpi_rsdt, &bi->acpi_xsdt);
    for (uint32_t i = 0; si.modlist_paddr && i < si.nr_modules; i++) {
        struct pvh_module m =
            *(const struct pvh_module *)boot_map(si.modlist_paddr + i * sizeof(m), sizeof(m));
        if (add_module(bi, m.paddr, m.paddr + m.size))
            copy_str(bi->module_cmdline, m.cmdline_paddr);
    }
    for (uint32_t i = 0; si.version >= 1 && si.memmap_paddr && i < si.memmap_entries; i++) {
        struct pvh_memmap_entry e =
            *(const struct pvh_memmap_entry *)boot_map(si.memmap_paddr + i * sizeof(e), sizeof(e));
        add_region(bi, e.addr, e.size, e.type);
    }
    if (!bi->module_cmdline[0])
        split_app_args(bi);
}

/* bi arrives zeroed (kmain's is static, in .bss): nothing clears it again. */
int boot_parse(uint32_t magic, uint32_t info, struct boot_info *bi)
{
    if (magic == MB2_BOOT_MAGIC) {
        bi->loader = "multiboot2";
        parse_mb2(info, bi);
    } else if (magic == PVH_MAGIC) {
        bi->loader = "pvh";
        parse_pvh(info, bi);
    } else {
        return -1;
    }
    return 0;
}
