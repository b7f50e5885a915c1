/* Power-off and reset through ACPI, for when the app has ended: the FADT's PM1 control
   registers (or, on hardware-reduced ACPI such as QEMU's microvm, its sleep control
   register) with the \_S5 sleep type from the DSDT. Read at the end, never at boot. */
#include "arch/x86/acpi.h"
#include "arch/x86/cpu.h"
#include "kernel/string.h"
#include "kernel/vm.h"

#define FADT_HW_REDUCED (1u << 20)
#define FADT_RESET_REG_SUP (1u << 10)
#define PM1_SCI_EN 0x0001
#define PM1_SLP_EN 0x2000
#define SLEEP_CTL_SLP_EN 0x20
#define QEMU_GED_SLP_TYP_S5 5
#define GAS_MEMORY 0
#define GAS_IO 1

static uint32_t rsdt, xsdt; /* from the loader; 0: look for the RSDP in the BIOS area */

void acpi_set_root(uint32_t rsdt_phys, uint64_t xsdt_phys)
{
    rsdt = rsdt_phys;
    xsdt = xsdt_phys >> 32 ? 0 : (uint32_t)xsdt_phys; /* a table above 4 GiB is out of reach */
}

/* A table's bytes; a table outside the direct map borrows the device window. */
static const uint8_t *table(uint32_t pa)
{
    if (pa < KERNEL_DIRECT_MAP_SIZE - 0x10000)
        return phys_to_virt(pa);
    return (const uint8_t *)vm_map_mmio(pa);
}

/* A little-endian word at any alignment: x86's own loads are both, so one load reads it. */
static uint32_t u32(const uint8_t *p)
{
    uint32_t v;
    __builtin_memcpy(&v, p, sizeof(v));
    return v;
}

bool acpi_rsdp_roots(const uint8_t *rsdp, uint32_t *rsdt_phys, uint64_t *xsdt_phys)
{
    if (u32(rsdp) != u32((const uint8_t *)"RSD ") || u32(rsdp + 4) != u32((const uint8_t *)"PTR "))
        return false;
    *rsdt_phys = u32(rsdp + 16);
    *xsdt_phys = rsdp[15] >= 2 ? (uint64_t)u32(rsdp + 24) | (uint64_t)u32(rsdp + 28) << 32 : 0;
    return true;
}

static void find_rsdp(void)
{
    uint32_t r;
    uint64_t x;
    for (uint32_t pa = 0xE0000; pa < 0x100000; pa += 16)
        if (acpi_rsdp_roots(phys_to_virt(pa), &r, &x)) {
            acpi_set_root(r, x);
            return;
        }
}

/* The FADT's physical address, from the XSDT or the RSDT; 0 if there is none. */
static uint32_t find_fadt(void)
{
    if (!rsdt && !xsdt)
        find_rsdp();
    uint32_t root = xsdt ? xsdt : rsdt, step = xsdt ? 8 : 4;
    if (!root)
        return 0;
    uint32_t len = u32(table(root) + 4);
    for (uint32_t off = 36; off + step <= len; off += step) {
        const uint8_t *r = table(root); /* the window may have moved */
        uint32_t pa = u32(r + off);
        if (step == 8 && u32(r + off + 4))
            continue;
        if (u32(table(pa)) == u32((const uint8_t *)"FACP"))
            return pa;
    }
    return 0;
}

/* \_S5's first two package elements (SLP_TYPa, SLP_TYPb) in the DSDT's AML. */
static bool s5_types(uint32_t dsdt, uint8_t typ[2])
{
    uint32_t len = u32(table(dsdt) + 4);
    for (uint32_t i = 36; i + 12 < len; i++) {
        const uint8_t *p = table(dsdt) + i;
        if (u32(p) != u32((const uint8_t *)"_S5_") || p[4] != 0x12) /* NameOp _S5_ PackageOp */
            continue;
        p += 5;
        p += 1 + (*p >> 6); /* PkgLength: the lead byte and 0 to 3 more */
        p++;                /* NumElements */
        for (int k = 0; k < 2; k++) {
            if (*p == 0x0A) /* BytePrefix */
                p++;
            typ[k] = *p++ & 7; /* ZeroOp and OneOp are the values 0 and 1 themselves */
        }
        return true;
    }
    return false;
}

static void gas_write(const uint8_t *gas, uint8_t value)
{
    uint32_t addr = u32(gas + 4);
    if (gas[0] == GAS_IO)
        outb((uint16_t)addr, value);
    else if (gas[0] == GAS_MEMORY && addr)
        *(volatile uint8_t *)vm_map_mmio(addr) = value;
}

void acpi_poweroff(void)
{
    uint32_t fadt_pa = find_fadt();
    if (!fadt_pa)
        return;
    uint8_t f[276] = {0}, typ[2] = {0, 0};
    uint32_t len = u32(table(fadt_pa) + 4);
    memcpy(f, table(fadt_pa), len < sizeof(f) ? len : sizeof(f));
    uint32_t dsdt = len >= 148 && u32(f + 140) && !u32(f + 144) ? u32(f + 140) : u32(f + 40);
    bool s5 = dsdt && s5_types(dsdt, typ);
    if (u32(f + 112) & FADT_HW_REDUCED) {
        /* QEMU's microvm (7.2) has no \_S5; its GED takes sleep type 5 for soft off. */
        if (len >= 256)
            gas_write(f + 244,
                      (uint8_t)((s5 ? typ[0] : QEMU_GED_SLP_TYP_S5) << 2 | SLEEP_CTL_SLP_EN));
        return;
    }
    if (!s5)
        return;
    uint16_t pm1a = (uint16_t)u32(f + 64), pm1b = (uint16_t)u32(f + 68);
    uint16_t smi_cmd = (uint16_t)u32(f + 48);
    if (smi_cmd && f[52] && !(inw(pm1a) & PM1_SCI_EN)) { /* legacy mode: ask for ACPI */
        outb(smi_cmd, f[52]);
        for (int i = 0; i < 1000000 && !(inw(pm1a) & PM1_SCI_EN); i++)
            __asm__ volatile("pause");
    }
    outw(pm1a, (uint16_t)(typ[0] << 10 | PM1_SLP_EN));
    if (pm1b)
        outw(pm1b, (uint16_t)(typ[1] << 10 | PM1_SLP_EN));
}

void acpi_reset(void)
{
    uint32_t fadt_pa = find_fadt();
    if (!fadt_pa)
        return;
    const uint8_t *f = table(fadt_pa);
    if (u32(f + 4) >= 129 && (u32(f + 112) & FADT_RESET_REG_SUP)) {
        uint8_t gas[12], value = f[128];
        __builtin_memcpy(gas, f + 116, sizeof(gas));
        gas_write(gas, value);
    }
}
