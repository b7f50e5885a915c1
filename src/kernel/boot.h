/* What the boot loader told the kernel, in a loader-neutral form. */
#pragma once

#include <stdint.h>

#define BOOT_MAX_REGIONS 32
#define BOOT_CMDLINE_MAX 1024

struct boot_region {
    uint64_t base, len;
};

struct boot_info {
    const char *loader;
    char cmdline[BOOT_CMDLINE_MAX];
    /* The app: the first module (physical range), and its command line; later ones are
       ignored. */
    int has_module;
    uint64_t module_start, module_end; /* physical: anywhere in RAM */
    char module_cmdline[BOOT_CMDLINE_MAX];
    /* ACPI's root tables, from the RSDP the loader found (0: not given). */
    uint32_t acpi_rsdt;
    uint64_t acpi_xsdt;
    /* Usable RAM. */
    int nregions;
    struct boot_region regions[BOOT_MAX_REGIONS];
};

/* Parse the loader's information (Multiboot2 or PVH); returns 0, or -1 for an unknown loader. */
int boot_parse(uint32_t magic, uint32_t info_phys, struct boot_info *bi);
