/* The x86 bring-up both widths share: ACPI's tables, the CPU, the PIC. */
#include "arch/x86/arch.h"
#include "arch/x86/acpi.h"
#include "arch/x86/cpu.h"
#include "arch/x86/pic.h"

void arch_init(const struct boot_info *bi)
{
    acpi_set_root(bi->acpi_rsdt, bi->acpi_xsdt);
    cpu_init();
    cpu_apply_options();
    pic_init();
    pic_unmask(IRQ_COM1);
}
