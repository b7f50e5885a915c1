/* ACPI, only to stop the machine when the app has ended. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* The RSDT's and XSDT's addresses from an RSDP (ACPI 1.0's has no XSDT: 0); false if
   rsdp is not one. */
bool acpi_rsdp_roots(const uint8_t *rsdp, uint32_t *rsdt_phys, uint64_t *xsdt_phys);
/* Where the loader says the RSDT and XSDT are (0: unknown; the BIOS area is searched). */
void acpi_set_root(uint32_t rsdt_phys, uint64_t xsdt_phys);
/* Enter S5 (soft off); returns only if the machine has no ACPI way to do it. */
void acpi_poweroff(void);
/* Reset through the FADT's reset register; returns if there is none. */
void acpi_reset(void);
