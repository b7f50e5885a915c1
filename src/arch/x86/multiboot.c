/* Reads Multiboot2 (GRUB) and Multiboot1 (QEMU -kernel) boot information into a boot_info. */
#include "kernel/boot.h"
#include "kernel/string.h"
#include "kernel/vm.h"

#define MB1_BOOT_MAGIC 0x2BADB002u
#define MB2_BOOT_MAGIC 0x36D76289u

static void copy_str(char *dst, uint32_t phys)
{
    strlcpy(dst, phys_to_virt(phys), BOOT_CMDLINE_MAX);
}

static void add_region(struct boot_info *bi, uint64_t base, uint64_t len, uint32_t type)
{
    if (type == 1 && bi->nregions < BOOT_MAX_REGIONS)
        bi->regions[bi->nregions++] = (struct boot_region){base, len};
}

static void add_module(struct boot_info *bi, uint32_t start, uint32_t end, uint32_t str)
{
    if (bi->module_count++ == 0) {
        bi->has_module = 1;
        bi->module_start = start;
        bi->module_end = end;
        copy_str(bi->module_cmdline, str);
    }
}

static void parse_mb2(uint32_t info, struct boot_info *bi)
{
    uint32_t total = *(const uint32_t *)phys_to_virt(info);
    for (uint32_t off = 8; off + 8 <= total;) {
        const uint8_t *tag = phys_to_virt(info + off);
        uint32_t type = *(const uint32_t *)tag, size = *(const uint32_t *)(tag + 4);
        if (type == 0 || size < 8)
            break;
        if (type == 1) {
            copy_str(bi->cmdline, info + off + 8);
        } else if (type == 3) {
            const uint32_t *m = (const uint32_t *)(tag + 8);
            add_module(bi, m[0], m[1], info + off + 16);
        } else if (type == 6) {
            uint32_t esize = *(const uint32_t *)(tag + 8);
            for (uint32_t e = 16; esize && e + esize <= size; e += esize) {
                const uint8_t *ent = tag + e;
                add_region(bi, *(const uint64_t *)ent, *(const uint64_t *)(ent + 8),
                           *(const uint32_t *)(ent + 16));
            }
        }
        off += (size + 7) & ~7u;
    }
}

static void parse_mb1(uint32_t info, struct boot_info *bi)
{
    const uint32_t *mbi = phys_to_virt(info);
    uint32_t flags = mbi[0];
    if (flags & (1u << 2))
        copy_str(bi->cmdline, mbi[4]);
    if (flags & (1u << 3)) {
        const uint32_t *mods = phys_to_virt(mbi[6]);
        for (uint32_t i = 0; i < mbi[5]; i++)
            add_module(bi, mods[i * 4], mods[i * 4 + 1], mods[i * 4 + 2]);
    }
    if (flags & (1u << 6)) {
        for (uint32_t off = 0; off < mbi[11];) {
            const uint8_t *ent = phys_to_virt(mbi[12] + off);
            uint32_t size = *(const uint32_t *)ent;
            add_region(bi, *(const uint64_t *)(ent + 4), *(const uint64_t *)(ent + 12),
                       *(const uint32_t *)(ent + 20));
            off += size + 4;
        }
    }
}

int boot_parse(uint32_t magic, uint32_t info, struct boot_info *bi)
{
    memset(bi, 0, sizeof(*bi));
    if (magic == MB2_BOOT_MAGIC) {
        bi->loader = "multiboot2";
        parse_mb2(info, bi);
    } else if (magic == MB1_BOOT_MAGIC) {
        bi->loader = "multiboot1";
        parse_mb1(info, bi);
    } else {
        return -1;
    }
    return 0;
}
