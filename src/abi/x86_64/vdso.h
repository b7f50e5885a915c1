/* The x86_64 vDSO in the app (vdso.c): where it is, for AT_SYSINFO_EHDR. */
#pragma once

#include <mode/types.h>

extern uaddr_t vdso_base; /* its ELF header; the clock page is the page below */
